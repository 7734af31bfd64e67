/**
 * What a browser sees at /graphql: Apollo Sandbox, opened on a working example operation against
 * the demo data, or nothing at all in production unless GRAPHQL_SANDBOX turns it on.
 */
import { readFileSync } from 'node:fs';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { Config } from './config.js';

/** The example Sandbox opens with; a test runs it against the emulator so it never rots. */
export const SANDBOX_EXAMPLE = 'task-runs';
const EXAMPLES_DIR = new URL('../examples/', import.meta.url);

export function loadExample(name: string): { document: string; variables: Record<string, unknown> } {
  return {
    document: readFileSync(new URL(`${name}.graphql`, EXAMPLES_DIR), 'utf8'),
    variables: JSON.parse(readFileSync(new URL(`${name}.variables.json`, EXAMPLES_DIR), 'utf8')) as Record<string, unknown>,
  };
}

export function landingPagePlugin(config: Pick<Config, 'sandbox'>): ApolloServerPlugin {
  if (!config.sandbox) return ApolloServerPluginLandingPageDisabled();
  const { document, variables } = loadExample(SANDBOX_EXAMPLE);
  return ApolloServerPluginLandingPageLocalDefault({
    embed: { endpointIsEditable: false, runTelemetry: false },
    includeCookies: false,
    footer: false,
    document,
    variables,
  });
}

/** The deployment files as data, for the tests under test/deploy. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';
import { parseDockerfile } from './dockerfile.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const readRepoFile = (path: string): string => readFileSync(new URL(path, new URL('../../', import.meta.url)), 'utf8');

/** Strict YAML: duplicate keys and anything else the spec forbids are errors; `<<` merges (compose uses it). */
export function parseYaml<T = any>(text: string): T {
  return parse(text, { strict: true, uniqueKeys: true, merge: true, prettyErrors: true }) as T;
}

export function parseYamlDocuments<T = any>(text: string): T[] {
  return parseAllDocuments(text, { strict: true, uniqueKeys: true, merge: true, prettyErrors: true }).map((doc) => {
    if (doc.errors.length) throw doc.errors[0];
    return doc.toJS() as T;
  });
}

export const dockerfile = () => parseDockerfile(readRepoFile('Dockerfile'));

export interface ComposeService {
  image?: string;
  build?: string | { context: string };
  command?: string[];
  environment?: Record<string, string>;
  deploy?: { replicas?: number };
  ports?: string[];
  profiles?: string[];
  volumes?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  stop_grace_period?: string;
  read_only?: boolean;
  cap_drop?: string[];
}

export const compose = () => parseYaml<{ services: Record<string, ComposeService> }>(readRepoFile('compose.yaml'));

/** `${VAR:-default}` / `${VAR}` as compose substitutes them from `env` (unset → default, or empty). */
export function composeValue(value: string, env: Record<string, string | undefined> = {}): string {
  return value.replace(/\$\{(\w+)(?::?-([^}]*))?\}/g, (_, name: string, fallback: string | undefined) => env[name] || fallback || '');
}

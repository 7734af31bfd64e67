/**
 * Builds the safelist manifest (safelist.json) from the example operations (examples/*.graphql) and
 * the typed client's documents (examples/web/src/gql), and records each document's token count, which
 * sizes MAX_QUERY_TOKENS' default. `npm run safelist` writes it; test/security/safelist.test.ts fails
 * when the committed file is stale.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Lexer, parse, Source, TokenKind, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import * as typedClient from '../examples/web/src/gql/graphql.js';
import { operationHash } from '../src/http/operation-policy.js';
import { SAFELIST_PATH, type SafelistManifest } from '../src/security/safelist.js';

const root = new URL('../', import.meta.url);

/** Tokens as graphql-js's parser counts them for `maxTokens` (comments excluded). */
export function countTokens(text: string): number {
  const lexer = new Lexer(new Source(text));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count += 1;
  return count;
}

function operationName(document: DocumentNode): string {
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
  return operation?.name?.value ?? '(anonymous)';
}

export function buildSafelist(): SafelistManifest {
  const files = readdirSync(new URL('examples/', root)).filter((f) => f.endsWith('.graphql')).sort();
  const fromExamples = files.map((file) => {
    const text = readFileSync(new URL(`examples/${file}`, root), 'utf8');
    const document = parse(text);
    return { source: `examples/${file}`, name: operationName(document), hash: operationHash(document), tokens: countTokens(text) };
  });
  const fromClient = Object.entries(typedClient)
    .filter(([name, value]) => name.endsWith('Document') && (value as DocumentNode).kind === 'Document')
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => ({ source: `examples/web/src/gql/graphql.ts#${name}`, name: operationName(value as DocumentNode), hash: operationHash(value as DocumentNode) }));
  return { operations: [...fromExamples, ...fromClient] };
}

export const manifestText = () => `${JSON.stringify(buildSafelist(), null, 2)}\n`;

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(SAFELIST_PATH, manifestText());
  const largest = Math.max(...buildSafelist().operations.map((o) => o.tokens ?? 0));
  console.log(`Wrote ${SAFELIST_PATH.pathname}; largest example operation: ${largest} tokens`);
}

/**
 * The executable schema: the SDL files under schema/ plus the resolvers. Built as a subgraph so the
 * same schema serves clients directly and composes into a federated supergraph.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLSchema } from 'graphql';
import { parse } from 'graphql';
import { resolvers } from './resolvers/index.js';

// schema/ sits beside src/ (and beside dist/ once compiled), so one relative URL serves both.
const SCHEMA_DIR = new URL('../schema/', import.meta.url);

export function loadTypeDefs(): string {
  return readdirSync(SCHEMA_DIR)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readFileSync(new URL(file, SCHEMA_DIR), 'utf8'))
    .join('\n');
}

export function buildSchema(): GraphQLSchema {
  // The generated Resolvers type is stricter than @apollo/subgraph's loose resolver map.
  return buildSubgraphSchema({ typeDefs: parse(loadTypeDefs()), resolvers: resolvers as never });
}

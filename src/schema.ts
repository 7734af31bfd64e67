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

/** The SDL file that defines the Mutation type; codegen always reads it, the served schema only when enabled. */
export const MUTATION_SDL_FILE = 'mutation.graphql';

export interface SchemaOptions {
  /** GRAPHQL_MUTATIONS: include the Mutation type. Off unless asked for. */
  mutations?: boolean;
}

export function loadTypeDefs(options: SchemaOptions = {}): string {
  return readdirSync(SCHEMA_DIR)
    .filter((file) => file.endsWith('.graphql'))
    .filter((file) => options.mutations === true || file !== MUTATION_SDL_FILE)
    .sort()
    .map((file) => readFileSync(new URL(file, SCHEMA_DIR), 'utf8'))
    .join('\n');
}

export function buildSchema(options: SchemaOptions = {}): GraphQLSchema {
  // Without the Mutation type its resolvers have nothing to attach to: leave them out too.
  const { Mutation: _mutation, ...queryOnly } = resolvers;
  const served = options.mutations === true ? resolvers : queryOnly;
  // The generated Resolvers type is stricter than @apollo/subgraph's loose resolver map.
  return buildSubgraphSchema({ typeDefs: parse(loadTypeDefs(options)), resolvers: served as never });
}

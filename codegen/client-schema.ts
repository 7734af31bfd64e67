/**
 * graphql-codegen schema loader for the client artefacts (src/client/generated/): the schema frontends
 * talk to. It is the schema the gateway serves, built as a Federation subgraph (so `@link` and `@key`
 * are defined, which a plain SDL loader rejects), with the Mutation type on, less federation's
 * `_service`/`_entities` root fields and `_`-named types, which only a router calls.
 */
import { filterSchema } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from '../src/schema.js';

/** What a frontend never sees: federation's router-only fields and types. */
const isRouterOnly = (name: string) => name.startsWith('_');

export function clientSchema(): GraphQLSchema {
  return filterSchema({
    schema: buildSchema({ mutations: true }),
    typeFilter: (name) => !isRouterOnly(name),
    rootFieldFilter: (_operation, field) => !isRouterOnly(field),
  });
}

export default clientSchema;

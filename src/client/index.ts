/**
 * What a frontend's normalised cache needs to know about this API, generated from the schema the
 * gateway serves (codegen.yml; `npm run codegen:check` fails when they are stale). Production turns
 * introspection off, so clients cannot fetch any of this at run time.
 *
 * Imports nothing at run time: no server code, no client library, so any frontend can take it.
 * See docs/clients.md for Apollo Client's and urql's setup.
 */
import fragmentMatcher from './generated/possible-types.js';
import { keys } from './generated/graphcache-keys.js';
import graphcacheSchema from './generated/graphcache-schema.json' with { type: 'json' };

/**
 * Apollo Client `InMemoryCache({ possibleTypes })`: the members of each union. Without it a fragment on
 * a union (`... on FindMatchesTaskRunProperties`) is stored as `{ __typename }` only, silently.
 */
export const possibleTypes: Record<string, string[]> = fragmentMatcher.possibleTypes;

/** urql Graphcache `cacheExchange({ schema })`: the minified introspection Graphcache reads. */
export const schema = graphcacheSchema;

/** urql Graphcache `cacheExchange({ keys })`: every type without an `id`, embedded in its parent. */
export { keys };

/**
 * Apollo Client `InMemoryCache({ typePolicies })` for the same types: each has no id, so Apollo stores
 * it inside its parent, and `merge: true` lets two operations that select different fields of it
 * (say, a run's properties) add up instead of replacing each other with a "Cache data may be lost" warning.
 */
export const embeddedTypePolicies = Object.fromEntries(Object.keys(keys).map((typename) => [typename, { merge: true }])) as Record<
  keyof typeof keys,
  { merge: true }
>;

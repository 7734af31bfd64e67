/**
 * What a frontend's normalised cache needs to know about this API, generated from the schema the
 * gateway serves (codegen.yml; `npm run codegen:check` fails when they are stale). Production turns
 * introspection off, so clients cannot fetch any of this at run time.
 *
 * Imports nothing at run time: no server code, no client library, so any frontend can take it.
 * See docs/clients.md for Apollo Client's and urql's setup.
 */
import fragmentMatcher from './generated/possible-types.js';
import graphcacheSchema from './generated/graphcache-schema.json' with { type: 'json' };

/**
 * Apollo Client `InMemoryCache({ possibleTypes })`: the members of each union. Without it a fragment on
 * a union (`... on FindMatchesTaskRunProperties`) is stored as `{ __typename }` only, silently.
 */
export const possibleTypes: Record<string, string[]> = fragmentMatcher.possibleTypes;

/** urql Graphcache `cacheExchange({ schema })`: the minified introspection Graphcache reads. */
export const schema = graphcacheSchema;

/** urql Graphcache `cacheExchange({ keys })`: every type without an `id`, embedded in its parent. */
export { keys } from './generated/graphcache-keys.js';

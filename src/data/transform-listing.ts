/**
 * `Query.mlTransforms`: GetMLTransforms behind a Relay connection, filtered and sorted as asked
 * (transform-criteria.ts). Every transform listed is primed
 * into the operation's transform loader, so resolving it again (e.g. through a run) costs no call.
 */
import type { QuerymlTransformsArgs } from '../generated/graphql.js';
import { fetchConnection } from '../pagination/connection.js';
import type { TransformConnection } from './connection-types.js';
import type { DataContext } from './data-context.js';
import { transformListQuery } from './transform-criteria.js';
import { callGlue } from './upstream-failure.js';


export async function listTransforms(context: DataContext, args: QuerymlTransformsArgs): Promise<TransformConnection> {
  const { filter, sort, fingerprint } = transformListQuery(args);
  const connection = await fetchConnection(
    (nextToken, maxResults) =>
      callGlue(context.failures, { operation: 'GetMLTransforms', ids: {} }, () =>
        context.glue.getMLTransforms({ maxResults, nextToken, filter, sort }),
      ),
    { first: args.first, after: args.after, fingerprint },
  );
  for (const { node } of connection.edges) {
    if (node.TransformId) context.loaders.transform.prime(node.TransformId, node);
  }
  return connection;
}

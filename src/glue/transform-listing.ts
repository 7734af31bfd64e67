/**
 * `Query.mlTransforms`: GetMLTransforms behind a Relay connection. Every transform listed is primed
 * into the operation's transform loader, so resolving it again (e.g. through a run) costs no call.
 */
import type { GatewayContext } from '../context.js';
import type { QuerymlTransformsArgs } from '../generated/graphql.js';
import { fetchConnection, type Connection, type Edge } from '../pagination/connection.js';
import { queryFingerprint } from '../pagination/cursor.js';
import { callGlue } from './call.js';
import type { TransformRecord } from './transform.js';

export type TransformConnection = Connection<TransformRecord>;
export type TransformEdge = Edge<TransformRecord>;

export async function listTransforms(context: GatewayContext, args: QuerymlTransformsArgs): Promise<TransformConnection> {
  const connection = await fetchConnection(
    (nextToken, maxResults) =>
      callGlue(context, 'GetMLTransforms', {}, () => context.glue.getMLTransforms({ maxResults, nextToken })),
    { first: args.first, after: args.after, fingerprint: queryFingerprint(['MLTransforms']) },
  );
  for (const { node } of connection.edges) {
    if (node.TransformId) context.loaders.transform.prime(node.TransformId, node);
  }
  return connection;
}

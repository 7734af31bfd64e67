/**
 * Relay's Global Object Identification: `node(id:)` and `nodes(ids:)` fetch a run or a transform by
 * its global id, through the same per-operation loaders (and so the same batching, limits and cache
 * hints) as `mlTaskRun` and `mlTransform`.
 */
import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import type { GatewayContext } from '../context.js';
import { tooManyTaskRuns } from '../data/task-run-loader.js';
import { gatewayError } from '../errors.js';
import type { TaskRunRecord, TransformRecord } from '../glue/records.js';
import type { NodeResolvers, QueryResolvers } from '../generated/graphql.js';
import { hintTaskRun } from './cache-hints.js';
import { parseGlobalId, quoteId } from './global-ids.js';

/** NOT_FOUND says which id found nothing: a `nodes` list may hold ids of both types. */
function namingId(id: string, error: unknown): unknown {
  if (!(error instanceof GraphQLError) || error.extensions.code !== 'NOT_FOUND') return error;
  return gatewayError('NOT_FOUND', `No object has id ${quoteId(id)}: ${error.message}`, {
    extensions: error.extensions,
    originalError: error,
  });
}

async function loadNode(
  argumentName: string,
  id: string,
  { loaders, config }: GatewayContext,
  info: GraphQLResolveInfo,
): Promise<TaskRunRecord | TransformRecord> {
  const target = parseGlobalId(argumentName, id);
  try {
    if (target.type === 'MLTransform') return await loaders.transform.load(target.transformId);
    return hintTaskRun(info, await loaders.taskRun.load(target.key), config.cacheControl);
  } catch (error) {
    throw namingId(id, error);
  }
}

export const nodeQueries: Pick<QueryResolvers, 'node' | 'nodes'> = {
  node: (_root, { id }, context, info) => loadNode('id', id, context, info),
  nodes: (_root, { ids }, context, info) => {
    // Every id counts, repeats and transforms too, as keys do in `mlTaskRuns`.
    if (ids.length > context.config.maxTaskRunsPerRequest) throw tooManyTaskRuns(context.config.maxTaskRunsPerRequest);
    // Each entry resolves or fails on its own: a bad or missing id is null at its index, nothing more.
    return ids.map((id, i) => loadNode(`ids[${i}]`, id, context, info));
  },
};

export const Node: NodeResolvers = {
  // Only a task run has a TaskRunId: the loaders hand up Glue's records as they are.
  __resolveType: (node) => ('TaskRunId' in node ? 'MLTaskRun' : 'MLTransform'),
};

/**
 * Connection and edge types. Nodes resolve through the operation's loaders, which the listing primed:
 * every way of reaching a run or transform shares one cache, and a node costs no extra Glue call.
 */
import type { Resolvers } from '../generated/graphql.js';
import type { TaskRunRecord, TransformRecord } from '../glue/records.js';
import type { GatewayContext } from '../context.js';

const loadRun = (run: TaskRunRecord, { loaders }: GatewayContext) =>
  run.TransformId && run.TaskRunId ? loaders.taskRun.load({ transformId: run.TransformId, taskRunId: run.TaskRunId }) : run;
const loadTransform = (transform: TransformRecord, { loaders }: GatewayContext) =>
  transform.TransformId ? loaders.transform.load(transform.TransformId) : transform;

export const connections: Pick<Resolvers, 'MLTaskRunConnection' | 'MLTaskRunEdge' | 'MLTransformConnection' | 'MLTransformEdge'> = {
  MLTaskRunConnection: {
    edges: (c) => c.edges,
    nodes: (c, _args, context) => c.edges.map((edge) => loadRun(edge.node, context)),
    pageInfo: (c) => c.pageInfo,
  },
  MLTaskRunEdge: {
    cursor: (edge) => edge.cursor,
    node: (edge, _args, context) => loadRun(edge.node, context),
  },
  MLTransformConnection: {
    edges: (c) => c.edges,
    nodes: (c, _args, context) => c.edges.map((edge) => loadTransform(edge.node, context)),
    pageInfo: (c) => c.pageInfo,
  },
  MLTransformEdge: {
    cursor: (edge) => edge.cursor,
    node: (edge, _args, context) => loadTransform(edge.node, context),
  },
};

/** All resolvers, grouped by the type they belong to. */
import { DateTimeResolver, SafeIntResolver } from 'graphql-scalars';
import type { Resolvers } from '../generated/graphql.js';
import { connections } from './connection.js';
import { Mutation, mutationPayloads } from './mutation.js';
import { Node, nodeQueries } from './node.js';
import { properties } from './properties.js';
import { Query } from './query.js';
import { Subscription } from './subscription.js';
import { MLTaskRun } from './task-run.js';
import { transformDetails } from './transform-details.js';
import { MLTransform, transformQueries } from './transform.js';

export const resolvers: Resolvers = {
  DateTime: DateTimeResolver,
  SafeInt: SafeIntResolver,
  Query: { ...Query, ...transformQueries, ...nodeQueries },
  Node,
  Mutation,
  Subscription,
  MLTaskRun,
  MLTransform,
  ...properties,
  ...transformDetails,
  ...connections,
  ...mutationPayloads,
};

/** All resolvers, grouped by the type they belong to. */
import { DateTimeResolver } from 'graphql-scalars';
import type { Resolvers } from '../generated/graphql.js';
import { properties } from './properties.js';
import { Query } from './query.js';
import { MLTaskRun } from './task-run.js';

export const resolvers: Resolvers = {
  DateTime: DateTimeResolver,
  Query,
  MLTaskRun,
  ...properties,
};

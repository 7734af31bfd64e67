/**
 * What the data layer needs from an operation: its budgeted Glue client, its loaders, and how to report
 * a failed upstream call. The GraphQL context extends this, so listings never import the GraphQL side.
 */
import type { GlueApi } from '../glue/operations.js';
import type { TaskRunLoader } from './task-run-loader.js';
import type { TransformLoader } from './transform-loader.js';
import type { UpstreamFailureOptions } from './upstream-failure.js';

export interface DataContext {
  /** For calls no loader can batch (listings, mutations), within this operation's call budget. */
  glue: GlueApi;
  loaders: {
    taskRun: TaskRunLoader;
    transform: TransformLoader;
  };
  failures: UpstreamFailureOptions;
}

/**
 * The connection shapes the listings return and the schema's connection types map to (codegen
 * mappers). Apart from the listings, so the generated types and the listings do not import each other.
 */
import type { TaskRunRecord, TransformRecord } from '../glue/records.js';
import type { Connection, Edge } from '../pagination/connection.js';

export type TaskRunConnection = Connection<TaskRunRecord>;
export type TaskRunEdge = Edge<TaskRunRecord>;
export type TransformConnection = Connection<TransformRecord>;
export type TransformEdge = Edge<TransformRecord>;

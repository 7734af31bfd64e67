/**
 * `mlTransforms(filter, sort)` as Glue's `TransformFilterCriteria` and `TransformSortCriteria`, and the
 * fingerprint their cursors carry, so a cursor is only ever used with the list it came from. Values
 * Glue would refuse by its model's constraints are refused first, naming `filter`, at no Glue call.
 */
import type { TransformFilterCriteria, TransformSortCriteria } from '@aws-sdk/client-glue';
import type { QuerymlTransformsArgs } from '../generated/graphql.js';
import { queryFingerprint } from '../pagination/cursor.js';
import { badUserInput } from '../errors.js';
import { hashStringProblem } from './validation.js';

/** Glue documents no default order, so "newest first" is asked for explicitly when the client gives none. */
const DEFAULT_SORT: TransformSortCriteria = { Column: 'CREATED', SortDirection: 'DESCENDING' };
/** Glue's GlueVersionString (1–255 characters) and TransformSchema (at most 100 columns). */
const GLUE_VERSION = /^(\w+\.)+\w+$/;
const MAX_GLUE_VERSION = 255;
const MAX_SCHEMA_COLUMNS = 100;

export interface TransformListQuery {
  filter?: TransformFilterCriteria;
  sort: TransformSortCriteria;
  fingerprint: string;
}

function invalidFilter(field: string, problem: string): never {
  throw badUserInput(`Invalid argument "filter": ${field} ${problem}.`, 'filter');
}

function toGlueFilter(filter: QuerymlTransformsArgs['filter']): TransformFilterCriteria | undefined {
  if (!filter) return undefined;
  // Glue's NameString has the same constraints as its ids: 1–255 printable characters.
  const nameProblem = filter.name == null ? undefined : hashStringProblem(filter.name);
  if (nameProblem) invalidFilter('name', nameProblem);
  const version = filter.glueVersion;
  if (version != null && (version.length > MAX_GLUE_VERSION || !GLUE_VERSION.test(version))) {
    invalidFilter('glueVersion', 'must look like 4.0 (dot-separated words, at most 255 characters)');
  }
  if (filter.schema && filter.schema.length > MAX_SCHEMA_COLUMNS) {
    invalidFilter('schema', `must list at most ${MAX_SCHEMA_COLUMNS} columns (got ${filter.schema.length})`);
  }
  const criteria: TransformFilterCriteria = {
    Name: filter.name ?? undefined,
    TransformType: filter.transformType ?? undefined,
    Status: filter.status ?? undefined,
    GlueVersion: version ?? undefined,
    CreatedBefore: filter.createdBefore ?? undefined,
    CreatedAfter: filter.createdAfter ?? undefined,
    LastModifiedBefore: filter.lastModifiedBefore ?? undefined,
    LastModifiedAfter: filter.lastModifiedAfter ?? undefined,
    Schema: filter.schema?.map((column) => ({ Name: column.name, DataType: column.dataType ?? undefined })),
  };
  return Object.values(criteria).some((v) => v !== undefined) ? criteria : undefined;
}

export function transformListQuery(args: Pick<QuerymlTransformsArgs, 'filter' | 'sort'>): TransformListQuery {
  const filter = toGlueFilter(args.filter);
  const sort = args.sort ? { Column: args.sort.column, SortDirection: args.sort.direction } : DEFAULT_SORT;
  // Fixed order, plain JSON: the same list always gets the same fingerprint.
  const fingerprint = queryFingerprint([
    'MLTransforms',
    filter?.Name ?? null,
    filter?.TransformType ?? null,
    filter?.Status ?? null,
    filter?.GlueVersion ?? null,
    filter?.CreatedBefore?.toISOString() ?? null,
    filter?.CreatedAfter?.toISOString() ?? null,
    filter?.LastModifiedBefore?.toISOString() ?? null,
    filter?.LastModifiedAfter?.toISOString() ?? null,
    filter?.Schema?.map((column) => [column.Name ?? null, column.DataType ?? null]) ?? null,
    sort.Column ?? null,
    sort.SortDirection ?? null,
  ]);
  return { filter, sort, fingerprint };
}

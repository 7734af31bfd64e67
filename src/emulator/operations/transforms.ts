// GetMLTransform, GetMLTransforms and ListMLTransforms (ids only, also filtered by tags).
import { invalidInput } from '../protocol/errors.js';
import { paginate, type SortKey } from '../store/paging.js';
import type { RawTransform, SchemaColumn } from '../store/types.js';
import { optional, requireTransform, transformToWire, type Handler, type OperationContext } from './context.js';

const DEFAULT_PAGE_SIZE = 100;

type Transform = RawTransform & { TransformId: string };

interface TransformFilter {
  Name?: string;
  TransformType?: string;
  Status?: string;
  GlueVersion?: string;
  CreatedBefore?: number;
  CreatedAfter?: number;
  LastModifiedBefore?: number;
  LastModifiedAfter?: number;
  Schema?: SchemaColumn[];
}

const time = (date: Date | undefined): number | null => (date ? date.getTime() : null);

const SORT_KEYS: Record<string, (transform: Transform) => SortKey> = {
  NAME: (t) => t.Name,
  TRANSFORM_TYPE: (t) => t.Parameters?.TransformType ?? null,
  STATUS: (t) => t.Status ?? null,
  CREATED: (t) => time(t.CreatedOn),
  LAST_MODIFIED: (t) => time(t.LastModifiedOn),
};

/** `seconds` is a request timestamp (epoch seconds); transforms without the date never match. */
function before(date: Date | undefined, seconds: number | undefined): boolean {
  return seconds === undefined || (date !== undefined && date.getTime() < seconds * 1000);
}
function after(date: Date | undefined, seconds: number | undefined): boolean {
  return seconds === undefined || (date !== undefined && date.getTime() > seconds * 1000);
}

/** The schema filter keeps transforms whose schema has every listed column (and type, when given). */
function hasColumns(schema: SchemaColumn[] | undefined, wanted: SchemaColumn[] | undefined): boolean {
  if (!wanted) return true;
  return wanted.every((column) =>
    (schema ?? []).some((c) => c.Name === column.Name && (column.DataType === undefined || c.DataType === column.DataType)),
  );
}

function matches(t: Transform, f: TransformFilter): boolean {
  return (
    (f.Name === undefined || t.Name === f.Name) &&
    (f.TransformType === undefined || t.Parameters?.TransformType === f.TransformType) &&
    (f.Status === undefined || t.Status === f.Status) &&
    (f.GlueVersion === undefined || t.GlueVersion === f.GlueVersion) &&
    before(t.CreatedOn, f.CreatedBefore) &&
    after(t.CreatedOn, f.CreatedAfter) &&
    before(t.LastModifiedOn, f.LastModifiedBefore) &&
    after(t.LastModifiedOn, f.LastModifiedAfter) &&
    hasColumns(t.Schema, f.Schema)
  );
}

export const getMLTransform: Handler = (input, context) =>
  transformToWire(requireTransform(context, input.TransformId as string));

/** A page of the transforms that match the request's Filter (and Tags), in its Sort order. */
function selectTransforms(
  input: Record<string, unknown>,
  context: OperationContext,
  operation: string,
): { items: Transform[]; nextToken?: string } {
  const raw = optional<Record<string, unknown>>(input.Filter) ?? {};
  const filter: TransformFilter = Object.fromEntries(
    Object.entries(raw).filter(([, value]) => value !== null && value !== undefined),
  );
  const tags = Object.entries(optional<Record<string, string | null>>(input.Tags) ?? {});
  // Without Sort, the newest transforms come first.
  const sort = optional<{ Column: string; SortDirection: string }>(input.Sort) ?? {
    Column: 'CREATED',
    SortDirection: 'DESCENDING',
  };
  const sortKey = SORT_KEYS[sort.Column];
  if (!sortKey) throw invalidInput(`Sorting not supported for column ${sort.Column}.`);

  const hasTags = (t: Transform): boolean => {
    const own = context.store.getTags(t.TransformId);
    return tags.every(([key, value]) => Object.hasOwn(own, key) && (value === null || own[key] === value));
  };
  const query: Record<string, unknown> = { filter, sort: [sort.Column, sort.SortDirection] };
  // GetMLTransforms keeps its token format; a ListMLTransforms token names its operation and tags.
  if (operation !== 'GetMLTransforms') Object.assign(query, { operation, tags });
  return paginate({
    items: context.store.listTransforms().filter((t) => matches(t, filter) && hasTags(t)),
    sortKey,
    id: (t) => t.TransformId,
    descending: sort.SortDirection === 'DESCENDING',
    maxResults: optional<number>(input.MaxResults) ?? DEFAULT_PAGE_SIZE,
    nextToken: optional<string>(input.NextToken) || undefined,
    query,
  });
}

export const getMLTransforms: Handler = (input, context) => {
  const page = selectTransforms(input, context, 'GetMLTransforms');
  const result: Record<string, unknown> = { Transforms: page.items.map(transformToWire) };
  if (page.nextToken) result.NextToken = page.nextToken;
  return result;
};

export const listMLTransforms: Handler = (input, context) => {
  const page = selectTransforms(input, context, 'ListMLTransforms');
  const result: Record<string, unknown> = { TransformIds: page.items.map((t) => t.TransformId) };
  if (page.nextToken) result.NextToken = page.nextToken;
  return result;
};

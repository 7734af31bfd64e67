/**
 * graphql-codegen plugin: urql Graphcache's `keys` config, generated from the schema so it stays
 * complete. Every object type without an `id` (or `_id`) field is a value object embedded in its
 * parent (`() => null`); without an entry Graphcache warns about it on every result it writes.
 * Root operation types are left out: Graphcache keys them itself.
 */
import { isObjectType, type GraphQLSchema } from 'graphql';

/** Graphcache's own fallback keys: a type with either field is normalised by it. */
const KEY_FIELDS = ['id', '_id'];

export function embeddedTypeNames(schema: GraphQLSchema): string[] {
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(Boolean));
  return Object.values(schema.getTypeMap())
    .filter(isObjectType)
    .filter((type) => !type.name.startsWith('__') && !roots.has(type))
    .filter((type) => !KEY_FIELDS.some((field) => field in type.getFields()))
    .map((type) => type.name)
    .sort();
}

export function plugin(schema: GraphQLSchema): string {
  const entries = embeddedTypeNames(schema).map((name) => `  ${name}: () => null,`);
  return [
    '/** urql Graphcache `keys`: every type without an id is embedded in its parent, never normalised. */',
    'export const keys = {',
    ...entries,
    '} satisfies Record<string, () => null>;',
    '',
  ].join('\n');
}

export default { plugin };

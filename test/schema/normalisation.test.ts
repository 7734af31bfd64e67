import { readdirSync, readFileSync } from 'node:fs';
import { getNamedType, isObjectType, isUnionType, parse, TypeInfo, visit, visitWithTypeInfo, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../../src/schema.js';

const schema = buildSchema();
const EXAMPLES = new URL('../../examples/', import.meta.url);

/** Types a client cache stores as entities must have `id: ID!`; the others are embedded in their parent. */
function hasId(type: GraphQLObjectType): boolean {
  return String(type.getFields().id?.type) === 'ID!';
}

describe('client cache normalisation', () => {
  it('every object type has id: ID!, except value objects embedded in their parent', () => {
    const embedded = schema.getType('MLTaskRunProperties');
    if (!isUnionType(embedded)) throw new Error('MLTaskRunProperties is not a union');
    // Embedded value objects: a run's properties variants, a transform's nested structures, and
    // connection plumbing (edges and page info belong to the list that returned them, as in Relay).
    const EMBEDDED = new Set([
      ...embedded.getTypes().map((t) => t.name),
      ...Object.keys(schema.getTypeMap()).filter((n) => /(Connection|Edge|PageInfo|Payload)$/.test(n)),
      'ColumnImportance', 'ConfusionMatrix', 'FindMatchesMetrics', 'FindMatchesParameters', 'MLTransformEvaluationMetrics',
      'GlueTable', 'GlueTableOption',
      ...['MLTransformParameters', 'MLTransformSchemaColumn', 'MLTransformEncryption', 'MLUserDataEncryption'],
    ]);
    const withoutId = Object.values(schema.getTypeMap())
      .filter(isObjectType)
      .filter((t) => !t.name.startsWith('_') && t !== schema.getQueryType() && t !== schema.getSubscriptionType() && !hasId(t) && !EMBEDDED.has(t.name))
      .map((t) => t.name);
    expect(withoutId).toEqual([]);
    // The union says so in its description, which is what clients read in Sandbox and in codegen output.
    expect(embedded.description).toMatch(/no `id`.*embedded/s);
  });

  it('the example operations (and so the typed client) select id on every entity and __typename on every union', () => {
    const missing: string[] = [];
    for (const file of readdirSync(EXAMPLES).filter((f) => f.endsWith('.graphql'))) {
      const typeInfo = new TypeInfo(schema);
      visit(
        parse(readFileSync(new URL(file, EXAMPLES), 'utf8')),
        visitWithTypeInfo(typeInfo, {
          SelectionSet(node) {
            const type = getNamedType(typeInfo.getType());
            const names = node.selections.flatMap((s) => (s.kind === 'Field' ? [s.name.value] : []));
            if (isObjectType(type) && hasId(type) && !names.includes('id')) missing.push(`${file}: ${type.name} without id`);
            if (isUnionType(type) && !names.includes('__typename')) missing.push(`${file}: ${type.name} without __typename`);
          },
        }),
      );
    }
    expect(missing).toEqual([]);
  });
});

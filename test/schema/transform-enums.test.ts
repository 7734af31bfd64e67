import { SortDirectionType, TaskRunSortColumnType, TransformSortColumnType, TransformStatusType, TransformType } from '@aws-sdk/client-glue';
import { GraphQLEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../../src/schema.js';

// Same guard as enums.test.ts, for the enums transforms and task-run listings add.
describe('transform and listing enums match the AWS SDK', () => {
  const schema = buildSchema();
  const values = (name: string) => {
    const type = schema.getType(name);
    expect(type).toBeInstanceOf(GraphQLEnumType);
    return (type as GraphQLEnumType).getValues().map((v) => v.value as string).sort();
  };

  it.each([
    ['MLTransformStatus', TransformStatusType],
    ['MLTaskRunSortColumn', TaskRunSortColumnType],
    ['SortDirection', SortDirectionType],
    ['MLTransformSortColumn', TransformSortColumnType],
    ['MLTransformType', TransformType],
  ])('%s equals the SDK enum', (name, sdkEnum) => {
    expect(values(name)).toEqual(Object.values(sdkEnum).sort());
  });
});

describe('GRAPHQL_MUTATIONS decides whether the Mutation type exists', () => {
  it('is absent by default and present when enabled', () => {
    expect(buildSchema().getMutationType()).toBeUndefined();
    expect(buildSchema({ mutations: true }).getMutationType()?.getFields()).toHaveProperty('cancelMLTaskRun');
  });
});

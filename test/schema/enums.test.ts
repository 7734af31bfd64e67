import { TaskStatusType, TaskType } from '@aws-sdk/client-glue';
import { GraphQLEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../../src/schema.js';

// If an SDK upgrade adds a value, this fails the build instead of production.
describe('schema enums match the AWS SDK', () => {
  const schema = buildSchema();
  const values = (name: string) => {
    const type = schema.getType(name);
    expect(type).toBeInstanceOf(GraphQLEnumType);
    return (type as GraphQLEnumType).getValues().map((v) => v.value as string).sort();
  };

  it('MLTaskRunStatus equals TaskStatusType', () => {
    expect(values('MLTaskRunStatus')).toEqual(Object.values(TaskStatusType).sort());
  });

  it('MLTaskType equals TaskType', () => {
    expect(values('MLTaskType')).toEqual(Object.values(TaskType).sort());
  });
});

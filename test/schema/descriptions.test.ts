import { isEnumType, isInputObjectType, isInterfaceType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../../src/schema.js';

describe('schema documentation', () => {
  it('describes every type, field, argument and enum value of our own', () => {
    // With every optional part of the schema included.
    const schema = buildSchema({ mutations: true });
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      // Skip introspection types, built-in scalars and federation's own additions.
      if (type.name.startsWith('_') || type.name.startsWith('link__') || type.name.startsWith('federation__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (field.name.startsWith('_')) continue;
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

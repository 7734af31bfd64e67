/**
 * A validation rule graphql-js 16 lacks (17 adds it as KnownOperationTypesRule): an operation whose
 * root type the schema does not have fails validation with a clear message, instead of failing at
 * execution as an internal error. The gateway needs it because the Mutation type is optional
 * (GRAPHQL_MUTATIONS).
 */
import type { ASTVisitor, ValidationContext } from 'graphql';
import { gatewayError } from './errors.js';

export function KnownOperationTypesRule(context: ValidationContext): ASTVisitor {
  const schema = context.getSchema();
  return {
    OperationDefinition(node) {
      if (schema.getRootType(node.operation)) return;
      const hint = node.operation === 'mutation' ? ' Mutations are turned off on this gateway (GRAPHQL_MUTATIONS).' : '';
      context.reportError(gatewayError('GRAPHQL_VALIDATION_FAILED', `This schema does not support ${node.operation} operations.${hint}`, { nodes: node }));
    },
  };
}

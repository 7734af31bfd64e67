/**
 * Names each operation's span (started with its context, see spans.ts) after the operation, records
 * its outcome, and ends it with the response. Typed on the one member it needs, so it depends on no
 * particular context.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { trace, type Context } from '@opentelemetry/api';
import { markSpanFailed, nameOperationSpan } from './spans.js';

/** Over HTTP: names the operation span, records its outcome, and ends it with the response. */
export function operationTracingPlugin(): ApolloServerPlugin<{ trace: Context }> {
  return {
    async requestDidStart({ contextValue }) {
      const span = trace.getSpan(contextValue.trace);
      if (!span) return;
      return {
        async didResolveOperation({ operation, operationName }) {
          nameOperationSpan(span, operation?.operation ?? 'unknown', operationName);
        },
        async willSendResponse({ errors }) {
          if (errors?.length) {
            const code = errors[0]?.extensions?.code;
            markSpanFailed(span, typeof code === 'string' ? code : 'GRAPHQL_ERROR');
            span.setAttribute('graphql.error_count', errors.length);
          }
          span.end();
        },
      };
    },
  };
}

/**
 * MAX_ERRORS_PER_RESPONSE: a response carries at most this many errors; the rest are summed up in a
 * last LIMIT_EXCEEDED error, so one cheap request cannot make the gateway build megabytes of errors.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { gatewayError } from '../errors.js';

export function errorCapPlugin(maxErrors: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const errors = result.errors;
          if (!errors || errors.length <= maxErrors) return;
          const kept = errors.slice(0, Math.max(0, maxErrors - 1));
          const omitted = errors.length - kept.length;
          result.errors = [...kept, gatewayError('LIMIT_EXCEEDED', `${omitted} more errors omitted (MAX_ERRORS_PER_RESPONSE is ${maxErrors}).`).toJSON()];
        },
      };
    },
  };
}

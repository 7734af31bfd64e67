/**
 * What the polling replica tells the others about a run, over Redis pub/sub and in the run's
 * "latest" key: a state with the time it was polled, or the error that ends every stream.
 */
import type { GraphQLError } from 'graphql';
import { decodeTaskRun } from '../cache/finished-run-cache.js';
import { gatewayError, type ErrorCode } from '../errors.js';
import type { TaskRunRecord } from '../glue/records.js';

export type FleetMessage =
  | { from: string; at: number; run: TaskRunRecord }
  | { from: string; error: GraphQLError };

interface Wire {
  from: string;
  at?: number;
  run?: string;
  error?: { message: string; extensions: Record<string, unknown> };
}

export function encodeMessage(message: FleetMessage): string {
  const wire: Wire =
    'run' in message
      ? { from: message.from, at: message.at, run: JSON.stringify(message.run) }
      : { from: message.from, error: { message: message.error.message, extensions: { ...message.error.extensions } } };
  return JSON.stringify(wire);
}

/** Undefined for anything malformed (another version of the gateway, a stray publisher). */
export function decodeMessage(text: string): FleetMessage | undefined {
  try {
    const wire = JSON.parse(text) as Wire;
    if (typeof wire.from !== 'string') return undefined;
    if (typeof wire.run === 'string' && typeof wire.at === 'number') return { from: wire.from, at: wire.at, run: decodeTaskRun(wire.run) };
    if (wire.error && typeof wire.error.message === 'string') {
      const { code, retryable, ...extensions } = wire.error.extensions;
      return {
        from: wire.from,
        error: gatewayError(code as ErrorCode, wire.error.message, { retryable: retryable === true, extensions }),
      };
    }
  } catch {
    // not ours
  }
  return undefined;
}

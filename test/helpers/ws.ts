/**
 * A real graphql-ws client (over the `ws` package) for subscription tests, and a recorder that keeps
 * everything a subscription received so tests can wait for and assert on it.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface FormattedError {
  message: string;
  path?: Array<string | number>;
  extensions?: Record<string, any>;
}

export interface Received<T = any> {
  /** Every `next` payload, in order. */
  results: Array<{ data?: T | null; errors?: FormattedError[] }>;
  /** What the `error` handler got: GraphQL errors from the server, or a close event. */
  error?: unknown;
  completed: boolean;
  /** Resolves when the subscription completes or fails. */
  ended: Promise<void>;
  unsubscribe(): void;
}

export function wsClient(httpUrl: string, connectionParams?: Record<string, string>): Client {
  return createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    connectionParams,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
  });
}

export function record<T = any>(client: Client, query: string, variables?: Record<string, unknown>): Received<T> {
  let settle!: () => void;
  const received: Received<T> = {
    results: [],
    completed: false,
    ended: new Promise<void>((resolve) => (settle = resolve)),
    unsubscribe: () => undefined,
  };
  received.unsubscribe = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => received.results.push(value as Received<T>['results'][number]),
      error: (error) => {
        received.error = error;
        settle();
      },
      complete: () => {
        received.completed = true;
        settle();
      },
    },
  );
  return received;
}

/** Polls `condition` until it holds; fails with `what` after `timeoutMs` (a generous bound, not a timing claim). */
export async function waitFor(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

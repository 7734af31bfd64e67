/**
 * The full-response cache: a repeated query whose response was made only of finished runs is answered
 * from the shared cache (memory or Redis) without executing it. Apollo's response-cache plugin does the
 * work, keyed by the document, operation name, variables and (with authentication on) the principal;
 * entries live for the response's HTTP max-age (CACHE_FINISHED_MAX_AGE, since only finished runs are
 * stored), never longer than the finished runs themselves (CACHE_FINISHED_TTL_SECONDS). A response is never stored when it has errors or `extensions.warnings` (stale data, for
 * one), when any run it loaded is unfinished, or when Apollo's cache policy is not cacheable (any field
 * without a hint: transforms, listings). Every response says `x-cache: HIT` or `MISS`.
 */
import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { GlueApi } from '../glue/operations.js';
import { isFinished } from '../glue/records.js';
import type { GatewayMetrics } from '../observability/metrics.js';

/** Per operation: whether a run it loaded may still change (so its response must not be stored). */
export interface ResponseCacheMark {
  unfinishedRun: boolean;
  /** The operation's name as Apollo resolved it, for the hot front's log line (hot-responses.ts). */
  operationName?: string | null;
}

/** What the plugins read from the operation's context. */
export interface ResponseCacheContext {
  responseCache: ResponseCacheMark;
  principal?: { kind: string; subject: string };
}

/** The cache scope of a caller: its principal; none (so nothing stored) for a token without a subject. */
export function sessionOf(principal: ResponseCacheContext['principal']): string | null {
  if (!principal || (principal.kind === 'jwt' && principal.subject === 'unknown')) return null;
  return `${principal.kind}:${principal.subject}`;
}

/** The operation's Glue API, marking the operation when a run it fetched is not finished. */
export function markUnfinishedRuns<T extends Pick<GlueApi, 'getMLTaskRun'>>(glue: T, mark: ResponseCacheMark): T {
  return {
    ...glue,
    getMLTaskRun: async (key, call) => {
      const run = await glue.getMLTaskRun(key, call);
      if (!isFinished(run)) mark.unfinishedRun = true;
      return run;
    },
  };
}

/** Whether a response may be stored whole: only finished runs, no errors, no warnings (stale data). */
export function isStorable({ contextValue, response }: Pick<GraphQLRequestContextWillSendResponse<ResponseCacheContext>, 'contextValue' | 'response'>): boolean {
  if (contextValue.responseCache.unfinishedRun || response.body.kind !== 'single') return false;
  const { errors, extensions } = response.body.singleResult;
  return !errors?.length && extensions?.warnings === undefined;
}

export interface ResponseCacheOptions {
  cache: KeyValueCache<string>;
  /** CACHE_FINISHED_TTL_SECONDS: an entry outlives neither its response's max-age nor this. */
  maxTtlSeconds: number;
  metrics?: GatewayMetrics;
}

/** The cache with every entry's lifetime capped. */
function cappedTtl(cache: KeyValueCache<string>, maxTtlSeconds: number): KeyValueCache<string> {
  return {
    get: (key) => cache.get(key),
    set: (key, value, options) => cache.set(key, value, { ttl: Math.min(options?.ttl ?? maxTtlSeconds, maxTtlSeconds) }),
    delete: (key) => cache.delete(key),
  };
}

export function responseCachePlugins({ cache, maxTtlSeconds, metrics }: ResponseCacheOptions): ApolloServerPlugin<ResponseCacheContext>[] {
  const cachePlugin = responseCachePlugin<ResponseCacheContext>({
    cache: cappedTtl(cache, maxTtlSeconds),
    // With authentication on, runs are hinted PRIVATE: entries are then kept per principal.
    sessionId: async ({ contextValue }) => sessionOf(contextValue.principal),
    // Called from willSendResponse, so the response is there.
    shouldWriteToCache: async (requestContext) => isStorable(requestContext as GraphQLRequestContextWillSendResponse<ResponseCacheContext>),
  });
  const header: ApolloServerPlugin<ResponseCacheContext> = {
    async requestDidStart() {
      return {
        async willSendResponse({ response, metrics: requestMetrics, operation, operationName, contextValue }) {
          const hit = requestMetrics.responseCacheHit === true;
          contextValue.responseCache.operationName = operationName;
          response.http.headers.set('x-cache', hit ? 'HIT' : 'MISS');
          if (operation?.operation === 'query') metrics?.responseCache.inc({ result: hit ? 'hit' : 'miss' });
        },
      };
    },
  };
  return [cachePlugin, header];
}

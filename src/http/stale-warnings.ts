/**
 * A stale run (served from its last known state after a failed refresh: cache/stale-if-error.ts) is
 * announced in the response too, not only by its own `stale` field, which the client may not have
 * selected: one `extensions.warnings` entry `{ code: "STALE", path, fetchedAt }` per stale run.
 * (The response is already `no-store`: a stale run's cache hint is 0, see resolvers/cache-hints.ts.)
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { responsePathAsArray } from 'graphql';
import type { GatewayContext } from '../context.js';
import type { TaskRunRecord } from '../glue/records.js';

export interface StaleWarning {
  code: 'STALE';
  path: ReadonlyArray<string | number>;
  fetchedAt?: string;
}

export function staleWarningsPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const warnings = new Map<string, StaleWarning>();
      return {
        async executionDidStart() {
          return {
            willResolveField({ source, info }) {
              if (info.parentType.name !== 'MLTaskRun' || !(source as TaskRunRecord | undefined)?.stale) return;
              // The run's own path: the field being resolved is one of its children.
              const path = responsePathAsArray(info.path).slice(0, -1);
              const id = JSON.stringify(path);
              if (!warnings.has(id)) warnings.set(id, { code: 'STALE', path, fetchedAt: (source as TaskRunRecord).fetchedAt?.toISOString() });
            },
          };
        },
        async willSendResponse({ response }) {
          if (warnings.size === 0 || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, warnings: [...warnings.values()] };
        },
      };
    },
  };
}

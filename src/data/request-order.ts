/**
 * An operation's view of the Glue API whose every call says when the operation began, so that when
 * Glue's concurrency slots are all taken, the oldest operation's calls go first (glue/call-priority.ts).
 */
import { asPartOfRequest } from '../glue/call-priority.js';
import type { GlueApi } from '../glue/operations.js';

export function inRequestOrder(glue: GlueApi, startedAt: number): GlueApi {
  const ordered = {} as Record<keyof GlueApi, unknown>;
  for (const name of Object.keys(glue) as (keyof GlueApi)[]) {
    const call = glue[name] as (...args: unknown[]) => Promise<unknown>;
    ordered[name] = (...args: unknown[]) => asPartOfRequest(startedAt, () => call(...args));
  }
  return ordered as GlueApi;
}

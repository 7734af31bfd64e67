// The per-operation context makes its costly parts on first use, and that survives the copy Apollo
// Server makes of every context (Object.assign onto an object with the same prototype).
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { contextFactory } from '../../src/context.js';
import type { GlueApi } from '../../src/glue/operations.js';

const apolloCopy = <T extends object>(object: T): T => Object.assign(Object.create(Object.getPrototypeOf(object)), object);

function setup() {
  const logger = pino({ level: 'silent' });
  const child = vi.spyOn(logger, 'child');
  const getMLTaskRun = vi.fn(async () => ({ TransformId: 't', TaskRunId: 'r', Status: 'RUNNING' }));
  const create = contextFactory({
    config: { cacheControl: { finishedMaxAge: 300, inProgressMaxAge: 0, scope: 'PUBLIC' }, maxTaskRunsPerRequest: 10, maxListCallsPerRequest: 5, debugErrors: false, security: { exposeAccountIds: false } },
    glue: { getMLTaskRun } as unknown as GlueApi,
    logger,
    taskRunWatcher: {} as never,
  });
  return { child, getMLTaskRun, context: create({ requestId: 'req-1', headers: {} }) };
}

describe('the operation context', () => {
  it('makes no child logger and no loaders until used, even when Apollo copies it', () => {
    const { child, context } = setup();
    const copy = apolloCopy(context);
    expect(child).not.toHaveBeenCalled();
    expect(Object.getOwnPropertyNames(copy)).not.toContain('loaders');
    expect(copy.logger).toBe(context.logger);
    expect(child).toHaveBeenCalledTimes(1);
    expect(copy.loaders).toBe(context.loaders);
  });

  it('the copy and the original share one loader and one response-cache mark', async () => {
    const { getMLTaskRun, context } = setup();
    const copy = apolloCopy(context);
    await copy.loaders.taskRun.load({ transformId: 't', taskRunId: 'r' });
    await context.loaders.taskRun.load({ transformId: 't', taskRunId: 'r' });
    expect(getMLTaskRun).toHaveBeenCalledTimes(1);
    expect(context.responseCache.unfinishedRun).toBe(true);
  });
});

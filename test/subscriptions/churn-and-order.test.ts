// Security issue #18, item 6: subscribe/complete churn must not turn into Glue calls. A new subscriber
// within one interval of the last poll starts from that result. And the order of a run's states, which
// keeps subscribers from seeing duplicates or steps back when states arrive from several places.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/emulator/index.js';
import type { TaskRunRecord } from '../../src/glue/records.js';
import { isNewer } from '../../src/subscriptions/run-order.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { record, waitFor, wsClient } from '../helpers/ws.js';

const POLL_MS = 1_000;
const SUB = `subscription ($t: ID!, $r: ID!) { mlTaskRunUpdated(transformId: $t, taskRunId: $r) { status } }`;

describe('subscription churn in one process', () => {
  let stack: Stack;
  beforeAll(async () => {
    // The per-client subscribe rate limit (security) is not what this test is about: lift it.
    stack = await startStack({
      env: { SUBSCRIPTION_POLL_INTERVAL_MS: String(POLL_MS), GLUE_MAX_ATTEMPTS: '1', GLUE_RETRY_MODE: 'standard', SUBSCRIBE_RATE_PER_CLIENT: '10000' },
    });
  });
  afterAll(() => stack.close());

  it('200 subscribe/complete pairs within one interval cost one GetMLTaskRun', async () => {
    const client = wsClient(stack.url);
    try {
      stack.emulator.stats.reset();
      const started = Date.now();
      for (let i = 0; i < 200 && Date.now() - started < POLL_MS * 0.8; i++) {
        const sub = record(client, SUB, { t: DEMO.transforms.customers, r: DEMO.runs.runningFindMatches });
        await waitFor('the current state', () => sub.results.length === 1);
        expect(sub.results[0]!.data?.mlTaskRunUpdated.status).toBe('RUNNING');
        sub.unsubscribe();
      }
      expect(stack.emulator.stats.calls.GetMLTaskRun).toBe(1);
    } finally {
      await client.dispose();
    }
  });
});

describe('isNewer: the order of a run\'s states', () => {
  const at = (status: string, ms?: number): TaskRunRecord => ({ Status: status as never, LastModifiedOn: ms === undefined ? undefined : new Date(ms) });

  it('orders by LastModifiedOn first', () => {
    expect(isNewer(at('RUNNING', 1), at('RUNNING', 2))).toBe(true);
    expect(isNewer(at('RUNNING', 2), at('STOPPING', 1))).toBe(false);
  });
  it('drops the same state again', () => {
    expect(isNewer(at('RUNNING', 5), at('RUNNING', 5))).toBe(false);
    expect(isNewer(at('RUNNING'), at('RUNNING'))).toBe(false);
  });
  it('at the same time (or without times), by the status\'s place in a run\'s life', () => {
    expect(isNewer(at('STARTING', 5), at('RUNNING', 5))).toBe(true);
    expect(isNewer(at('SUCCEEDED', 5), at('RUNNING', 5))).toBe(false);
    expect(isNewer(at('STOPPING'), at('STOPPED'))).toBe(true);
    expect(isNewer(at('STOPPED'), at('RUNNING'))).toBe(false);
  });
  it('takes anything as the first state', () => {
    expect(isNewer(undefined, at('FAILED', 1))).toBe(true);
  });
});

// The subscription poller rides through the upstream policy's faults: an outage that opens the
// circuit, and sustained throttling, neither end a subscription nor reach its subscribers; polls
// during the outage are cut short by the breaker, and the run's next state arrives once Glue is back.
import type { Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/emulator/index.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { record, sleep, waitFor, wsClient } from '../helpers/ws.js';

const P = DEMO.transforms.products;
const POLL_MS = 40;
const SUB = `subscription ($t: ID!, $r: ID!) { mlTaskRunUpdated(transformId: $t, taskRunId: $r) { taskRunId status stale } }`;

describe('subscriptions under the upstream policy', () => {
  let stack: Stack;
  const clients: Client[] = [];
  beforeAll(async () => {
    stack = await startStack({
      env: {
        GRAPHQL_MUTATIONS: 'true',
        SUBSCRIPTION_POLL_INTERVAL_MS: String(POLL_MS),
        GLUE_MAX_ATTEMPTS: '1',
        GLUE_BREAKER_MIN_RPS: '1',
        GLUE_BREAKER_COOLDOWN_MS: '300',
      },
    });
  });
  afterEach(() => Promise.all(clients.splice(0).map((c) => c.dispose())));
  afterAll(() => stack.close());

  const startRun = async (): Promise<string> => {
    const res = await stack.query(`mutation { startExportLabelsTaskRun(transformId: "${P}", outputS3Path: "s3://demo-glue-ml/exports/") { taskRunId } }`);
    return res.data.startExportLabelsTaskRun.taskRunId as string;
  };

  it.each(['InternalServiceException', 'ThrottlingException'] as const)(
    'keeps the subscription through a sustained %s, then delivers the next state',
    async (effect) => {
      const run = await startRun();
      const client = wsClient(stack.url);
      clients.push(client);
      const sub = record(client, SUB, { t: P, r: run });
      await waitFor('the current state', () => sub.results.length === 1);
      stack.emulator.faults.add({ effect, operation: 'GetMLTaskRun' });
      await sleep(1_500);
      // Nothing reached the subscriber: no error, no end, no repeated state.
      expect(sub.results).toHaveLength(1);
      expect(sub.completed).toBe(false);
      stack.emulator.faults.clear();
      stack.emulator.clock.advance(10_000);
      await waitFor('RUNNING after the fault', () => sub.results.length === 2, 15_000);
      expect(sub.results.map((r) => r.errors)).toEqual([undefined, undefined]);
      expect(sub.results.map((r) => r.data!.mlTaskRunUpdated)).toEqual([
        { taskRunId: run, status: 'STARTING', stale: false },
        { taskRunId: run, status: 'RUNNING', stale: false },
      ]);
      stack.emulator.clock.advance(60_000);
      await sub.ended;
    },
  );
});

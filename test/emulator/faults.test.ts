// Injected faults (errors, dropped and hung connections, latency) and the call/concurrency counters.
import {
  AccessDeniedException,
  CancelMLTaskRunCommand,
  GetMLTaskRunCommand,
  GetMLTaskRunsCommand,
  StartExportLabelsTaskRunCommand,
  StartImportLabelsTaskRunCommand,
  StartMLEvaluationTaskRunCommand,
  StartMLLabelingSetGenerationTaskRunCommand,
  GetMLTransformCommand,
  GetMLTransformsCommand,
  InternalServiceException,
  OperationTimeoutException,
  ThrottlingException,
  type GlueClient,
} from '@aws-sdk/client-glue';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { expectReject, glueClient, startWithClient } from './helpers.js';

let emu: RunningEmulator;
let client: GlueClient;

beforeAll(async () => {
  ({ emu, client } = await startWithClient());
});
afterEach(() => {
  emu.faults.clear();
  emu.faults.setLatency(0);
  emu.stats.reset();
});
afterAll(() => emu.close());

const { customers, products } = DEMO.transforms;
const getTransform = (TransformId: string = customers, c: GlueClient = client) =>
  c.send(new GetMLTransformCommand({ TransformId }));
const outcome = (promise: Promise<unknown>): Promise<string> =>
  promise.then(
    () => 'ok',
    (error: Error) => error.name,
  );
const until = async (condition: () => boolean, ms = 2_000): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('error faults', () => {
  it.each([
    ['ThrottlingException', ThrottlingException, 400, 'client'],
    ['InternalServiceException', InternalServiceException, 500, 'server'],
    ['OperationTimeoutException', OperationTimeoutException, 400, 'client'],
    ['AccessDeniedException', AccessDeniedException, 400, 'client'],
  ] as const)('answers with %s as the SDK class and status', async (effect, errorClass, status, fault) => {
    emu.faults.add({ effect });
    const error = await expectReject(getTransform(), errorClass as abstract new (...args: never[]) => Error);
    expect(error.$metadata.httpStatusCode).toBe(status);
    expect(error.$fault).toBe(fault);
    expect(error.$metadata.requestId).toEqual(expect.any(String));
  });

  it('surfaces injected service errors from every operation as the SDK classes', async () => {
    const TransformId = customers;
    const TaskRunId = DEMO.runs.succeededEvaluation;
    const commands = [
      new GetMLTaskRunCommand({ TransformId, TaskRunId }),
      new GetMLTaskRunsCommand({ TransformId }),
      new CancelMLTaskRunCommand({ TransformId, TaskRunId }),
      new StartMLEvaluationTaskRunCommand({ TransformId }),
      new StartMLLabelingSetGenerationTaskRunCommand({ TransformId, OutputS3Path: 's3://bucket/x/' }),
      new StartImportLabelsTaskRunCommand({ TransformId, InputS3Path: 's3://bucket/x.csv' }),
      new StartExportLabelsTaskRunCommand({ TransformId, OutputS3Path: 's3://bucket/x/' }),
      new GetMLTransformCommand({ TransformId }),
      new GetMLTransformsCommand({}),
    ];
    for (const command of commands) {
      emu.faults.add({ effect: 'OperationTimeoutException', times: 1 });
      emu.faults.add({ effect: 'InternalServiceException', times: 1 });
      const timeout = await expectReject(client.send(command as never), OperationTimeoutException);
      expect(timeout.$metadata.httpStatusCode).toBe(400);
      const internal = await expectReject(client.send(command as never), InternalServiceException);
      expect(internal.$metadata.httpStatusCode).toBe(500);
    }
    expect(Object.keys(emu.stats.calls)).toHaveLength(9);
  });

  it('can throttle the first 2 calls for one id, then succeed', async () => {
    emu.faults.add({ effect: 'ThrottlingException', ids: [products], times: 2 });
    expect(await outcome(getTransform(customers))).toBe('ok');
    expect(await outcome(getTransform(products))).toBe('ThrottlingException');
    expect(await outcome(getTransform(products))).toBe('ThrottlingException');
    expect(await outcome(getTransform(products))).toBe('ok');
  });

  it('matches ids in TaskRunId too, and can be limited to one operation', async () => {
    emu.faults.add({ effect: 'InternalServiceException', operation: 'GetMLTaskRun', ids: [DEMO.runs.succeededEvaluation] });
    const run = (TaskRunId: string) => client.send(new GetMLTaskRunCommand({ TransformId: customers, TaskRunId }));
    expect(await outcome(run(DEMO.runs.succeededEvaluation))).toBe('InternalServiceException');
    expect(await outcome(run(DEMO.runs.succeededFindMatches))).toBe('ok');
    expect(await outcome(getTransform(customers))).toBe('ok');
  });

  it('faults a reproducible share of calls for a given seed', async () => {
    const pattern = async (seed: number): Promise<string[]> => {
      const seeded = await startEmulator({ randomSeed: seed });
      const seededClient = glueClient(seeded.endpoint);
      seeded.faults.add({ effect: 'ThrottlingException', rate: 0.5 });
      const results: string[] = [];
      for (let i = 0; i < 24; i++) results.push(await outcome(getTransform(customers, seededClient)));
      await seeded.close();
      return results;
    };
    const first = await pattern(7);
    expect(await pattern(7)).toEqual(first);
    expect(await pattern(8)).not.toEqual(first);
    const throttled = first.filter((r) => r === 'ThrottlingException').length;
    expect(throttled).toBeGreaterThan(4);
    expect(throttled).toBeLessThan(20);
  });

  it('stops faulting after faults.clear()', async () => {
    emu.faults.add({ effect: 'ThrottlingException' });
    expect(await outcome(getTransform())).toBe('ThrottlingException');
    emu.faults.clear();
    expect(await outcome(getTransform())).toBe('ok');
  });

  it('rejects malformed rules', () => {
    expect(() => emu.faults.add({ effect: 'ThrottlingException', rate: 1.5 })).toThrow(RangeError);
    expect(() => emu.faults.add({ effect: 'explode' as never })).toThrow(RangeError);
    expect(() => emu.faults.add({ effect: 'hang', times: -1 })).toThrow(RangeError);
  });
});

describe('connection faults', () => {
  it('drops the connection without answering', async () => {
    emu.faults.add({ effect: 'drop', times: 1 });
    const error = (await getTransform().catch((caught: unknown) => caught)) as Error & {
      code?: string;
      $metadata?: { httpStatusCode?: number };
    };
    expect(error).toBeInstanceOf(Error);
    expect(error.$metadata?.httpStatusCode).toBeUndefined(); // no HTTP response at all
    expect(`${error.code} ${error.message}`).toMatch(/ECONNRESET|socket hang up/);
    expect(await outcome(getTransform())).toBe('ok');
  });

  it('hangs until the client gives up, holding the request in flight', async () => {
    emu.faults.add({ effect: 'hang', operation: 'GetMLTransforms' });
    const hung = outcome(client.send(new GetMLTransformsCommand({}), { abortSignal: AbortSignal.timeout(150) }));
    await until(() => emu.stats.inFlight === 1);
    expect(await outcome(getTransform())).toBe('ok'); // other operations still answer
    expect(await hung).toMatch(/Abort|Timeout/);
    await until(() => emu.stats.inFlight === 0);
  });

  it('closes cleanly with hung requests outstanding', async () => {
    const hanging = await startEmulator();
    hanging.faults.add({ effect: 'hang' });
    const pending = outcome(getTransform(customers, glueClient(hanging.endpoint)));
    await until(() => hanging.stats.inFlight === 1);
    const started = Date.now();
    await hanging.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await pending).not.toBe('ok');
  });
});

describe('latency and counters', () => {
  it('delays answers by the configured latency plus jitter', async () => {
    emu.faults.setLatency(80, 40);
    const started = Date.now();
    await getTransform();
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(75);
    expect(elapsed).toBeLessThan(1_000);
  });

  it('counts calls per operation on arrival, faulted ones included', async () => {
    emu.faults.add({ effect: 'ThrottlingException', operation: 'GetMLTransform', times: 1 });
    await outcome(getTransform());
    await outcome(getTransform());
    await client.send(new GetMLTransformsCommand({}));
    expect(emu.stats.calls).toEqual({ GetMLTransform: 2, GetMLTransforms: 1 });
    expect(emu.stats.total).toBe(3);
  });

  it('tracks in-flight and peak concurrent requests, and resets', async () => {
    emu.faults.setLatency(100);
    const calls = Array.from({ length: 5 }, () => getTransform());
    await until(() => emu.stats.inFlight === 5);
    await Promise.all(calls);
    expect(emu.stats.inFlight).toBe(0);
    expect(emu.stats.peakConcurrent).toBe(5);
    emu.stats.reset();
    expect(emu.stats.peakConcurrent).toBe(0);
    expect(emu.stats.total).toBe(0);
    expect(emu.stats.calls).toEqual({});
  });
});

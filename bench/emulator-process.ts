/**
 * The benchmark's Glue: the project's emulator with a fixed latency (BENCH_LATENCY_MS), in its own
 * process. It seeds runs on request and reports how many GetMLTaskRun calls it has answered.
 */
import { DEMO, startEmulator } from '../src/emulator/index.js';
import { serveIpc } from './ipc.js';

const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 25);
const emulator = await startEmulator({ latencyMs });
let transforms = 0;

// GetMLTaskRun calls per wall-clock second, sampled in this process (the one that answers them), so
// a busy parent's late timers cannot smear one second into the next. Keyed by epoch second.
const perSecond = new Map<number, number>();
let seen = 0;
setInterval(() => {
  const count = emulator.stats.calls.GetMLTaskRun ?? 0;
  if (count < seen) seen = 0;
  if (count > seen) {
    const second = Math.floor(Date.now() / 1000);
    perSecond.set(second, (perSecond.get(second) ?? 0) + count - seen);
    seen = count;
  }
}, 5).unref();

serveIpc(emulator.endpoint, {
  /** n RUNNING runs (raw runs never change, so they stay running and are never cached). */
  seedRunning: ({ n }: { n: number }) =>
    Array.from({ length: n }, () =>
      emulator.store.putTaskRun({
        TransformId: DEMO.transforms.customers,
        Status: 'RUNNING',
        LogGroupName: '/aws-glue/MLTransform',
        Properties: { TaskType: 'FIND_MATCHES' },
        StartedOn: new Date(),
        LastModifiedOn: new Date(),
        ExecutionTime: 0,
      }),
    ).map((taskRunId) => ({ transformId: DEMO.transforms.customers, taskRunId })),
  /** n finished runs on a new transform, so every call gives runs no cache has seen. */
  seedFinished: ({ n }: { n: number }) => {
    const transformId = emulator.store.putTransform({ Name: `bench-${transforms++}`, Status: 'READY' });
    return emulator.store.seedBulk(transformId, n).map((taskRunId) => ({ transformId, taskRunId }));
  },
  calls: () => emulator.stats.calls.GetMLTaskRun ?? 0,
  /** GetMLTaskRun calls in each epoch second from `from` to `to` (exclusive). */
  callsPerSecond: ({ from, to }: { from: number; to: number }) => Array.from({ length: to - from }, (_, i) => perSecond.get(from + i) ?? 0),
  /** Every Glue operation fails at `rate` in all, split evenly over the fault kinds a real Glue shows. */
  faults: ({ rate }: { rate: number }) => {
    emulator.faults.clear();
    const kinds = ['ThrottlingException', 'InternalServiceException', 'OperationTimeoutException', 'drop'] as const;
    for (const effect of kinds) emulator.faults.add({ effect, rate: rate / kinds.length });
    return kinds.length;
  },
  clearFaults: () => emulator.faults.clear(),
  /** Every Glue call, all operations (for the Glue-calls-per-second timelines). */
  totalCalls: () => emulator.stats.total,
  /** Glue down: every call answered InternalServiceException until clearFaults. */
  outage: () => emulator.faults.add({ effect: 'InternalServiceException' }),
  /** Glue's per-account quota (a token bucket), or none. */
  quota: ({ rps, burst }: { rps?: number; burst?: number }) => emulator.faults.setQuota(rps ? { rps, burst } : undefined),
  quotaThrottled: () => emulator.faults.quotaThrottled,
});

// Command-line flags of the standalone emulator: parsing and validation, kept apart from process
// handling so they can be tested without spawning processes.
import { parseArgs } from 'node:util';
import type { FaultEffect, FaultRule } from './faults.js';
import { DEFAULT_MAX_CONCURRENT_RUNS_PER_TRANSFORM, DEFAULT_RANDOM_SEED, type EmulatorOptions } from './index.js';

export const HELP = `Glue ML emulator: a local AWS Glue endpoint (AWS JSON 1.1) for the ML task-run API.

Usage: npm run emulator -- [options]

Options:
  --host <host>               interface to listen on (default 127.0.0.1)
  --port <n>                  port, 0 for a free one (default 4599)
  --latency <ms>              fixed delay added to every response (default 0)
  --jitter <ms>               random extra delay, uniform in [0, ms) (default 0)
  --throttle-rate <0..1>      share of calls answered with ThrottlingException (default 0)
  --internal-rate <0..1>      share of calls answered with InternalServiceException (default 0)
  --timeout-rate <0..1>       share of calls answered with OperationTimeoutException (default 0)
  --drop-rate <0..1>          share of calls whose connection is dropped unanswered (default 0)
  --quota-rps <n>             API rate limit: calls per second before ThrottlingException "Rate exceeded" (default none)
  --quota-burst <n>           calls the quota lets through at once (default: the quota's rps)
  --clock-speed <x>           run lifecycle speed multiplier (default 1: tens of seconds per run)
  --seed <n>                  seed for fault rates and jitter (default ${DEFAULT_RANDOM_SEED})
  --max-concurrent-runs <n>   unfinished runs allowed per transform (default ${DEFAULT_MAX_CONCURRENT_RUNS_PER_TRANSFORM})
  --no-demo-data              start empty instead of loading the demo transforms and runs
  -h, --help                  show this help and exit
`;

/** A flag value the emulator cannot use; the CLI prints it and exits 2. */
export class UsageError extends Error {}

function number(flag: string, raw: string | undefined, check: (n: number) => boolean, expected: string): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !check(value)) throw new UsageError(`--${flag} must be ${expected} (got "${raw}")`);
  return value;
}

const isRate = (n: number): boolean => n >= 0 && n <= 1;
const isNonNegative = (n: number): boolean => Number.isFinite(n) && n >= 0;

export interface ParsedCli {
  help: boolean;
  faults: FaultRule[];
  options: EmulatorOptions;
}

/** Throws UsageError for bad values and parseArgs' TypeError for unknown flags or missing values. */
export function parseCliArgs(argv: string[]): ParsedCli {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      latency: { type: 'string' },
      jitter: { type: 'string' },
      'throttle-rate': { type: 'string' },
      'internal-rate': { type: 'string' },
      'timeout-rate': { type: 'string' },
      'drop-rate': { type: 'string' },
      'quota-rps': { type: 'string' },
      'quota-burst': { type: 'string' },
      'clock-speed': { type: 'string' },
      seed: { type: 'string' },
      'max-concurrent-runs': { type: 'string' },
      'no-demo-data': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const rates: ['throttle-rate' | 'internal-rate' | 'timeout-rate' | 'drop-rate', FaultEffect][] = [
    ['throttle-rate', 'ThrottlingException'],
    ['internal-rate', 'InternalServiceException'],
    ['timeout-rate', 'OperationTimeoutException'],
    ['drop-rate', 'drop'],
  ];
  const faults: FaultRule[] = [];
  for (const [flag, effect] of rates) {
    const rate = number(flag, values[flag], isRate, 'a number from 0 to 1');
    if (rate) faults.push({ effect, rate });
  }
  if (values.host !== undefined && values.host.trim() === '') throw new UsageError('--host must not be empty');
  const quotaRps = number('quota-rps', values['quota-rps'], (n) => Number.isFinite(n) && n > 0, 'a positive number');
  const quotaBurst = number('quota-burst', values['quota-burst'], (n) => Number.isFinite(n) && n >= 1, 'a number of at least 1');
  if (quotaBurst !== undefined && quotaRps === undefined) throw new UsageError('--quota-burst needs --quota-rps');
  return {
    help: values.help ?? false,
    faults,
    options: {
      host: values.host,
      port: number('port', values.port, (n) => Number.isInteger(n) && n >= 0 && n <= 65535, 'an integer from 0 to 65535') ?? 4599,
      latencyMs: number('latency', values.latency, isNonNegative, 'a non-negative number of ms'),
      jitterMs: number('jitter', values.jitter, isNonNegative, 'a non-negative number of ms'),
      clockSpeed: number('clock-speed', values['clock-speed'], (n) => Number.isFinite(n) && n > 0, 'a positive number'),
      randomSeed: number('seed', values.seed, Number.isInteger, 'an integer'),
      maxConcurrentRunsPerTransform: number(
        'max-concurrent-runs',
        values['max-concurrent-runs'],
        (n) => Number.isInteger(n) && n >= 1,
        'a positive integer',
      ),
      seedDemoData: !values['no-demo-data'],
      quota: quotaRps === undefined ? undefined : { rps: quotaRps, burst: quotaBurst },
    },
  };
}

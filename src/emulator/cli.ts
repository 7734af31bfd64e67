// `npm run emulator -- [flags]`: runs the Glue ML emulator on its own until SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import { DEFAULT_MAX_CONCURRENT_RUNS_PER_TRANSFORM, DEFAULT_RANDOM_SEED, DEMO, startEmulator } from './index.js';
import type { FaultEffect, FaultRule } from './faults.js';

const HELP = `Glue ML emulator: a local AWS Glue endpoint (AWS JSON 1.1) for the ML task-run API.

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
  --clock-speed <x>           run lifecycle speed multiplier (default 1: tens of seconds per run)
  --seed <n>                  seed for fault rates and jitter (default ${DEFAULT_RANDOM_SEED})
  --max-concurrent-runs <n>   unfinished runs allowed per transform (default ${DEFAULT_MAX_CONCURRENT_RUNS_PER_TRANSFORM})
  --no-demo-data              start empty instead of loading the demo transforms and runs
  -h, --help                  show this help and exit
`;

class UsageError extends Error {}

function number(flag: string, raw: string | undefined, check: (n: number) => boolean, expected: string): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !check(value)) throw new UsageError(`--${flag} must be ${expected} (got "${raw}")`);
  return value;
}

const isRate = (n: number): boolean => n >= 0 && n <= 1;
const isNonNegative = (n: number): boolean => Number.isFinite(n) && n >= 0;

function parse(argv: string[]) {
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
    },
  };
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(process.argv.slice(2));
  } catch (error) {
    // parseArgs reports unknown flags and missing values with TypeErrors; both are usage errors.
    console.error(`error: ${(error as Error).message}\nRun with --help for the list of options.`);
    process.exit(2);
  }
  if (parsed.help) {
    process.stdout.write(HELP);
    return;
  }
  const emulator = await startEmulator(parsed.options);
  for (const rule of parsed.faults) emulator.faults.add(rule);

  console.log(`Glue ML emulator listening on ${emulator.endpoint}`);
  console.log('Try:');
  console.log(
    `  AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 aws glue get-ml-task-run \\\n` +
      `    --endpoint-url ${emulator.endpoint} \\\n` +
      `    --transform-id ${DEMO.transforms.customers} --task-run-id ${DEMO.runs.succeededFindMatches}`,
  );

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received, shutting down`);
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`error: ${(error as Error).message}`);
  process.exit(1);
});

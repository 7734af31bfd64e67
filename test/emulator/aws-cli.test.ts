// The real AWS CLI (v1, botocore) against the emulator via --endpoint-url.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { requireCommand } from '../helpers/requires.js';

const exec = promisify(execFile);
let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());

const ENV = {
  ...process.env,
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_PAGER: '',
  // Keep the user's profile files out of the way.
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
};

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function aws(...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await exec('aws', ['glue', ...args, '--endpoint-url', emu.endpoint, '--output', 'json'], { env: ENV });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

const json = (result: CliResult): Record<string, unknown> => {
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Record<string, unknown>;
};

// The tests spawn independent CLI processes; running them side by side keeps the file quick. Each
// process loads botocore (about a CPU-second), so on a busy machine they get more than the default time.
requireCommand('aws', 'awscli').describe.concurrent('aws glue (CLI v1)', { timeout: 120_000 }, () => {
  it('lists transforms, gets a run and reports a missing run like Glue', async () => {
    const [version, transforms, run, missing, invalid] = await Promise.all([
      exec('aws', ['--version'], { env: ENV }),
      aws('get-ml-transforms'),
      aws('get-ml-task-run', '--transform-id', DEMO.transforms.customers, '--task-run-id', DEMO.runs.succeededImportLabels),
      aws('get-ml-task-run', '--transform-id', DEMO.transforms.customers, '--task-run-id', 'tskr-missing'),
      aws('get-ml-task-runs', '--transform-id', DEMO.transforms.customers, '--filter', 'Status=DONE'),
    ]);
    expect(`${version.stdout}${version.stderr}`).toMatch(/^aws-cli\/1\./);
    const names = (json(transforms).Transforms as { Name: string }[]).map((t) => t.Name).sort();
    expect(names).toEqual(['customer-dedup', 'marketing-leads-dedup', 'product-catalog-matcher']);

    expect(json(run)).toMatchObject({
      TaskRunId: DEMO.runs.succeededImportLabels,
      Status: 'SUCCEEDED',
      Properties: { TaskType: 'IMPORT_LABELS', ImportLabelsTaskRunProperties: { Replace: false } },
      ExecutionTime: 64,
    });

    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain(
      `An error occurred (EntityNotFoundException) when calling the GetMLTaskRun operation: No ML Task Run found for tskr-missing`,
    );
    expect(invalid.stderr).toContain(
      "An error occurred (ValidationException) when calling the GetMLTaskRuns operation: 1 validation error detected: Value 'DONE' at 'filter.status'",
    );
  });

  it('gets Glue\'s documented answers for cancels, label imports and exports, and protocol errors', async () => {
    const C = DEMO.transforms.customers;
    const [cancelled, exported, noAccess, empty, unknown, huge] = await Promise.all([
      aws('cancel-ml-task-run', '--transform-id', C, '--task-run-id', DEMO.runs.succeededFindMatches),
      aws('start-export-labels-task-run', '--transform-id', DEMO.transforms.leads, '--output-s3-path', 's3://demo-glue-ml/x/'),
      aws('start-import-labels-task-run', '--transform-id', C, '--input-s3-path', 's3://demo-glue-ml/noaccess.csv'),
      aws('start-import-labels-task-run', '--transform-id', C, '--input-s3-path', 's3://demo-glue-ml/empty.csv'),
      aws('get-jobs'),
      aws('get-ml-task-runs', '--transform-id', C, '--max-results', String(2 ** 32)),
    ]);
    // A finished run can be "cancelled": the answer is its status, and it stays as it was.
    expect(json(cancelled)).toEqual({ TransformId: C, TaskRunId: DEMO.runs.succeededFindMatches, Status: 'SUCCEEDED' });
    const error = (result: CliResult, type: string, operation: string, message: string) => {
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain(`An error occurred (${type}) when calling the ${operation} operation: ${message}`);
    };
    error(exported, 'EntityNotFoundException', 'StartExportLabelsTaskRun', `No labelset exists for transformId ${DEMO.transforms.leads} in account id 123456789012.`);
    error(noAccess, 'InvalidInputException', 'StartImportLabelsTaskRun', 'Cannot access the label file at s3://demo-glue-ml/noaccess.csv');
    error(empty, 'InvalidInputException', 'StartImportLabelsTaskRun', 'Invalid label file of size 0.');
    error(unknown, 'UnknownOperationException', 'GetJobs', 'Unknown operation AWSGlue.GetJobs');
    // The CLI sends 2^32 as given (botocore checks only the minimum); it does not fit Glue's 32-bit PageSize.
    error(huge, 'SerializationException', 'GetMLTaskRuns', 'NUMBER_VALUE can not be converted to an Integer');
  });

  it('pages through filtered runs with --max-results and --next-token', async () => {
    // Botocore has no paginator for GetMLTaskRuns, so the CLI pages with the API's own parameters.
    const filter = ['--filter', 'Status=SUCCEEDED', '--sort', 'Column=STARTED,SortDirection=ASCENDING', '--max-results', '3'];
    const seen: { TaskRunId: string; Status: string; StartedOn: number }[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = json(await aws('get-ml-task-runs', '--transform-id', DEMO.transforms.customers, ...filter, ...(token ? ['--next-token', token] : [])));
      seen.push(...(page.TaskRuns as typeof seen));
      token = page.NextToken as string | undefined;
      pages++;
    } while (token);
    expect(pages).toBe(2);
    expect(seen.map((r) => r.Status)).toEqual(Array(5).fill('SUCCEEDED'));
    expect(new Set(seen.map((r) => r.TaskRunId)).size).toBe(5);
    const started = seen.map((r) => r.StartedOn);
    expect(started).toEqual([...started].sort((a, b) => a - b));
  });
});

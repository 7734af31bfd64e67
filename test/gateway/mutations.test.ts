import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/emulator/index.js';
import { startStack, type Stack } from '../helpers/stack.js';

const P = DEMO.transforms.products;
const C = DEMO.transforms.customers;
const RUN = 'transformId taskRunId taskRun { taskRunId status properties { __typename ... on ImportLabelsTaskRunProperties { inputS3Path replace } ... on ExportLabelsTaskRunProperties { outputS3Path } ... on LabelingSetGenerationTaskRunProperties { outputS3Path } } }';

describe('mutations are off unless GRAPHQL_MUTATIONS=true', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('leaves the Mutation type out of the schema, so a mutation fails validation without reaching Glue', async () => {
    const schema = await stack.query('{ __schema { mutationType { name } } }');
    expect(schema.data.__schema.mutationType).toBeNull();
    const res = await stack.query(`mutation { startMLEvaluationTaskRun(transformId: "${P}") { taskRunId } }`);
    expect(res.data).toBeUndefined();
    expect(res.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors![0]!.message).toContain('GRAPHQL_MUTATIONS');
    expect(stack.emulator.stats.total).toBe(0);
  });
});

describe('start and cancel mutations', () => {
  let stack: Stack;
  beforeAll(async () => {
    // Three unfinished runs per transform: customers' three in-progress demo runs already fill its quota.
    stack = await startStack({
      emulator: { maxConcurrentRunsPerTransform: 3 },
      env: { GRAPHQL_MUTATIONS: 'true', GLUE_MAX_ATTEMPTS: '1', GLUE_RETRY_MODE: 'standard' },
    });
  });
  afterAll(() => stack.close());
  beforeEach(() => {
    // Finish every run started so far, so each test has the products transform's whole quota.
    stack.emulator.clock.advance(100_000);
    stack.emulator.faults.clear();
    stack.emulator.stats.reset();
  });

  it.each([
    ['startMLEvaluationTaskRun', `transformId: "${P}"`, 'StartMLEvaluationTaskRun', 'EvaluationTaskRunProperties', {}],
    [
      'startMLLabelingSetGenerationTaskRun',
      `transformId: "${P}", outputS3Path: "s3://demo-glue-ml/labeling/"`,
      'StartMLLabelingSetGenerationTaskRun',
      'LabelingSetGenerationTaskRunProperties',
      { outputS3Path: 's3://demo-glue-ml/labeling/' },
    ],
    [
      'startImportLabelsTaskRun',
      `transformId: "${P}", inputS3Path: "s3://demo-glue-ml/labels/l.csv", replace: true`,
      'StartImportLabelsTaskRun',
      'ImportLabelsTaskRunProperties',
      { inputS3Path: 's3://demo-glue-ml/labels/l.csv', replace: true },
    ],
    [
      'startExportLabelsTaskRun',
      `transformId: "${P}", outputS3Path: "s3://demo-glue-ml/exports/"`,
      'StartExportLabelsTaskRun',
      'ExportLabelsTaskRunProperties',
      { outputS3Path: 's3://demo-glue-ml/exports/' },
    ],
  ])('%s starts a run and returns it as Glue reads it back', async (field, args, operation, typename, props) => {
    const res = await stack.query(`mutation { ${field}(${args}) { ${RUN} } }`);
    expect(res.errors).toBeUndefined();
    const payload = res.data[field];
    expect(payload.transformId).toBe(P);
    expect(payload.taskRun).toEqual({ taskRunId: payload.taskRunId, status: 'STARTING', properties: { __typename: typename, ...props } });
    expect(stack.emulator.store.getTaskRun(P, payload.taskRunId)?.Status).toBe('STARTING');
    expect(stack.emulator.stats.calls).toEqual({ [operation]: 1, GetMLTaskRun: 1 });
  });

  it('imports without replacing labels unless asked', async () => {
    const res = await stack.query(`mutation { startImportLabelsTaskRun(transformId: "${P}", inputS3Path: "s3://demo-glue-ml/l.csv") { ${RUN} } }`);
    expect(res.data.startImportLabelsTaskRun.taskRun.properties.replace).toBe(false);
  });

  it('cancels a run: the payload carries Glue\'s answer (STOPPING) and reads the run back STOPPING', async () => {
    const started = await stack.query(`mutation { startExportLabelsTaskRun(transformId: "${P}", outputS3Path: "s3://demo-glue-ml/x/") { taskRunId } }`);
    const id = started.data.startExportLabelsTaskRun.taskRunId;
    const res = await stack.query(
      `mutation ($t: ID!, $r: ID!) {
        cancelMLTaskRun(transformId: $t, taskRunId: $r) { transformId taskRunId status rawStatus taskRun { status } }
      }`,
      { t: P, r: id },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.cancelMLTaskRun).toEqual({ transformId: P, taskRunId: id, status: 'STOPPING', rawStatus: 'STOPPING', taskRun: { status: 'STOPPING' } });
  });

  // Glue: a run "can be cancelled at any time"; only EntityNotFoundException is documented for the call.
  it('cancelling a finished run is no error: the payload gives its status, and the run stays as it was', async () => {
    const run = DEMO.runs.succeededFindMatches;
    const res = await stack.query(`mutation { cancelMLTaskRun(transformId: "${C}", taskRunId: "${run}") { taskRunId status taskRun { status completedOn } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.cancelMLTaskRun).toEqual({ taskRunId: run, status: 'SUCCEEDED', taskRun: { status: 'SUCCEEDED', completedOn: '2024-05-01T02:14:02.000Z' } });
    expect(stack.emulator.store.getTaskRun(C, run)?.Status).toBe('SUCCEEDED');
    const missing = await stack.query(`mutation { cancelMLTaskRun(transformId: "${C}", taskRunId: "tskr-missing") { taskRunId } }`);
    expect(missing.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', glue: { exception: 'EntityNotFoundException' } });
  });

  it('the cancel payload keeps Glue\'s status when reading the run back fails', async () => {
    const started = await stack.query(`mutation { startExportLabelsTaskRun(transformId: "${P}", outputS3Path: "s3://demo-glue-ml/c/") { taskRunId } }`);
    const id = started.data.startExportLabelsTaskRun.taskRunId;
    stack.emulator.faults.add({ effect: 'InternalServiceException', operation: 'GetMLTaskRun', times: 1 });
    const res = await stack.query(`mutation { cancelMLTaskRun(transformId: "${P}", taskRunId: "${id}") { taskRunId status taskRun { status } } }`);
    expect(res.data.cancelMLTaskRun).toEqual({ taskRunId: id, status: 'STOPPING', taskRun: null });
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.path).toEqual(['cancelMLTaskRun', 'taskRun']);
  });

  it('runs mutations of one operation in order, each reading back its own run', async () => {
    const res = await stack.query(`mutation {
      a: startExportLabelsTaskRun(transformId: "${P}", outputS3Path: "s3://demo-glue-ml/a/") { taskRunId taskRun { status } }
      b: startExportLabelsTaskRun(transformId: "${P}", outputS3Path: "s3://demo-glue-ml/b/") { taskRunId taskRun { status } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.a.taskRunId).not.toBe(res.data.b.taskRunId);
    expect(stack.emulator.stats.calls).toEqual({ StartExportLabelsTaskRun: 2, GetMLTaskRun: 2 });
  });

  it.each([
    ['FAILED_PRECONDITION', false, 'MLTransformNotReadyException', `startMLEvaluationTaskRun(transformId: "${DEMO.transforms.leads}")`],
    ['CONFLICT', true, 'ConcurrentRunsExceededException', `startMLEvaluationTaskRun(transformId: "${C}")`],
    ['CONFLICT', true, 'ConcurrentRunsExceededException', `startMLLabelingSetGenerationTaskRun(transformId: "${C}", outputS3Path: "s3://demo-glue-ml/l/")`],
    ['LIMIT_EXCEEDED', false, 'ResourceNumberLimitExceededException', `startImportLabelsTaskRun(transformId: "${P}", inputS3Path: "s3://demo-glue-ml/oversize.csv")`],
    ['NOT_FOUND', false, 'EntityNotFoundException', `startExportLabelsTaskRun(transformId: "tfm-nope", outputS3Path: "s3://demo-glue-ml/x/")`],
    // Glue's documented refusals: a transform without labels has no labelset; unreadable or empty label files.
    ['NOT_FOUND', false, 'EntityNotFoundException', `startExportLabelsTaskRun(transformId: "${DEMO.transforms.leads}", outputS3Path: "s3://demo-glue-ml/x/")`],
    ['BAD_USER_INPUT', false, 'InvalidInputException', `startImportLabelsTaskRun(transformId: "${P}", inputS3Path: "s3://demo-glue-ml/noaccess/l.csv")`],
    ['BAD_USER_INPUT', false, 'InvalidInputException', `startImportLabelsTaskRun(transformId: "${P}", inputS3Path: "s3://demo-glue-ml/empty.csv")`],
  ])('Glue refusing gives %s (retryable %s) for %s', async (code, retryable, exception, call) => {
    const res = await stack.query(`mutation { ${call} { taskRunId } }`);
    expect(res.data).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.extensions).toMatchObject({ code, retryable, glue: { exception, requestId: expect.any(String) } });
    expect(res.errors![0]!.message.length).toBeGreaterThan(0);
    // Refused: nothing to read back.
    expect(stack.emulator.stats.calls.GetMLTaskRun).toBeUndefined();
  });

  it('CONFLICT once a transform has as many unfinished runs as Glue allows', async () => {
    const start = () => stack.query(`mutation { startMLEvaluationTaskRun(transformId: "${P}") { taskRunId } }`);
    for (let i = 0; i < 3; i++) expect((await start()).errors).toBeUndefined();
    const refused = await start();
    expect(refused.errors![0]!.extensions!.code).toBe('CONFLICT');
  });

  it.each([
    ['outputS3Path', `startExportLabelsTaskRun(transformId: "${P}", outputS3Path: "demo-glue-ml/x/")`],
    ['outputS3Path', `startExportLabelsTaskRun(transformId: "${P}", outputS3Path: "https://demo-glue-ml.s3.amazonaws.com/x")`],
    ['outputS3Path', `startMLLabelingSetGenerationTaskRun(transformId: "${P}", outputS3Path: "s3://")`],
    ['outputS3Path', `startMLLabelingSetGenerationTaskRun(transformId: "${P}", outputS3Path: "s3:///key")`],
    ['inputS3Path', `startImportLabelsTaskRun(transformId: "${P}", inputS3Path: "s3://bucket/a\\u0001b")`],
    ['inputS3Path', `startImportLabelsTaskRun(transformId: "${P}", inputS3Path: "s3://bucket/a\\u0085b")`],
    ['transformId', `startMLEvaluationTaskRun(transformId: "")`],
    ['taskRunId', `cancelMLTaskRun(transformId: "${P}", taskRunId: "")`],
  ])('an invalid %s is BAD_USER_INPUT naming it, before any Glue call', async (argumentName, call) => {
    const res = await stack.query(`mutation { ${call} { taskRunId } }`);
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName, retryable: false });
    expect(res.errors![0]!.message).toContain(argumentName);
    expect(stack.emulator.stats.total).toBe(0);
  });

  it('exporting the labels of a transform that has none is NOT_FOUND, saying so without Glue\'s account id', async () => {
    const res = await stack.query(`mutation { startExportLabelsTaskRun(transformId: "${DEMO.transforms.leads}", outputS3Path: "s3://demo-glue-ml/x/") { taskRunId } }`);
    expect(res.errors![0]!.message).toBe(`Transform ${DEMO.transforms.leads} has no labels to export.`);
  });

  it('accepts every bucket name S3 accepts, legacy us-east-1 names included', async () => {
    for (const path of ['s3://My_Legacy.Bucket/labels/', `s3://${'b'.repeat(255)}/x/`, 's3://ab/x/', 's3://bucket']) {
      const res = await stack.query(`mutation ($p: String!) { startExportLabelsTaskRun(transformId: "${P}", outputS3Path: $p) { taskRun { properties { ... on ExportLabelsTaskRunProperties { outputS3Path } } } } }`, { p: path });
      expect(res.errors).toBeUndefined();
      expect(res.data.startExportLabelsTaskRun.taskRun.properties.outputS3Path).toBe(path);
    }
  });

  it('a failed read-back is an error on taskRun alone: the run id still reaches the client', async () => {
    stack.emulator.faults.add({ effect: 'InternalServiceException', operation: 'GetMLTaskRun', times: 1 });
    const res = await stack.query(`mutation { startExportLabelsTaskRun(transformId: "${P}", outputS3Path: "s3://demo-glue-ml/r/") { taskRunId taskRun { status } } }`);
    const payload = res.data.startExportLabelsTaskRun;
    expect(payload.taskRunId).toMatch(/\S+/);
    expect(payload.taskRun).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.path).toEqual(['startExportLabelsTaskRun', 'taskRun']);
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', retryable: true });
    expect(stack.emulator.store.getTaskRun(P, payload.taskRunId)).toBeDefined();
  });
});

// The deterministic demo data set: the same ids and (for finished runs) the same timestamps on every
// start. Ids were produced once with ids.ts (transformIdFor('demo:<name>'), taskRunIdFor('demo:<name>'))
// and are written out literally so they read as constants in tests and docs.
import { createHash } from 'node:crypto';
import { logGroupFor, type EmulatorStore } from './store/store.js';
import type { RawTransform, TaskRunProperties } from './store/types.js';

export const ACCOUNT_ID = '123456789012';

export const DEMO = {
  accountId: ACCOUNT_ID,
  transforms: {
    /** READY FIND_MATCHES transform with a run of every task type and every status. */
    customers: 'tfm-64a0cec74dd4c82becc90eca754dcdb0',
    /** READY transform without runs: a clean slate for starting runs. */
    products: 'tfm-13a24ec2a4056b852ca6344ea6544a1d',
    /** NOT_READY transform (no labels yet): evaluation is refused; one finished labeling-set run. */
    leads: 'tfm-0eb830f5e2937a9683c44c245216c096',
  },
  runs: {
    succeededImportLabels: 'tskr202f8a1006555be97a842177a7a2fa6f',
    failedImportLabels: 'tskra99f826079ca8b17c326ad4229ed3084',
    succeededExportLabels: 'tskr49741d503e8c980f8f90023991899604',
    succeededLabelingSetGeneration: 'tskrb356c7cb850ed24a292c68c01d124f47',
    stoppedLabelingSetGeneration: 'tskre0715a92636bf5bb6571c2b98fc5d972',
    succeededEvaluation: 'tskr48a5e8acbba904b7d77bb46504b5d3ec',
    succeededFindMatches: 'tskrccd4356cd9e8c65316b3fc4eb95a4007',
    failedFindMatches: 'tskr2313c2b7d7f24470980a0920c542005c',
    timeoutFindMatches: 'tskr124ca96fd47ce82d72a090e3c760b8ae',
    /** In progress for as long as the emulator runs (unless cancelled). */
    startingEvaluation: 'tskr256f2d4e94ded7089d397ea3b09abd79',
    runningFindMatches: 'tskre324c8330fae2297aceb1db27e0e3a5d',
    stoppingExportLabels: 'tskr48a9028f1ca12e8c61187bdb2acec57a',
    /** On DEMO.transforms.leads. */
    leadsLabelingSetGeneration: 'tskr4c6a073841dfc0cb2f80231289f6c819',
  },
} as const;

export type DemoRunName = keyof typeof DEMO.runs;

const BUCKET = 's3://demo-glue-ml';
const ROLE = `arn:aws:iam::${ACCOUNT_ID}:role/GlueMLTransformRole`;
const at = (iso: string): Date => new Date(iso);
const jobRunId = (key: string): string => `jr_${createHash('sha256').update(`demo:${key}`).digest('hex')}`;

const findMatches = (run: number): TaskRunProperties => ({
  TaskType: 'FIND_MATCHES',
  FindMatchesTaskRunProperties: { JobId: 'j_customer-dedup-nightly', JobName: 'customer-dedup-nightly', JobRunId: jobRunId(`jobrun${run}`) },
});

const PERSON_SCHEMA = [
  { Name: 'customer_id', DataType: 'string' },
  { Name: 'first_name', DataType: 'string' },
  { Name: 'last_name', DataType: 'string' },
  { Name: 'email', DataType: 'string' },
  { Name: 'postcode', DataType: 'string' },
];

const TRANSFORMS: RawTransform[] = [
  {
    TransformId: DEMO.transforms.customers,
    Name: 'customer-dedup',
    Description: 'Finds duplicate customer records across the CRM and web shop.',
    Status: 'READY',
    CreatedOn: at('2024-03-01T10:00:00Z'),
    LastModifiedOn: at('2024-05-02T08:30:00Z'),
    InputRecordTables: [{ DatabaseName: 'crm', TableName: 'customers' }],
    Parameters: {
      TransformType: 'FIND_MATCHES',
      FindMatchesParameters: { PrimaryKeyColumnName: 'customer_id', PrecisionRecallTradeoff: 0.7, AccuracyCostTradeoff: 0.5, EnforceProvidedLabels: false },
    },
    EvaluationMetrics: {
      TransformType: 'FIND_MATCHES',
      FindMatchesMetrics: {
        AreaUnderPRCurve: 0.91,
        Precision: 0.88,
        Recall: 0.83,
        F1: 0.85,
        ConfusionMatrix: { NumTruePositives: 415, NumFalsePositives: 57, NumTrueNegatives: 9320, NumFalseNegatives: 85 },
        ColumnImportances: [
          { ColumnName: 'email', Importance: 0.62 },
          { ColumnName: 'last_name', Importance: 0.21 },
        ],
      },
    },
    LabelCount: 250,
    Schema: PERSON_SCHEMA,
    Role: ROLE,
    GlueVersion: '4.0',
    WorkerType: 'G.1X',
    NumberOfWorkers: 10,
    Timeout: 2880,
    MaxRetries: 0,
    TransformEncryption: { MlUserDataEncryption: { MlUserDataEncryptionMode: 'DISABLED' } },
  },
  {
    TransformId: DEMO.transforms.products,
    Name: 'product-catalog-matcher',
    Description: 'Matches supplier catalogue entries to our products.',
    Status: 'READY',
    CreatedOn: at('2024-02-12T14:15:00Z'),
    LastModifiedOn: at('2024-04-18T16:45:00Z'),
    InputRecordTables: [{ DatabaseName: 'catalog', TableName: 'supplier_products' }],
    Parameters: { TransformType: 'FIND_MATCHES', FindMatchesParameters: { PrimaryKeyColumnName: 'sku', PrecisionRecallTradeoff: 0.5, AccuracyCostTradeoff: 0.5 } },
    EvaluationMetrics: { TransformType: 'FIND_MATCHES', FindMatchesMetrics: { AreaUnderPRCurve: 0.79, Precision: 0.8, Recall: 0.74, F1: 0.77 } },
    LabelCount: 120,
    Schema: [
      { Name: 'sku', DataType: 'string' },
      { Name: 'title', DataType: 'string' },
      { Name: 'price', DataType: 'double' },
    ],
    Role: ROLE,
    GlueVersion: '3.0',
    MaxCapacity: 10,
    Timeout: 2880,
    MaxRetries: 1,
  },
  {
    TransformId: DEMO.transforms.leads,
    Name: 'marketing-leads-dedup',
    Description: 'Not trained yet: waiting for its first labels.',
    Status: 'NOT_READY',
    CreatedOn: at('2024-04-28T09:00:00Z'),
    LastModifiedOn: at('2024-04-28T09:00:00Z'),
    InputRecordTables: [{ DatabaseName: 'marketing', TableName: 'leads' }],
    Parameters: { TransformType: 'FIND_MATCHES', FindMatchesParameters: { PrimaryKeyColumnName: 'lead_id' } },
    LabelCount: 0,
    Schema: [
      { Name: 'lead_id', DataType: 'string' },
      { Name: 'email', DataType: 'string' },
      { Name: 'company', DataType: 'string' },
    ],
    Role: ROLE,
    GlueVersion: '4.0',
    WorkerType: 'G.2X',
    NumberOfWorkers: 5,
    Timeout: 600,
    MaxRetries: 0,
  },
];

interface FinishedRun {
  id: string;
  transformId?: string;
  status: string;
  startedOn: string;
  /** Seconds from start to completion. */
  seconds: number;
  properties: TaskRunProperties;
  errorString?: string;
}

const customers = DEMO.transforms.customers;
const runs = DEMO.runs;

const FINISHED: FinishedRun[] = [
  { id: runs.succeededFindMatches, status: 'SUCCEEDED', startedOn: '2024-05-01T02:00:00Z', seconds: 842, properties: findMatches(1) },
  {
    id: runs.failedFindMatches,
    status: 'FAILED',
    startedOn: '2024-05-02T02:00:00Z',
    seconds: 131,
    properties: findMatches(2),
    errorString: `Cannot write match results to ${BUCKET}/output/customers/. Access Denied.`,
  },
  {
    id: runs.timeoutFindMatches,
    status: 'TIMEOUT',
    startedOn: '2024-05-03T02:00:00Z',
    seconds: 3600,
    properties: findMatches(3),
    errorString: 'Task run exceeded the transform timeout.',
  },
  { id: runs.succeededEvaluation, status: 'SUCCEEDED', startedOn: '2024-04-30T11:20:00Z', seconds: 415, properties: { TaskType: 'EVALUATION' } },
  {
    id: runs.succeededLabelingSetGeneration,
    status: 'SUCCEEDED',
    startedOn: '2024-04-20T09:05:00Z',
    seconds: 388,
    properties: { TaskType: 'LABELING_SET_GENERATION', LabelingSetGenerationTaskRunProperties: { OutputS3Path: `${BUCKET}/labeling-sets/customers/2024-04-20/` } },
  },
  {
    id: runs.stoppedLabelingSetGeneration,
    status: 'STOPPED',
    startedOn: '2024-04-19T15:40:00Z',
    seconds: 97,
    properties: { TaskType: 'LABELING_SET_GENERATION', LabelingSetGenerationTaskRunProperties: { OutputS3Path: `${BUCKET}/labeling-sets/customers/2024-04-19/` } },
  },
  {
    id: runs.succeededImportLabels,
    status: 'SUCCEEDED',
    startedOn: '2024-04-22T13:00:00Z',
    seconds: 64,
    properties: { TaskType: 'IMPORT_LABELS', ImportLabelsTaskRunProperties: { InputS3Path: `${BUCKET}/labels/customers/labels-2024-04-22.csv`, Replace: false } },
  },
  {
    id: runs.failedImportLabels,
    status: 'FAILED',
    startedOn: '2024-04-21T17:30:00Z',
    seconds: 12,
    // Unreadable or empty label files are refused at start in Glue, so this run failed later on.
    properties: { TaskType: 'IMPORT_LABELS', ImportLabelsTaskRunProperties: { InputS3Path: `${BUCKET}/labels/customers/labels-2024-04-21.csv`, Replace: true } },
    errorString: 'Internal service failure due to unexpected input.',
  },
  {
    id: runs.succeededExportLabels,
    status: 'SUCCEEDED',
    startedOn: '2024-05-02T08:00:00Z',
    seconds: 41,
    properties: { TaskType: 'EXPORT_LABELS', ExportLabelsTaskRunProperties: { OutputS3Path: `${BUCKET}/exports/customers/2024-05-02/` } },
  },
  {
    id: runs.leadsLabelingSetGeneration,
    transformId: DEMO.transforms.leads,
    status: 'SUCCEEDED',
    startedOn: '2024-04-28T10:00:00Z',
    seconds: 290,
    properties: { TaskType: 'LABELING_SET_GENERATION', LabelingSetGenerationTaskRunProperties: { OutputS3Path: `${BUCKET}/labeling-sets/leads/2024-04-28/` } },
  },
];

/** Loads the demo transforms and runs. In-progress runs are dated relative to `now` and never advance. */
export function seedDemo(store: EmulatorStore, now: number): void {
  for (const transform of TRANSFORMS) store.putTransform(transform);
  for (const run of FINISHED) {
    const transformId = run.transformId ?? customers;
    const startedOn = at(run.startedOn);
    const completedOn = new Date(startedOn.getTime() + run.seconds * 1000);
    store.putTaskRun({
      TransformId: transformId,
      TaskRunId: run.id,
      Status: run.status,
      LogGroupName: logGroupFor(transformId),
      Properties: run.properties,
      ErrorString: run.errorString,
      StartedOn: startedOn,
      LastModifiedOn: completedOn,
      CompletedOn: completedOn,
      ExecutionTime: run.seconds,
    });
  }
  const inProgress = (id: string, status: string, properties: TaskRunProperties, startedAgoS: number, modifiedAgoS: number): void => {
    store.putTaskRun({
      TransformId: customers,
      TaskRunId: id,
      Status: status,
      LogGroupName: logGroupFor(customers),
      Properties: properties,
      StartedOn: new Date(now - startedAgoS * 1000),
      LastModifiedOn: new Date(now - modifiedAgoS * 1000),
      ExecutionTime: 0,
    });
  };
  inProgress(runs.startingEvaluation, 'STARTING', { TaskType: 'EVALUATION' }, 5, 5);
  inProgress(runs.runningFindMatches, 'RUNNING', findMatches(4), 180, 160);
  inProgress(
    runs.stoppingExportLabels,
    'STOPPING',
    { TaskType: 'EXPORT_LABELS', ExportLabelsTaskRunProperties: { OutputS3Path: `${BUCKET}/exports/customers/latest/` } },
    120,
    10,
  );
}

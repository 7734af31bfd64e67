import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/emulator/index.js';
import { startStack, type Stack } from '../helpers/stack.js';

const C = DEMO.transforms.customers;
const P = DEMO.transforms.products;
const L = DEMO.transforms.leads;

const DASHBOARD = `
  id transformId name description status rawStatus createdOn lastModifiedOn labelCount role glueVersion
  maxCapacity workerType numberOfWorkers timeout maxRetries
  inputRecordTables { databaseName tableName catalogId connectionName additionalOptions { key value } }
  parameters { transformType findMatchesParameters { primaryKeyColumnName precisionRecallTradeoff accuracyCostTradeoff enforceProvidedLabels } }
  evaluationMetrics { transformType findMatchesMetrics { areaUnderPRCurve precision recall f1
    confusionMatrix { numTruePositives numFalsePositives numTrueNegatives numFalseNegatives }
    columnImportances { columnName importance } } }
  schema { name dataType }
  transformEncryption { mlUserDataEncryption { mode kmsKeyId } taskRunSecurityConfigurationName }`;

describe('ML transforms over real HTTP', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { GLUE_MAX_ATTEMPTS: '1', GLUE_RETRY_MODE: 'standard' } });
  });
  afterAll(() => stack.close());
  beforeEach(() => {
    stack.emulator.faults.clear();
    stack.emulator.stats.reset();
  });

  it('mlTransform returns everything a dashboard shows, typed', async () => {
    const res = await stack.query(`query ($t: ID!) { mlTransform(transformId: $t) { ${DASHBOARD} } }`, { t: C });
    expect(res.errors).toBeUndefined();
    expect(res.data.mlTransform).toEqual({
      id: Buffer.from(JSON.stringify(['MLTransform', C])).toString('base64url'),
      transformId: C,
      name: 'customer-dedup',
      description: 'Finds duplicate customer records across the CRM and web shop.',
      status: 'READY',
      rawStatus: 'READY',
      createdOn: '2024-03-01T10:00:00.000Z',
      lastModifiedOn: '2024-05-02T08:30:00.000Z',
      labelCount: 250,
      // The account id is masked unless GRAPHQL_EXPOSE_ACCOUNT_IDS=true (docs/security.md).
      role: 'arn:aws:iam::[account]:role/GlueMLTransformRole',
      glueVersion: '4.0',
      maxCapacity: null,
      workerType: 'G.1X',
      numberOfWorkers: 10,
      timeout: 2880,
      maxRetries: 0,
      inputRecordTables: [{ databaseName: 'crm', tableName: 'customers', catalogId: null, connectionName: null, additionalOptions: [] }],
      parameters: {
        transformType: 'FIND_MATCHES',
        findMatchesParameters: { primaryKeyColumnName: 'customer_id', precisionRecallTradeoff: 0.7, accuracyCostTradeoff: 0.5, enforceProvidedLabels: false },
      },
      evaluationMetrics: {
        transformType: 'FIND_MATCHES',
        findMatchesMetrics: {
          areaUnderPRCurve: 0.91,
          precision: 0.88,
          recall: 0.83,
          f1: 0.85,
          confusionMatrix: { numTruePositives: 415, numFalsePositives: 57, numTrueNegatives: 9320, numFalseNegatives: 85 },
          columnImportances: [
            { columnName: 'email', importance: 0.62 },
            { columnName: 'last_name', importance: 0.21 },
          ],
        },
      },
      schema: [
        { name: 'customer_id', dataType: 'string' },
        { name: 'first_name', dataType: 'string' },
        { name: 'last_name', dataType: 'string' },
        { name: 'email', dataType: 'string' },
        { name: 'postcode', dataType: 'string' },
      ],
      transformEncryption: { mlUserDataEncryption: { mode: 'DISABLED', kmsKeyId: null }, taskRunSecurityConfigurationName: null },
    });
    expect(stack.emulator.stats.calls).toEqual({ GetMLTransform: 1 });
  });

  it('absent members are null or empty lists; table options and a status the schema lacks come through', async () => {
    // The emulator's store type has no AdditionalOptions, but serves whatever the record holds; Glue sends a string map.
    const table = { DatabaseName: 'db', TableName: 't', CatalogId: '123456789012', AdditionalOptions: { pushDownPredicate: "year='2024'" } };
    const id = stack.emulator.store.putTransform({ Name: 'sparse', Status: 'ARCHIVED', InputRecordTables: [table] });
    const res = await stack.query(`query ($t: ID!) { mlTransform(transformId: $t) { ${DASHBOARD} } }`, { t: id });
    expect(res.errors).toBeUndefined();
    expect(res.data.mlTransform).toMatchObject({
      status: null,
      rawStatus: 'ARCHIVED',
      parameters: null,
      evaluationMetrics: null,
      schema: [],
      transformEncryption: null,
      inputRecordTables: [{ databaseName: 'db', tableName: 't', catalogId: '123456789012', additionalOptions: [{ key: 'pushDownPredicate', value: "year='2024'" }] }],
    });
  });

  it('NOT_FOUND for a transform that does not exist; BAD_USER_INPUT for a bad id, before any call', async () => {
    const missing = await stack.query(`{ mlTransform(transformId: "tfm-nope") { name } }`);
    expect(missing.data).toEqual({ mlTransform: null });
    expect(missing.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', glue: { exception: 'EntityNotFoundException' } });

    stack.emulator.stats.reset();
    const bad = await stack.query(`{ mlTransform(transformId: "") { name } }`);
    expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'transformId' });
    expect(stack.emulator.stats.total).toBe(0);
  });

  it('MLTaskRun.transform costs one GetMLTransform per distinct transform, with errors per transform', async () => {
    stack.emulator.faults.add({ effect: 'AccessDeniedException', operation: 'GetMLTransform', ids: [L] });
    const keys = [
      ...[DEMO.runs.succeededFindMatches, DEMO.runs.failedFindMatches, DEMO.runs.succeededEvaluation].map((taskRunId) => ({ transformId: C, taskRunId })),
      { transformId: L, taskRunId: DEMO.runs.leadsLabelingSetGeneration },
    ];
    const res = await stack.query(`query ($keys: [MLTaskRunKey!]!) { mlTaskRuns(keys: $keys) { taskRunId transform { name } } }`, { keys });
    expect(res.data.mlTaskRuns.map((r: any) => r.transform)).toEqual([
      { name: 'customer-dedup' },
      { name: 'customer-dedup' },
      { name: 'customer-dedup' },
      null,
    ]);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.path).toEqual(['mlTaskRuns', 3, 'transform']);
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_ACCESS_DENIED' });
    expect(stack.emulator.stats.calls).toEqual({ GetMLTaskRun: 4, GetMLTransform: 2 });
  });

  it('MLTransform is a federation entity resolved through the loader', async () => {
    const sdl = await stack.query('{ _service { sdl } }');
    expect(sdl.data._service.sdl).toMatch(/type MLTransform\s+implements Node\s+@key\(fields: "transformId"\)/);
    const res = await stack.query(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on MLTransform { transformId name } } }`,
      { r: [C, P, C].map((transformId) => ({ __typename: 'MLTransform', transformId })) },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data._entities.map((e: any) => e.name)).toEqual(['customer-dedup', 'product-catalog-matcher', 'customer-dedup']);
    expect(stack.emulator.stats.calls).toEqual({ GetMLTransform: 2 });
  });
});

describe('mlTransforms connection', () => {
  let stack: Stack;
  let all: string[];
  beforeAll(async () => {
    stack = await startStack();
    for (let i = 0; i < 6; i++) {
      stack.emulator.store.putTransform({ Name: `extra-${i}`, Status: 'READY', CreatedOn: new Date(Date.UTC(2023, 0, 1 + i)) });
    }
    all = stack.emulator.store
      .listTransforms()
      .sort((a, b) => b.CreatedOn!.getTime() - a.CreatedOn!.getTime())
      .map((t) => t.TransformId);
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.emulator.stats.reset());

  it('pages through every transform once, newest first, and its nodes cost no GetMLTransform', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const res: any = await stack.query(
        `query ($after: String) { mlTransforms(first: 2, after: $after) {
          edges { cursor node { transformId name } } nodes { transformId } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
        { after },
      );
      expect(res.errors).toBeUndefined();
      const page = res.data.mlTransforms;
      expect(page.nodes.map((n: any) => n.transformId)).toEqual(page.edges.map((e: any) => e.node.transformId));
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      seen.push(...page.edges.map((e: any) => e.node.transformId));
      pages++;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 2));
    expect(stack.emulator.stats.calls).toEqual({ GetMLTransforms: pages });
  });
});

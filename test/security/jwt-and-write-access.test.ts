// Credentials over real HTTP: the JWT policy (exp, algorithms, issuer) and the write permission that
// mutations need, with the S3 prefixes a mutation may name. Every refusal costs Glue nothing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/emulator/index.js';
import { post } from '../helpers/http.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { bearer, READ_KEY, SECRET, token, WRITE_KEY } from './helpers.js';

const P = DEMO.transforms.products;
const READ = `{ mlTaskRun(transformId: "${DEMO.transforms.customers}", taskRunId: "${DEMO.runs.succeededFindMatches}") { status } }`;
const exportTo = (path: string) => `mutation { startExportLabelsTaskRun(transformId: "${P}", outputS3Path: "${path}") { taskRunId } }`;
const importFrom = (path: string) => `mutation { startImportLabelsTaskRun(transformId: "${P}", inputS3Path: "${path}", replace: true) { taskRunId } }`;
const EVALUATE = `mutation { startMLEvaluationTaskRun(transformId: "${P}") { taskRunId } }`;

describe('JWT policy and write permission', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      emulator: { maxConcurrentRunsPerTransform: 100 },
      env: {
        GRAPHQL_MUTATIONS: 'true',
        AUTH_JWT_SECRET: SECRET,
        AUTH_JWT_ISSUER: 'https://issuer.test',
        AUTH_API_KEYS: `${READ_KEY},${WRITE_KEY}`,
        AUTH_WRITE_API_KEYS: WRITE_KEY,
        GLUE_S3_ALLOWED_PREFIXES: 's3://demo-glue-ml/labels/, s3://exports-bucket/',
      },
    });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.emulator.stats.reset());

  const as = async (headers: Record<string, string>, query: string) => {
    const res = await post(stack.url, { query }, headers);
    return { status: res.status, body: (await res.json()) as any };
  };

  it('accepts a token with exp, the configured algorithm (HS256 by default) and issuer', async () => {
    const { status, body } = await as(bearer(await token({ iss: 'https://issuer.test' })), READ);
    expect(status).toBe(200);
    expect(body.data.mlTaskRun.status).toBe('SUCCEEDED');
  });

  it('refuses a token without exp, one signed with HS512, and one from the wrong issuer: 401 and no Glue call', async () => {
    const noExp = await token({ iss: 'https://issuer.test' }, { exp: false });
    const hs512 = await token({ iss: 'https://issuer.test' }, { alg: 'HS512' });
    const wrongIssuer = await token({ iss: 'https://other-issuer.test' });
    const noIssuer = await token({});
    const cases: Array<[string, RegExp]> = [
      [noExp, /ERR_JWT_CLAIM_VALIDATION_FAILED/],
      [hs512, /ERR_JOSE_ALG_NOT_ALLOWED/],
      [wrongIssuer, /ERR_JWT_CLAIM_VALIDATION_FAILED/],
      [noIssuer, /ERR_JWT_CLAIM_VALIDATION_FAILED/],
    ];
    for (const [jwt, reason] of cases) {
      const { status, body } = await as(bearer(jwt), READ);
      expect(status).toBe(401);
      expect(body.errors[0].message).toMatch(reason);
    }
    expect(stack.emulator.stats.total).toBe(0);
  });

  it('refuses mutations to credentials without the write permission: FORBIDDEN before any Glue call', async () => {
    const readToken = await token({ iss: 'https://issuer.test', scope: 'glue-ml:read openid' });
    const lookalike = await token({ iss: 'https://issuer.test', scope: 'glue-ml:writer glue-ml:write-only' });
    for (const headers of [bearer(readToken), bearer(lookalike), { 'x-api-key': READ_KEY }]) {
      for (const query of [EVALUATE, exportTo('s3://exports-bucket/x/'), importFrom('s3://demo-glue-ml/labels/a.csv')]) {
        const { body } = await as(headers, query);
        expect(body.data).toBeNull();
        expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
      }
    }
    // Reading stays allowed to them.
    expect((await as({ 'x-api-key': READ_KEY }, READ)).body.data.mlTaskRun.status).toBe('SUCCEEDED');
    expect(stack.emulator.stats.calls.StartMLEvaluationTaskRun ?? 0).toBe(0);
    expect(stack.emulator.stats.calls.StartExportLabelsTaskRun ?? 0).toBe(0);
    expect(stack.emulator.stats.calls.StartImportLabelsTaskRun ?? 0).toBe(0);
  });

  it('lets a write scope (in `scope` or in an `scp` array) and a write API key start runs', async () => {
    const scope = await token({ iss: 'https://issuer.test', scope: 'openid glue-ml:write' });
    const scp = await token({ iss: 'https://issuer.test', scp: ['glue-ml:read', 'glue-ml:write'] });
    for (const headers of [bearer(scope), bearer(scp), { 'x-api-key': WRITE_KEY }]) {
      const { body } = await as(headers, EVALUATE);
      expect(body.errors).toBeUndefined();
      expect(body.data.startMLEvaluationTaskRun.taskRunId).toMatch(/^tskr/);
    }
    expect(stack.emulator.stats.calls.StartMLEvaluationTaskRun).toBe(3);
  });

  it('bounds every S3 path to GLUE_S3_ALLOWED_PREFIXES: outside is BAD_USER_INPUT naming the argument, with no Glue call', async () => {
    const writer = { 'x-api-key': WRITE_KEY };
    const outside: Array<[string, string]> = [
      [exportTo('s3://attacker-bucket/loot/'), 'outputS3Path'],
      [exportTo('s3://exports-bucket-evil/x'), 'outputS3Path'],
      [importFrom('s3://demo-glue-ml/other/labels.csv'), 'inputS3Path'],
      [importFrom('s3://demo-glue-ml/labels'), 'inputS3Path'],
    ];
    for (const [query, argumentName] of outside) {
      const { body } = await as(writer, query);
      expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName });
      expect(body.errors[0].message).toContain('GLUE_S3_ALLOWED_PREFIXES');
    }
    expect(stack.emulator.stats.total).toBe(0);
    const inside = await as(writer, exportTo('s3://exports-bucket/2026/labels/'));
    expect(inside.body.errors).toBeUndefined();
    expect(stack.emulator.stats.calls.StartExportLabelsTaskRun).toBe(1);
  });
});

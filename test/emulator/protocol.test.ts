// Wire protocol: JSON 1.1 framing, auth, unknown operations, malformed input, model-driven validation.
import {
  GetMLTaskRunCommand,
  GetMLTaskRunsCommand,
  GetMLTransformsCommand,
  ValidationException,
  type GlueClient,
} from '@aws-sdk/client-glue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type RunningEmulator } from '../../src/emulator/index.js';
import { UUID, expectAwsError, expectReject, rawCall, startWithClient } from './helpers.js';

let emu: RunningEmulator;
let client: GlueClient;

beforeAll(async () => {
  ({ emu, client } = await startWithClient());
});
afterAll(() => emu.close());

const customers = DEMO.transforms.customers;

describe('JSON 1.1 framing', () => {
  it('answers with the JSON 1.1 content type, a request id and epoch-second timestamps', async () => {
    const response = await rawCall(emu.endpoint, {
      target: 'AWSGlue.GetMLTaskRun',
      body: { TransformId: customers, TaskRunId: DEMO.runs.succeededEvaluation },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(response.headers.get('x-amzn-requestid')).toMatch(UUID);
    expect(response.json.StartedOn).toBe(Date.parse('2024-04-30T11:20:00Z') / 1000);
    expect(response.json).not.toHaveProperty('ErrorString'); // absent members are omitted, not null
  });

  it('gives every response its own request id, which the SDK exposes', async () => {
    const first = await client.send(new GetMLTransformsCommand({}));
    const second = await client.send(new GetMLTransformsCommand({}));
    expect(first.$metadata.httpStatusCode).toBe(200);
    expect(first.$metadata.requestId).toMatch(UUID);
    expect(second.$metadata.requestId).not.toBe(first.$metadata.requestId);
  });

  it('reads an empty body as empty input and ignores unknown members', async () => {
    expect((await rawCall(emu.endpoint, { body: '' })).status).toBe(200);
    const response = await rawCall(emu.endpoint, { body: { Surprise: [1, 2], MaxResults: 1 } });
    expect(response.status).toBe(200);
    expect(response.json.Transforms).toHaveLength(1);
  });
});

describe('authentication', () => {
  it('rejects a request without an Authorization header with MissingAuthenticationTokenException (403)', async () => {
    const response = await rawCall(emu.endpoint, { authorization: null });
    expect(expectAwsError(response, 403, 'MissingAuthenticationTokenException')).toBe(
      'Request is missing Authentication Token',
    );
  });

  it('accepts any signature without verifying it', async () => {
    expect((await rawCall(emu.endpoint, { authorization: 'AWS4-HMAC-SHA256 Signature=nonsense' })).status).toBe(200);
  });
});

describe('operation routing', () => {
  it.each([
    ['an unknown operation', 'AWSGlue.GetJobRuns'],
    ['another service prefix', 'DynamoDB_20120810.ListTables'],
    ['a prototype property', 'AWSGlue.constructor'],
  ])('answers %s with UnknownOperationException (400) naming the target', async (_label, target) => {
    const message = expectAwsError(await rawCall(emu.endpoint, { target }), 400, 'UnknownOperationException');
    expect(message).toBe(`Unknown operation ${target}`);
  });

  it('treats a missing X-Amz-Target or a GET as an unknown operation', async () => {
    expectAwsError(await rawCall(emu.endpoint, { target: null }), 400, 'UnknownOperationException');
    expectAwsError(await rawCall(emu.endpoint, { method: 'GET' }), 400, 'UnknownOperationException');
  });
});

describe('malformed input', () => {
  it.each([
    ['truncated JSON', '{"TransformId": '],
    ['a JSON array body', '[]'],
    ['a JSON null body', 'null'],
    ['a number where a string belongs', { TransformId: 42 }],
    ['a string where an integer belongs', { TransformId: customers, MaxResults: '5' }],
    ['a fractional integer', { TransformId: customers, MaxResults: 2.5 }],
    ['a date string where an epoch-seconds timestamp belongs', { TransformId: customers, Filter: { StartedAfter: '2024-01-01' } }],
    ['an object where a string belongs', { TransformId: { id: customers } }],
    ['an integer beyond 32 bits', { TransformId: customers, MaxResults: 2 ** 31 }],
    ['a negative integer beyond 32 bits', { TransformId: customers, MaxResults: -(2 ** 31) - 1 }],
    ['an integer beyond 64 bits', { TransformId: customers, MaxResults: 2 ** 64 }],
  ])('answers %s with SerializationException (400)', async (_label, body) => {
    const response = await rawCall(emu.endpoint, { target: 'AWSGlue.GetMLTaskRuns', body });
    expectAwsError(response, 400, 'SerializationException');
  });

  it('reads a 32-bit integer, then checks its range: MaxResults 2^31 - 1 is a ValidationException', async () => {
    const response = await rawCall(emu.endpoint, { target: 'AWSGlue.GetMLTaskRuns', body: { TransformId: customers, MaxResults: 2 ** 31 - 1 } });
    expect(expectAwsError(response, 400, 'ValidationException')).toContain(
      "Value '2147483647' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000",
    );
    const beyond = await rawCall(emu.endpoint, { target: 'AWSGlue.GetMLTaskRuns', body: { TransformId: customers, MaxResults: 2 ** 31 } });
    expect(expectAwsError(beyond, 400, 'SerializationException')).toBe('NUMBER_VALUE can not be converted to an Integer');
  });
});

describe('constraint validation', () => {
  const call = (target: string, body: object) => rawCall(emu.endpoint, { target: `AWSGlue.${target}`, body });

  it('reports a too-short id the way Glue does', async () => {
    const message = expectAwsError(await call('GetMLTaskRun', { TransformId: '', TaskRunId: 'x' }), 400, 'ValidationException');
    expect(message).toBe(
      "1 validation error detected: Value '' at 'transformId' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });

  it('reports missing required members as null values', async () => {
    const message = expectAwsError(await call('GetMLTaskRun', { TransformId: customers }), 400, 'ValidationException');
    expect(message).toBe(
      "1 validation error detected: Value null at 'taskRunId' failed to satisfy constraint: Member must not be null",
    );
  });

  it('collects every violation into one message', async () => {
    const message = expectAwsError(
      await call('GetMLTaskRuns', { TransformId: 'x'.repeat(256), MaxResults: 1001, Sort: { Column: 'NAME' } }),
      400,
      'ValidationException',
    );
    expect(message).toBe(
      '4 validation errors detected: ' +
        `Value '${'x'.repeat(256)}' at 'transformId' failed to satisfy constraint: Member must have length less than or equal to 255; ` +
        "Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000; " +
        "Value 'NAME' at 'sort.column' failed to satisfy constraint: Member must satisfy enum value set: [TASK_RUN_TYPE, STATUS, STARTED]; " +
        "Value null at 'sort.sortDirection' failed to satisfy constraint: Member must not be null",
    );
  });

  it('checks patterns, enums in filters and nested lists', async () => {
    const pattern = expectAwsError(await call('GetMLTransform', { TransformId: 'tfm-\u0001' }), 400, 'ValidationException');
    expect(pattern).toContain("at 'transformId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\u0020-");
    const status = expectAwsError(await call('GetMLTaskRuns', { TransformId: customers, Filter: { Status: 'DONE' } }), 400, 'ValidationException');
    expect(status).toContain("Value 'DONE' at 'filter.status' failed to satisfy constraint: Member must satisfy enum value set: [STARTING, RUNNING, STOPPING, STOPPED, SUCCEEDED, FAILED, TIMEOUT]");
    const schema = expectAwsError(await call('GetMLTransforms', { Filter: { Schema: [{ Name: '' }], GlueVersion: 'four' } }), 400, 'ValidationException');
    expect(schema).toContain("Value 'four' at 'filter.glueVersion' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(\\w+\\.)+\\w+$");
    expect(schema).toContain("Value '' at 'filter.schema.1.member.name' failed to satisfy constraint: Member must have length greater than or equal to 1");
  });

  it('raises the SDK ValidationException class with status 400 and a request id', async () => {
    const tooSmall = await expectReject(client.send(new GetMLTaskRunsCommand({ TransformId: customers, MaxResults: 0 })), ValidationException);
    expect(tooSmall.$metadata.httpStatusCode).toBe(400);
    expect(tooSmall.$metadata.requestId).toMatch(UUID);
    expect(tooSmall.message).toContain('Member must have value greater than or equal to 1');
    const badSort = await expectReject(
      client.send(
        new GetMLTaskRunsCommand({ TransformId: customers, Sort: { Column: 'DURATION' as never, SortDirection: 'ASCENDING' } }),
      ),
      ValidationException,
    );
    expect(badSort.message).toContain("Value 'DURATION' at 'sort.column'");
    const empty = await expectReject(client.send(new GetMLTaskRunCommand({ TransformId: customers, TaskRunId: '' })), ValidationException);
    expect(empty.message).toContain("at 'taskRunId'");
  });

  it('keeps serving after bad input, including an oversized body', async () => {
    await rawCall(emu.endpoint, { body: '{{{{' });
    const huge = await rawCall(emu.endpoint, { body: { TransformId: 'x'.repeat(2 * 1024 * 1024) } });
    expectAwsError(huge, 413, 'RequestEntityTooLargeException');
    const response = await client.send(new GetMLTransformsCommand({}));
    expect(response.Transforms).toHaveLength(3);
  });
});

// CreateMLTransform, UpdateMLTransform, DeleteMLTransform and ListMLTransforms through the SDK.
import {
  AlreadyExistsException,
  CreateMLTransformCommand,
  DeleteMLTransformCommand,
  EntityNotFoundException,
  GetMLTaskRunsCommand,
  GetMLTransformCommand,
  InvalidInputException,
  ListMLTransformsCommand,
  ResourceNumberLimitExceededException,
  StartMLLabelingSetGenerationTaskRunCommand,
  UpdateMLTransformCommand,
  type CreateMLTransformCommandInput,
  type GlueClient,
  type ListMLTransformsCommandInput,
} from '@aws-sdk/client-glue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type RunningEmulator } from '../../src/emulator/index.js';
import { expectReject, rawCall, startWithClient } from './helpers.js';

let emu: RunningEmulator;
let client: GlueClient;

beforeAll(async () => {
  ({ emu, client } = await startWithClient());
});
afterAll(() => emu.close());

const ROLE = 'arn:aws:iam::123456789012:role/GlueMLTransformRole';
let counter = 0;
/** A valid create request with a name no other test uses. */
const request = (overrides: Partial<CreateMLTransformCommandInput> = {}): CreateMLTransformCommandInput => ({
  Name: `admin-test-${counter++}`,
  InputRecordTables: [{ DatabaseName: 'crm', TableName: 'accounts' }],
  Parameters: { TransformType: 'FIND_MATCHES', FindMatchesParameters: { PrimaryKeyColumnName: 'account_id' } },
  Role: ROLE,
  ...overrides,
});
const create = async (overrides: Partial<CreateMLTransformCommandInput> = {}): Promise<string> =>
  (await client.send(new CreateMLTransformCommand(request(overrides)))).TransformId!;

describe('CreateMLTransform', () => {
  it('creates a NOT_READY transform with the documented defaults, readable with GetMLTransform', async () => {
    const before = Date.now();
    const id = await create({ Name: 'accounts-dedup', Description: 'accounts' });
    expect(id).toMatch(/^tfm-[0-9a-f]{32}$/);
    const transform = await client.send(new GetMLTransformCommand({ TransformId: id }));
    expect(transform).toMatchObject({
      TransformId: id,
      Name: 'accounts-dedup',
      Description: 'accounts',
      Status: 'NOT_READY',
      LabelCount: 0,
      Role: ROLE,
      MaxCapacity: 10,
      Timeout: 2880,
      MaxRetries: 0,
      InputRecordTables: [{ DatabaseName: 'crm', TableName: 'accounts' }],
      Parameters: { TransformType: 'FIND_MATCHES', FindMatchesParameters: { PrimaryKeyColumnName: 'account_id' } },
    });
    expect(transform.CreatedOn!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(transform.LastModifiedOn).toEqual(transform.CreatedOn);
    expect(transform.WorkerType).toBeUndefined();
  });

  it('refuses a name already taken with AlreadyExistsException, demo transforms included', async () => {
    const error = await expectReject(client.send(new CreateMLTransformCommand(request({ Name: 'customer-dedup' }))), AlreadyExistsException);
    expect(error.message).toBe('Transform with name customer-dedup already exists.');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('takes workers instead of DPUs, and refuses the combinations the API reference rules out', async () => {
    const id = await create({ WorkerType: 'G.1X', NumberOfWorkers: 5 });
    const transform = await client.send(new GetMLTransformCommand({ TransformId: id }));
    expect(transform).toMatchObject({ WorkerType: 'G.1X', NumberOfWorkers: 5 });
    expect(transform.MaxCapacity).toBeUndefined();

    const refusals: [Partial<CreateMLTransformCommandInput>, RegExp][] = [
      [{ MaxCapacity: 10, WorkerType: 'G.1X', NumberOfWorkers: 2 }, /^MaxCapacity cannot be set together/],
      [{ WorkerType: 'G.2X' }, /^WorkerType and NumberOfWorkers must be set together/],
      [{ NumberOfWorkers: 3 }, /^WorkerType and NumberOfWorkers/],
      [{ MaxCapacity: 1 }, /^MaxCapacity must be between 2 and 100/],
      [{ MaxCapacity: 101 }, /^MaxCapacity must be between 2 and 100/],
      [{ WorkerType: 'G.1X', NumberOfWorkers: 0 }, /^NumberOfWorkers must be at least 1/],
      [{ MaxRetries: -1 }, /^MaxRetries must not be negative/],
      [{ Role: ' ' }, /^Role must not be empty/],
      [{ Tags: { 'aws:owner': 'x' } }, /^Tag keys must not start with aws:/],
      [
        { TransformEncryption: { MlUserDataEncryption: { MlUserDataEncryptionMode: 'SSE-KMS' } } },
        /^MlUserDataEncryption\.KmsKeyId is required/,
      ],
    ];
    for (const [overrides, message] of refusals) {
      const error = await expectReject(client.send(new CreateMLTransformCommand(request(overrides))), InvalidInputException);
      expect(error.message).toMatch(message);
    }
  });

  it('answers ValidationException naming the member for what the model refuses', async () => {
    const response = await rawCall(emu.endpoint, {
      target: 'AWSGlue.CreateMLTransform',
      body: { Name: '', InputRecordTables: [], Parameters: { TransformType: 'FIND_MATCHES' } },
    });
    expect(response.status).toBe(400);
    expect(response.json.__type).toBe('ValidationException');
    expect(response.json.message).toBe(
      "2 validation errors detected: Value '' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
        "Value null at 'role' failed to satisfy constraint: Member must not be null",
    );
  });

  it('refuses a transform past the account limit with ResourceNumberLimitExceededException', async () => {
    const limited = await startWithClient({ maxTransforms: 4 });
    try {
      await limited.client.send(new CreateMLTransformCommand(request()));
      const error = await expectReject(limited.client.send(new CreateMLTransformCommand(request())), ResourceNumberLimitExceededException);
      expect(error.message).toBe('Number of ML transforms in account 123456789012 has exceeded the limit of 4.');
      expect(limited.emu.store.counts().transforms).toBe(4);
    } finally {
      await limited.emu.close();
    }
  });
});

describe('UpdateMLTransform', () => {
  it('changes only the members given, moves LastModifiedOn and keeps the rest', async () => {
    const id = await create({ Description: 'first', MaxCapacity: 5 });
    const created = await client.send(new GetMLTransformCommand({ TransformId: id }));
    emu.clock.advance(60_000);
    const answer = await client.send(new UpdateMLTransformCommand({ TransformId: id, Description: 'second', Timeout: 60 }));
    expect(answer.TransformId).toBe(id);
    const updated = await client.send(new GetMLTransformCommand({ TransformId: id }));
    expect(updated).toMatchObject({ Description: 'second', Timeout: 60, MaxCapacity: 5, Name: created.Name, Role: ROLE });
    expect(updated.LastModifiedOn!.getTime()).toBeGreaterThan(created.LastModifiedOn!.getTime());
    expect(updated.CreatedOn).toEqual(created.CreatedOn);
  });

  it('replaces the whole capacity setting when one of its members is given', async () => {
    const id = await create({ MaxCapacity: 5 });
    await client.send(new UpdateMLTransformCommand({ TransformId: id, WorkerType: 'G.2X', NumberOfWorkers: 4 }));
    const updated = await client.send(new GetMLTransformCommand({ TransformId: id }));
    expect(updated).toMatchObject({ WorkerType: 'G.2X', NumberOfWorkers: 4 });
    expect(updated.MaxCapacity).toBeUndefined();
    await expectReject(client.send(new UpdateMLTransformCommand({ TransformId: id, WorkerType: 'G.1X' })), InvalidInputException);
  });

  it('refuses a rename onto a taken name (InvalidInputException) and an unknown transform', async () => {
    const id = await create();
    const error = await expectReject(
      client.send(new UpdateMLTransformCommand({ TransformId: id, Name: 'product-catalog-matcher' })),
      InvalidInputException,
    );
    expect(error.message).toBe('Transform with name product-catalog-matcher already exists.');
    const missing = await expectReject(client.send(new UpdateMLTransformCommand({ TransformId: 'tfm-nope' })), EntityNotFoundException);
    expect(missing.message).toBe('Cannot find MLTransform in account 123456789012 with handle tfm-nope.');
  });
});

describe('DeleteMLTransform', () => {
  it('removes the transform with its runs; its name is free again and it is then not found', async () => {
    const id = await create({ Name: 'to-delete' });
    await client.send(new StartMLLabelingSetGenerationTaskRunCommand({ TransformId: id, OutputS3Path: 's3://bucket/out' }));
    expect((await client.send(new DeleteMLTransformCommand({ TransformId: id }))).TransformId).toBe(id);
    await expectReject(client.send(new GetMLTransformCommand({ TransformId: id })), EntityNotFoundException);
    await expectReject(client.send(new GetMLTaskRunsCommand({ TransformId: id })), EntityNotFoundException);
    await expectReject(client.send(new DeleteMLTransformCommand({ TransformId: id })), EntityNotFoundException);
    const again = await create({ Name: 'to-delete' });
    expect(again).not.toBe(id);
  });
});

describe('ListMLTransforms', () => {
  const list = async (input: ListMLTransformsCommandInput) => (await client.send(new ListMLTransformsCommand(input))).TransformIds;

  it('lists ids with the filters and sorts of GetMLTransforms', async () => {
    const { customers, products, leads } = DEMO.transforms;
    const byName = await list({ Filter: { Name: 'customer-dedup' } });
    expect(byName).toEqual([customers]);
    const ready = await list({ Filter: { Status: 'READY' }, Sort: { Column: 'NAME', SortDirection: 'ASCENDING' } });
    expect(ready).toEqual([customers, products]);
    expect(await list({ Filter: { Status: 'NOT_READY', Name: 'marketing-leads-dedup' } })).toEqual([leads]);
  });

  it('keeps only transforms carrying every requested tag', async () => {
    const red = await create({ Tags: { team: 'red', env: 'prod' } });
    const blue = await create({ Tags: { team: 'blue', env: 'prod' } });
    expect(await list({ Tags: { team: 'red' } })).toEqual([red]);
    expect((await list({ Tags: { env: 'prod' }, Sort: { Column: 'CREATED', SortDirection: 'ASCENDING' } }))).toEqual([red, blue]);
    expect(await list({ Tags: { team: 'red', env: 'dev' } })).toEqual([]);
  });

  it('pages with NextToken, and refuses a GetMLTransforms token', async () => {
    const first = await client.send(new ListMLTransformsCommand({ MaxResults: 2 }));
    expect(first.TransformIds).toHaveLength(2);
    const second = await client.send(new ListMLTransformsCommand({ MaxResults: 2, NextToken: first.NextToken }));
    expect(second.TransformIds!.some((id) => first.TransformIds!.includes(id))).toBe(false);
    const getPage = await rawCall(emu.endpoint, { target: 'AWSGlue.GetMLTransforms', body: { MaxResults: 1 } });
    const error = await expectReject(
      client.send(new ListMLTransformsCommand({ NextToken: getPage.json.NextToken as string })),
      InvalidInputException,
    );
    expect(error.message).toBe('Invalid pagination token.');
  });
});

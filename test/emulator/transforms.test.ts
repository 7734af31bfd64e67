// GetMLTransform and GetMLTransforms: fields, filters, sorts and pagination.
import {
  EntityNotFoundException,
  GetMLTransformCommand,
  GetMLTransformsCommand,
  InvalidInputException,
  type GetMLTransformsCommandInput,
  type GlueClient,
} from '@aws-sdk/client-glue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type RunningEmulator } from '../../src/emulator/index.js';
import { UUID, expectReject, startWithClient } from './helpers.js';

let emu: RunningEmulator;
let client: GlueClient;

beforeAll(async () => {
  ({ emu, client } = await startWithClient());
});
afterAll(() => emu.close());

const { customers, products, leads } = DEMO.transforms;
const TRANSFORM_ID = /^tfm-[0-9a-f]{32}$/;
const ids = async (input: GetMLTransformsCommandInput) =>
  ((await client.send(new GetMLTransformsCommand(input))).Transforms ?? []).map((t) => t.TransformId);

describe('GetMLTransform', () => {
  it('returns the full transform with epoch timestamps decoded by the SDK', async () => {
    const transform = await client.send(new GetMLTransformCommand({ TransformId: customers }));
    expect(transform.$metadata.requestId).toMatch(UUID);
    expect(transform).toMatchObject({
      TransformId: customers,
      Name: 'customer-dedup',
      Status: 'READY',
      GlueVersion: '4.0',
      LabelCount: 250,
      Parameters: { TransformType: 'FIND_MATCHES', FindMatchesParameters: { PrimaryKeyColumnName: 'customer_id' } },
      EvaluationMetrics: { TransformType: 'FIND_MATCHES', FindMatchesMetrics: { F1: 0.85 } },
      InputRecordTables: [{ DatabaseName: 'crm', TableName: 'customers' }],
      TransformEncryption: { MlUserDataEncryption: { MlUserDataEncryptionMode: 'DISABLED' } },
    });
    expect(transform.CreatedOn).toEqual(new Date('2024-03-01T10:00:00Z'));
    expect(transform.Schema).toContainEqual({ Name: 'email', DataType: 'string' });
    expect(TRANSFORM_ID.test(transform.TransformId!)).toBe(true);
  });

  it('reports the NOT_READY demo transform without evaluation metrics', async () => {
    const transform = await client.send(new GetMLTransformCommand({ TransformId: leads }));
    expect(transform.Status).toBe('NOT_READY');
    expect(transform.EvaluationMetrics).toBeUndefined();
  });

  it('raises EntityNotFoundException for an unknown transform', async () => {
    const error = await expectReject(client.send(new GetMLTransformCommand({ TransformId: 'tfm-x' })), EntityNotFoundException);
    expect(error.message).toBe('Cannot find MLTransform in account 123456789012 with handle tfm-x.');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });
});

describe('GetMLTransforms', () => {
  it('lists every transform, newest first by default', async () => {
    expect(await ids({})).toEqual([leads, customers, products]);
  });

  it('filters by status, name, Glue version, dates and schema columns', async () => {
    expect(await ids({ Filter: { Status: 'NOT_READY' } })).toEqual([leads]);
    expect(await ids({ Filter: { Name: 'product-catalog-matcher' } })).toEqual([products]);
    expect(await ids({ Filter: { GlueVersion: '3.0' } })).toEqual([products]);
    expect(await ids({ Filter: { TransformType: 'FIND_MATCHES', CreatedAfter: new Date('2024-02-20T00:00:00Z') } })).toEqual([leads, customers]);
    expect(await ids({ Filter: { LastModifiedBefore: new Date('2024-05-01T00:00:00Z') } })).toEqual([leads, products]);
    expect(await ids({ Filter: { Schema: [{ Name: 'email', DataType: 'string' }] } })).toEqual([leads, customers]);
    expect(await ids({ Filter: { Schema: [{ Name: 'email', DataType: 'int' }] } })).toEqual([]);
  });

  it('sorts by the requested column and direction', async () => {
    expect(await ids({ Sort: { Column: 'NAME', SortDirection: 'ASCENDING' } })).toEqual([customers, leads, products]);
    expect(await ids({ Sort: { Column: 'LAST_MODIFIED', SortDirection: 'ASCENDING' } })).toEqual([products, leads, customers]);
    expect((await ids({ Sort: { Column: 'STATUS', SortDirection: 'DESCENDING' } }))[2]).toBe(leads);
  });

  it('pages with MaxResults and NextToken, and sees transforms added in between', async () => {
    const first = await client.send(new GetMLTransformsCommand({ MaxResults: 2, Sort: { Column: 'NAME', SortDirection: 'ASCENDING' } }));
    expect(first.Transforms!.map((t) => t.TransformId)).toEqual([customers, leads]);
    const added = emu.store.putTransform({ Name: 'zz-late-arrival', Status: 'READY', CreatedOn: new Date() });
    const second = await client.send(
      new GetMLTransformsCommand({ MaxResults: 2, NextToken: first.NextToken, Sort: { Column: 'NAME', SortDirection: 'ASCENDING' } }),
    );
    expect(second.Transforms!.map((t) => t.TransformId)).toEqual([products, added]);
    expect(second.NextToken).toBeUndefined();
    expect(added).toMatch(TRANSFORM_ID);
  });

  it('rejects a foreign NextToken with InvalidInputException', async () => {
    await expectReject(client.send(new GetMLTransformsCommand({ NextToken: 'eyJ4IjoxfQ' })), InvalidInputException);
  });
});

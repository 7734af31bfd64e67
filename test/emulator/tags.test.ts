// GetTags, TagResource and UntagResource on mlTransform ARNs through the SDK.
import {
  CreateMLTransformCommand,
  DeleteMLTransformCommand,
  EntityNotFoundException,
  GetTagsCommand,
  InvalidInputException,
  TagResourceCommand,
  UntagResourceCommand,
  type GlueClient,
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

const arn = (transformId: string, account = '123456789012'): string =>
  `arn:aws:glue:us-east-1:${account}:mlTransform/${transformId}`;
const tagsOf = async (transformId: string) => (await client.send(new GetTagsCommand({ ResourceArn: arn(transformId) }))).Tags;

describe('tags on ML transforms', () => {
  it('starts with the tags given at creation, adds, overwrites and removes', async () => {
    const { TransformId } = await client.send(
      new CreateMLTransformCommand({
        Name: 'tagged',
        InputRecordTables: [{ DatabaseName: 'crm', TableName: 't' }],
        Parameters: { TransformType: 'FIND_MATCHES' },
        Role: 'GlueRole',
        Tags: { team: 'data' },
      }),
    );
    const id = TransformId!;
    expect(await tagsOf(id)).toEqual({ team: 'data' });
    await client.send(new TagResourceCommand({ ResourceArn: arn(id), TagsToAdd: { team: 'ml', env: 'prod', empty: '' } }));
    expect(await tagsOf(id)).toEqual({ team: 'ml', env: 'prod', empty: '' });
    await client.send(new UntagResourceCommand({ ResourceArn: arn(id), TagsToRemove: ['team', 'not-there'] }));
    expect(await tagsOf(id)).toEqual({ env: 'prod', empty: '' });
    await client.send(new DeleteMLTransformCommand({ TransformId: id }));
    await expectReject(client.send(new GetTagsCommand({ ResourceArn: arn(id) })), EntityNotFoundException);
  });

  it('answers {} for a transform without tags, and an empty TagResource body', async () => {
    expect(await tagsOf(DEMO.transforms.products)).toEqual({});
    const response = await rawCall(emu.endpoint, {
      target: 'AWSGlue.TagResource',
      body: { ResourceArn: arn(DEMO.transforms.products), TagsToAdd: { a: '1' } },
    });
    expect(response.status).toBe(200);
    expect(response.json).toEqual({});
    expect(await tagsOf(DEMO.transforms.products)).toEqual({ a: '1' });
  });

  it('refuses the aws: prefix and more than 50 tags, changing nothing', async () => {
    const target = DEMO.transforms.leads;
    const reserved = await expectReject(
      client.send(new TagResourceCommand({ ResourceArn: arn(target), TagsToAdd: { 'AWS:x': '1' } })),
      InvalidInputException,
    );
    expect(reserved.message).toBe('Tag keys must not start with aws:, got AWS:x.');
    const forty = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, 'v']));
    await client.send(new TagResourceCommand({ ResourceArn: arn(target), TagsToAdd: forty }));
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`n${i}`, 'v']));
    const tooMany = await expectReject(
      client.send(new TagResourceCommand({ ResourceArn: arn(target), TagsToAdd: eleven })),
      InvalidInputException,
    );
    expect(tooMany.message).toBe('A resource can have at most 50 tags; this request would give it 51.');
    expect(Object.keys((await tagsOf(target))!)).toHaveLength(40);
  });

  it('answers EntityNotFoundException for another account, another resource type or an unknown transform', async () => {
    for (const resourceArn of [
      arn(DEMO.transforms.customers, '999999999999'),
      'arn:aws:glue:us-east-1:123456789012:job/nightly',
      arn('tfm-unknown'),
    ]) {
      await expectReject(client.send(new GetTagsCommand({ ResourceArn: resourceArn })), EntityNotFoundException);
    }
    const malformed = await expectReject(client.send(new GetTagsCommand({ ResourceArn: 'arn:aws:glue:nothing' })), InvalidInputException);
    expect(malformed.message).toBe('Invalid ResourceArn: arn:aws:glue:nothing.');
  });

  it('answers ValidationException for an ARN outside the model pattern', async () => {
    const response = await rawCall(emu.endpoint, { target: 'AWSGlue.GetTags', body: { ResourceArn: 'arn:aws:s3:::bucket' } });
    expect(response.json.__type).toBe('ValidationException');
    expect(response.json.message).toMatch(/at 'resourceArn' failed to satisfy constraint: Member must satisfy regular expression pattern/);
  });

  it('matches fault rules on the transform id inside the ARN', async () => {
    emu.faults.add({ effect: 'ThrottlingException', ids: [DEMO.transforms.customers], times: 1 });
    const response = await rawCall(emu.endpoint, { target: 'AWSGlue.GetTags', body: { ResourceArn: arn(DEMO.transforms.customers) } });
    expect(response.json.__type).toBe('ThrottlingException');
    expect(await tagsOf(DEMO.transforms.customers)).toEqual({});
  });
});

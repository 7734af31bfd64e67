// graphql-request 7 against the gateway: POST works as is; GET needs `apollo-require-preflight`
// (Apollo's CSRF prevention refuses a GET a browser could send without a preflight).
import { print } from 'graphql';
import { ClientError, GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaskRunDocument, type TaskRunQuery } from '../../examples/web/src/gql/graphql.js';
import { DEMO } from '../../src/emulator/index.js';
import { startStack, type Stack } from '../helpers/stack.js';

const variables = { transformId: DEMO.transforms.customers, taskRunId: DEMO.runs.succeededFindMatches };

describe('graphql-request', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('POST: typed result from the typed document', async () => {
    const data = await new GraphQLClient(stack.url).request(TaskRunDocument, variables);
    expect(data.mlTaskRun?.status).toBe('SUCCEEDED');
  });

  it('GET with apollo-require-preflight runs; GET without it is refused as a possible CSRF', async () => {
    const get = new GraphQLClient(stack.url, { method: 'GET', headers: { 'apollo-require-preflight': 'true' } });
    // rawRequest (which also returns the response headers) takes the query as a string.
    const { data, headers } = await get.rawRequest<TaskRunQuery>(print(TaskRunDocument), variables);
    expect(data.mlTaskRun?.properties).toMatchObject({ __typename: 'FindMatchesTaskRunProperties', jobName: 'customer-dedup-nightly' });
    expect(headers.get('cache-control')).toBe('max-age=300, public');

    const bare = new GraphQLClient(stack.url, { method: 'GET' });
    const refused = await bare.request(TaskRunDocument, variables).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ClientError);
    expect((refused as ClientError).response.status).toBe(400);
    expect((refused as ClientError).message).toContain('Cross-Site Request Forgery');
  });
});

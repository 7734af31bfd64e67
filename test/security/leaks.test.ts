// What an attacker can learn: the account id (from a role or from Glue's messages), the subgraph SDL
// and inline traces. Over real HTTP against the emulator, whose demo role names an account.
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/emulator/index.js';
import { redactAwsIdentifiers } from '../../src/glue/redaction.js';
import { post } from '../helpers/http.js';
import { startStack, type Stack } from '../helpers/stack.js';

const ROLE = `{ mlTransform(transformId: "${DEMO.transforms.customers}") { role } }`;
const SDL = '{ _service { sdl } }';
const TRACED = `{ mlTaskRun(transformId: "${DEMO.transforms.customers}", taskRunId: "${DEMO.runs.succeededFindMatches}") { status } }`;
const ROUTER_SECRET = 'router-secret-0123456789abcdef0123';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

describe('account ids', () => {
  it('masks the account in MLTransform.role unless GRAPHQL_EXPOSE_ACCOUNT_IDS=true', async () => {
    stack = await startStack();
    const masked = await stack.query(ROLE);
    expect(masked.data.mlTransform.role).toBe('arn:aws:iam::[account]:role/GlueMLTransformRole');
    expect(JSON.stringify(masked)).not.toContain(DEMO.accountId);
    await stack.close();
    stack = await startStack({ env: { GRAPHQL_EXPOSE_ACCOUNT_IDS: 'true' } });
    expect((await stack.query(ROLE)).data.mlTransform.role).toBe(`arn:aws:iam::${DEMO.accountId}:role/GlueMLTransformRole`);
  });

  it('gives no oracle: a right and a wrong guess inside an id come back alike, and the real account never shows', () => {
    const real = '123456789012';
    const glue = (id: string) => `Transform ${id} is not ready in account ${real} (arn:aws:glue:us-east-1:${real}:mlTransform/${id}).`;
    const right = redactAwsIdentifiers(glue(`tfm-${real}`), [`tfm-${real}`]);
    const wrong = redactAwsIdentifiers(glue('tfm-999999999999'), ['tfm-999999999999']);
    // An id holding a 12-digit run gets that run redacted too, right guess or wrong: identical answers.
    expect(right).toBe('Transform tfm-[account] is not ready in account [account] ([arn]).');
    expect(wrong).toBe(right);
    // An id that swallows Glue's own wording, or a fragment of the account id, unmasks nothing.
    const phrase = `in account ${real}`;
    expect(redactAwsIdentifiers(`Transform ${phrase} is not ready in account ${real}.`, [phrase])).toBe('Transform in account [account] is not ready in account [account].');
    expect(redactAwsIdentifiers(`Transform 9012 is not ready in account ${real}.`, ['9012'])).toBe('Transform 9012 is not ready in account [account].');
    // Ordinary ids come back as sent, even beside redacted text.
    expect(redactAwsIdentifiers(`Bad input for tfm-1 in account ${real}.`, ['tfm-1'])).toBe('Bad input for tfm-1 in account [account].');
  });
});

describe('federation internals', () => {
  it('in development _service and ftv1 traces stay open (composition tools introspect _service)', async () => {
    stack = await startStack({ env: { NODE_ENV: 'development' } });
    expect((await stack.query(SDL)).data._service.sdl).toContain('type MLTransform');
    const traced = (await (await post(stack.url, { query: TRACED }, { 'apollo-federation-include-trace': 'ftv1' })).json()) as any;
    expect(traced.extensions?.ftv1).toEqual(expect.any(String));
  });

  it('in production without FEDERATION_ROUTER_SECRET both are off', async () => {
    stack = await startStack({ env: { NODE_ENV: 'production' } });
    const sdl = await stack.query(SDL);
    expect(sdl.data).toBeUndefined();
    expect(sdl.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const traced = (await (await post(stack.url, { query: TRACED }, { 'apollo-federation-include-trace': 'ftv1' })).json()) as any;
    expect(traced.data.mlTaskRun.status).toBe('SUCCEEDED');
    expect(traced.extensions?.ftv1).toBeUndefined();
  });

  it('in production with the secret, only callers sending it get _service and traces', async () => {
    stack = await startStack({ env: { NODE_ENV: 'production', FEDERATION_ROUTER_SECRET: ROUTER_SECRET } });
    const router = { 'x-federation-router-secret': ROUTER_SECRET };
    const sdl = (await (await post(stack.url, { query: SDL }, router)).json()) as any;
    expect(sdl.data._service.sdl).toContain('type MLTransform');
    const traced = (await (await post(stack.url, { query: TRACED }, { ...router, 'apollo-federation-include-trace': 'ftv1' })).json()) as any;
    expect(traced.extensions?.ftv1).toEqual(expect.any(String));
    for (const headers of [{}, { 'x-federation-router-secret': `${ROUTER_SECRET}x` }] as Array<Record<string, string>>) {
      const refused = (await (await post(stack.url, { query: SDL }, headers)).json()) as any;
      expect(refused.errors[0].extensions.code).toBe('FORBIDDEN');
      const untraced = (await (await post(stack.url, { query: TRACED }, { ...headers, 'apollo-federation-include-trace': 'ftv1' })).json()) as any;
      expect(untraced.extensions?.ftv1).toBeUndefined();
    }
  });
});

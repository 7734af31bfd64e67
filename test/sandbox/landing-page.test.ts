import { afterEach, describe, expect, it } from 'vitest';
import { loadExample, SANDBOX_EXAMPLE } from '../../src/landing-page.js';
import { startStack, type Stack } from '../helpers/stack.js';

const INTROSPECTION = '{ __schema { queryType { name } } }';
const html = (url: string) => fetch(url, { headers: { accept: 'text/html' } });

/** Sandbox itself loads from Apollo's CDN (unreachable here): these tests check what the server serves. */
describe('Apollo Sandbox and introspection', () => {
  let stack: Stack | undefined;
  afterEach(async () => {
    await stack?.close();
    stack = undefined;
  });

  it('in development: the landing page is Sandbox for this endpoint, opened on the example operation', async () => {
    stack = await startStack({ env: { NODE_ENV: 'development' } });
    const res = await html(stack.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const page = await res.text();
    expect(page).toContain('embeddable-sandbox');
    // The embedded configuration: this endpoint, the example document and its variables, no telemetry.
    const config = JSON.parse(/var embeddedSandboxConfig = (\{.*\});/.exec(page)![1]!);
    expect(page).toContain('var initialEndpoint = window.location.href');
    expect(config.initialState).toMatchObject(loadExample(SANDBOX_EXAMPLE));
    expect(config).toMatchObject({ endpointIsEditable: false, runTelemetry: false });
    const intro = await stack.query(INTROSPECTION);
    expect(intro.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('in production: no Sandbox and no introspection', async () => {
    stack = await startStack({ env: { NODE_ENV: 'production' } });
    const page = await (await html(stack.url)).text();
    expect(page).not.toContain('embeddable-sandbox');
    const intro = await stack.query(INTROSPECTION);
    expect(intro.data).toBeUndefined();
    expect(intro.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(intro.errors![0]!.message).toMatch(/introspection/i);
    // Ordinary queries still work.
    const ok = await stack.query('{ mlTaskRun(transformId: "t", taskRunId: "missing") { id } }');
    expect(ok.errors![0]!.extensions!.code).toBe('NOT_FOUND');
  });

  it('in production, GRAPHQL_INTROSPECTION and GRAPHQL_SANDBOX turn them on', async () => {
    stack = await startStack({ env: { NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true', GRAPHQL_SANDBOX: 'true' } });
    expect(await (await html(stack.url)).text()).toContain('embeddable-sandbox');
    expect((await stack.query(INTROSPECTION)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });
});

import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExample } from '../../src/landing-page.js';
import { startStack, type Stack } from '../helpers/stack.js';

const EXAMPLES = readdirSync(new URL('../../examples/', import.meta.url))
  .filter((f) => f.endsWith('.graphql'))
  .map((f) => f.slice(0, -'.graphql'.length));

/** Errors an example shows on purpose (path and code); any other error means the example rotted. */
const EXPECTED_ERRORS: Record<string, Array<[Array<string | number>, string]>> = {
  'task-runs': [[['mlTaskRuns', 4], 'NOT_FOUND']],
};

describe('every example operation under examples/ runs against the emulator', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('has examples', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(2);
  });

  it.each(EXAMPLES)('%s', async (name) => {
    const { document, variables } = loadExample(name);
    const res = await stack.query(document, variables);
    expect(res.data).toBeTruthy();
    expect(Object.values(res.data).every((v) => v !== null)).toBe(true);
    expect((res.errors ?? []).map((e) => [e.path, e.extensions?.code])).toEqual(EXPECTED_ERRORS[name] ?? []);
  });
});

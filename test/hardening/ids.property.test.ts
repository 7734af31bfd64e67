import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/emulator/index.js';
import { startStack, type Stack } from '../helpers/stack.js';

/** An oracle written from Glue's HashString constraint, independently of the gateway's validator. */
function glueAccepts(id: string): boolean {
  if (id.length < 1 || id.length > 255) return false;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = id.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false; // lone high surrogate
      i++;
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return false; // lone low surrogate
    if (!(c === 0x09 || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd))) return false;
  }
  return true;
}

const hostileId = fc.oneof(
  fc.constant(''),
  fc.string({ minLength: 256, maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 40 }), // any code unit, lone surrogates included
  fc.string({ unit: fc.constantFrom('\u0000', '\u0007', '\n', '\r', '\t', '\u001f', '\u007f'), minLength: 1, maxLength: 5 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }), // emoji and other astral characters
  fc.constantFrom("' OR 1=1 --", 'run"; DROP TABLE runs; --', '../../etc/passwd', '..\\..\\windows', '%2e%2e%2f', '${jndi:ldap://x}', '<script>', 'tskr\u0000x'),
  fc.string({ minLength: 1, maxLength: 255 }),
);

describe('property: any transformId/taskRunId gets a precise answer and never breaks the server', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('a single run: BAD_USER_INPUT without a Glue call when Glue would refuse the id, NOT_FOUND otherwise', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), hostileId, async (onTransform, id) => {
        stack.emulator.stats.reset();
        const variables = onTransform ? { t: id, r: 'tskr-x' } : { t: DEMO.transforms.customers, r: id };
        const res = await fetch(stack.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: 'query ($t: ID!, $r: ID!) { mlTaskRun(transformId: $t, taskRunId: $r) { id } }', variables }),
        });
        expect(res.status).toBe(200);
        const body = (await res.json()) as { data: unknown; errors: Array<{ extensions: { code: string; argumentName?: string } }> };
        expect(body.data).toEqual({ mlTaskRun: null });
        expect(body.errors).toHaveLength(1);
        if (glueAccepts(id)) {
          expect(body.errors[0]!.extensions.code).toBe('NOT_FOUND');
          expect(stack.emulator.stats.calls.GetMLTaskRun).toBe(1);
        } else {
          expect(body.errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: onTransform ? 'transformId' : 'taskRunId' });
          expect(stack.emulator.stats.total).toBe(0);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a list of keys: each bad key fails at its own index, the good ones resolve', async () => {
    const good = { transformId: DEMO.transforms.customers, taskRunId: DEMO.runs.succeededEvaluation };
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.constant(good), hostileId.map((taskRunId) => ({ transformId: good.transformId, taskRunId }))), { minLength: 1, maxLength: 8 }), async (keys) => {
        const res = await stack.query('query ($k: [MLTaskRunKey!]!) { mlTaskRuns(keys: $k) { taskRunId } }', { k: keys });
        expect(res.data.mlTaskRuns).toHaveLength(keys.length);
        keys.forEach((key, i) => {
          const entry = res.data.mlTaskRuns[i];
          if (key === good) expect(entry).toEqual({ taskRunId: good.taskRunId });
          else {
            expect(entry).toBeNull();
            const error = res.errors!.find((e) => e.path?.[1] === i)!;
            expect(error.extensions!.code).toBe(glueAccepts(key.taskRunId) ? 'NOT_FOUND' : 'BAD_USER_INPUT');
          }
        });
      }),
      { numRuns: 60 },
    );
  });
});

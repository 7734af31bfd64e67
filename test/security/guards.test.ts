// Tests that guard the guards: each would catch a plausible bug that the rest of the suite let through
// (found by mutation testing; see docs/security.md).
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createTaskRunLoader } from '../../src/data/task-run-loader.js';
import { assertGlueId, hashStringProblem } from '../../src/data/validation.js';
import { isAllowedS3Location } from '../../src/data/s3-allowed-prefixes.js';
import type { TaskRunKey } from '../../src/glue/records.js';
import { isAllowedOrigin, parseOriginList } from '../../src/http/origins.js';
import { scopes } from '../../src/http/auth.js';

describe('isAllowedOrigin', () => {
  const policy = { origins: ['https://status.example.com', 'http://intranet:8080'], allowLocalhost: false };

  it('allows exactly the configured origins', () => {
    expect(isAllowedOrigin('https://status.example.com', policy)).toBe(true);
    expect(isAllowedOrigin('http://intranet:8080', policy)).toBe(true);
  });

  it.each([
    ['a host suffix', 'https://evil-status.example.com'],
    ['a subdomain', 'https://x.status.example.com'],
    ['a longer host', 'https://status.example.com.evil.test'],
    ['a scheme downgrade', 'http://status.example.com'],
    ['a scheme upgrade', 'https://intranet:8080'],
    ['another port', 'https://status.example.com:8443'],
    ['the default port spelled out', 'https://status.example.com:443'],
    ['a path', 'https://status.example.com/'],
    ['another case', 'https://STATUS.example.com'],
    ['the opaque origin', 'null'],
    ['localhost outside development', 'http://localhost:5173'],
  ])('refuses %s (%s)', (_what, origin) => {
    expect(isAllowedOrigin(origin, policy)).toBe(false);
  });

  it('allows localhost on any port only when the policy says so, and nothing that merely starts like it', () => {
    const dev = { origins: [], allowLocalhost: true };
    for (const origin of ['http://localhost:5173', 'https://127.0.0.1', 'http://[::1]:4000']) expect(isAllowedOrigin(origin, dev)).toBe(true);
    for (const origin of ['http://localhost.evil.test', 'http://localhost:5173.evil.test', 'http://127.0.0.1.evil.test', 'ws://localhost', 'https://evil.test?http://localhost']) {
      expect(isAllowedOrigin(origin, dev)).toBe(false);
    }
  });
});

describe('parseOriginList', () => {
  it('trims entries, skips empty ones and reports each invalid entry as written, without its padding', () => {
    expect(parseOriginList(' https://a.example , ,https://B.example:443/ ,\tftp://files.example ')).toEqual({
      origins: ['https://a.example', 'https://b.example'],
      invalid: ['ftp://files.example'],
    });
  });
});

describe('the task-run loader', () => {
  it('hands each distinct key to the batch function exactly once, however often it is asked for', async () => {
    const calls: TaskRunKey[] = [];
    const batchSizes: number[] = [];
    const loader = createTaskRunLoader(
      {
        getMLTaskRun: async (key) => {
          calls.push(key);
          return { TransformId: key.transformId, TaskRunId: key.taskRunId };
        },
      },
      {
        maxTaskRunsPerRequest: 100,
        failures: { logger: pino({ level: 'silent' }), debug: false },
        observeBatch: (size, batch) => {
          batchSizes.push(size);
          return batch();
        },
      },
    );
    const a = { transformId: 't', taskRunId: 'a' };
    const b = { transformId: 't', taskRunId: 'b' };
    // Equal keys as different objects: only the cache key function can tell they are the same run.
    const loads = [a, { ...a }, b, { ...a }, { ...b }, { transformId: 't', taskRunId: 'a' }].map((k) => loader.load(k));
    const results = await Promise.all(loads);
    expect(results.map((r) => r.TaskRunId)).toEqual(['a', 'a', 'b', 'a', 'b', 'a']);
    // The batch itself: one batch of the two distinct keys (coalescing elsewhere cannot hide a broken loader here).
    expect(batchSizes).toEqual([2]);
    expect(calls).toEqual([a, b]);
    // A key of the same run on another transform is another run.
    await loader.load({ transformId: 'u', taskRunId: 'a' });
    expect(calls).toHaveLength(3);
  });
});

describe('id length boundary', () => {
  it.each([1, 2, 128, 254, 255])('accepts an id of %i characters', (length) => {
    expect(hashStringProblem('x'.repeat(length))).toBeUndefined();
    expect(() => assertGlueId('transformId', 'x'.repeat(length))).not.toThrow();
  });

  it.each([256, 257, 1024])('refuses an id of %i characters, naming the argument', (length) => {
    expect(hashStringProblem('x'.repeat(length))).toBe(`must be at most 255 characters (got ${length})`);
    expect(() => assertGlueId('transformId', 'x'.repeat(length))).toThrow(/Invalid argument "transformId"/);
  });

  it('counts UTF-16 units as Glue does: 127 astral characters (254 units) pass, 128 (256 units) do not', () => {
    expect(hashStringProblem('😀'.repeat(127))).toBeUndefined();
    expect(hashStringProblem('😀'.repeat(128))).toMatch(/at most 255/);
    expect(hashStringProblem('😀'.repeat(127) + 'x')).toBeUndefined();
  });

  it('refuses the empty id', () => {
    expect(hashStringProblem('')).toBe('must not be empty');
  });
});

describe('write scopes and S3 prefixes', () => {
  it('reads scopes from a space-separated `scope` or an `scp` string or array, nothing else', () => {
    expect(scopes({ scope: 'openid  glue-ml:write' })).toEqual(['openid', 'glue-ml:write']);
    expect(scopes({ scp: 'glue-ml:write' })).toEqual(['glue-ml:write']);
    expect(scopes({ scp: ['a', 7, 'glue-ml:write'] })).toEqual(['a', 'glue-ml:write']);
    expect(scopes({ scope: 'a', scp: ['b'] })).toEqual(['a']);
    expect(scopes({ roles: ['glue-ml:write'] })).toEqual([]);
  });

  it('admits an S3 location only under a configured prefix, and any when none is configured', () => {
    const prefixes = ['s3://labels/in/', 's3://exports/'];
    expect(isAllowedS3Location('s3://labels/in/a.csv', prefixes)).toBe(true);
    expect(isAllowedS3Location('s3://exports/x', prefixes)).toBe(true);
    for (const uri of ['s3://labels/input/a.csv', 's3://labels/in', 's3://exports-2/x', 's3://other/in/a.csv', 'S3://exports/x']) {
      expect(isAllowedS3Location(uri, prefixes)).toBe(false);
    }
    expect(isAllowedS3Location('s3://anywhere/x', undefined)).toBe(true);
    expect(isAllowedS3Location('s3://anywhere/x', [])).toBe(false);
  });
});

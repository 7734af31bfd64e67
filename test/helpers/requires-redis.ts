/**
 * Tests that need a real redis-server: skipped, with the reason printed, where it is not installed;
 * under CI=true a missing redis-server fails the run instead, so CI can never pass by skipping them.
 */
import { execFileSync } from 'node:child_process';
import { describe } from 'vitest';

function missingRedisServer(): string | undefined {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return undefined;
  } catch {
    return 'redis-server is not installed (apt-get install redis-server)';
  }
}

const reason = missingRedisServer();
if (reason && process.env.CI === 'true') throw new Error(`${reason}, and CI=true requires these tests to run`);
if (reason) console.warn(`Skipping tests that need a real Redis: ${reason}`);

/** `describe`, skipped when redis-server is missing outside CI. */
export const describeWithRedis = describe.skipIf(reason !== undefined);

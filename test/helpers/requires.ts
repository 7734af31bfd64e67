/**
 * Tests that need a program from outside npm (redis-server, Chromium, the AWS CLI, kubectl) run when it
 * is installed. On a fresh developer machine a missing one skips its tests with a one-line reason that
 * names the Debian package; under CI=true (.ci/run installs them all) a missing one fails the file, so
 * CI can never go green by skipping.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { describe } from 'vitest';

/** The absolute path of `command` (a name looked up on PATH, or an absolute path), if executable. */
export function findCommand(command: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = isAbsolute(command) ? [command] : (env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, command));
  return candidates.find((path) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export class MissingCommandError extends Error {
  override name = 'MissingCommandError';
}

export interface Requirement {
  /** Where the command is; undefined when it is missing (and the tests are skipped). */
  path?: string;
  /** Why the tests are skipped: the command is missing, and which Debian package brings it. */
  skipped?: string;
  /** `describe` when the command is there, `describe.skip` when it is missing outside CI. */
  describe: SuiteApi;
}

type SuiteApi = ReturnType<typeof describe.skipIf>;

/** Checks for `command` at import time: present → run, missing → skip with a reason, or fail under CI=true. */
export function requireCommand(command: string, debianPackage: string, env: NodeJS.ProcessEnv = process.env): Requirement {
  const path = findCommand(command, env);
  if (path) return { path, describe };
  const reason = `${command} not found (apt-get install ${debianPackage})`;
  if (env.CI === 'true' || env.CI === '1') throw new MissingCommandError(`${reason}: CI=true requires it, so these tests fail instead of being skipped`);
  console.warn(`skipped: ${reason}`);
  return { skipped: reason, describe: describe.skip };
}

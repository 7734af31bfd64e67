// The helper that lets `npm test` pass on a fresh machine without redis-server, Chromium, the AWS CLI
// or kubectl, while CI (CI=true) fails when one is missing instead of skipping.
import { dirname } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findCommand, MissingCommandError, requireCommand } from '../helpers/requires.js';

const NODE_DIR = dirname(process.execPath);

describe('requireCommand', () => {
  afterEach(() => vi.restoreAllMocks());

  it('finds a command on PATH, or by absolute path, and nothing on an empty PATH', () => {
    expect(findCommand('node', { PATH: `/nonexistent:${NODE_DIR}` })).toBe(process.execPath);
    expect(findCommand(process.execPath, { PATH: '' })).toBe(process.execPath);
    expect(findCommand('node', { PATH: '' })).toBeUndefined();
    expect(findCommand('/nonexistent/node', {})).toBeUndefined();
  });

  it('runs the tests when the command is there, CI or not', () => {
    for (const CI of [undefined, 'true']) {
      const found = requireCommand('node', 'nodejs', { PATH: NODE_DIR, CI });
      expect(found.path).toBe(process.execPath);
      expect(found.describe).toBe(describe);
      expect(found.skipped).toBeUndefined();
    }
  });

  it('outside CI, skips them with a one-line reason naming the Debian package', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const missing = requireCommand('redis-server', 'redis-server', { PATH: '/nonexistent' });
    expect(missing.path).toBeUndefined();
    expect(missing.skipped).toBe('redis-server not found (apt-get install redis-server)');
    expect(missing.describe).not.toBe(describe);
    expect(warn).toHaveBeenCalledExactlyOnceWith('skipped: redis-server not found (apt-get install redis-server)');
  });

  it('under CI=true, fails instead of skipping', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    for (const CI of ['true', '1']) {
      expect(() => requireCommand('aws', 'awscli', { PATH: '/nonexistent', CI })).toThrow(MissingCommandError);
      expect(() => requireCommand('aws', 'awscli', { PATH: '/nonexistent', CI })).toThrow(/aws not found \(apt-get install awscli\): CI=true requires it/);
    }
    expect(warn).not.toHaveBeenCalled();
  });
});

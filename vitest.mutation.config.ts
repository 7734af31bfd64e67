// The tests StrykerJS runs against each mutant of the security-critical modules (npm run mutation):
// the ones that exercise them, so a run fits in minutes rather than hours. `include` replaces the base
// list rather than merging with it (mergeConfig concatenates arrays, which ran the whole suite).
import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

export const MUTATION_TESTS = [
  'test/security/guards.test.ts',
  'test/security/config.test.ts',
  'test/security/leaks.test.ts',
  'test/security/jwt-and-write-access.test.ts',
  'test/security/authenticator.test.ts',
  'test/config/*.test.ts',
  'test/data/upstream-failure.test.ts',
  'test/glue/errors.test.ts',
  'test/glue/redaction.test.ts',
  'test/hardening/auth.test.ts',
  'test/hardening/ids.property.test.ts',
];

export default defineConfig({ ...base, test: { ...base.test, include: MUTATION_TESTS } });

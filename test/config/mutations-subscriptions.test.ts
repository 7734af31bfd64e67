import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

const base = { NODE_ENV: 'test', GLUE_ENDPOINT: 'http://127.0.0.1:1' };

describe('mutation and subscription settings', () => {
  it('defaults: mutations off, 5 s polls, 20 subscriptions a connection, 1000 in total', () => {
    const config = loadConfig(base);
    expect(config.mutations).toBe(false);
    expect(config.subscriptions).toEqual({ pollIntervalMs: 5_000, maxPerConnection: 20, maxTotal: 1_000 });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      ...base,
      GRAPHQL_MUTATIONS: 'true',
      SUBSCRIPTION_POLL_INTERVAL_MS: '250',
      SUBSCRIPTIONS_MAX_PER_CONNECTION: '3',
      SUBSCRIPTIONS_MAX_TOTAL: '7',
    });
    expect(config.mutations).toBe(true);
    expect(config.subscriptions).toEqual({ pollIntervalMs: 250, maxPerConnection: 3, maxTotal: 7 });
  });

  it.each([
    ['GRAPHQL_MUTATIONS', 'maybe'],
    ['SUBSCRIPTION_POLL_INTERVAL_MS', '5'],
    ['SUBSCRIPTIONS_MAX_PER_CONNECTION', '0'],
    ['SUBSCRIPTIONS_MAX_TOTAL', 'lots'],
  ])('refuses a bad %s, naming it', (name, value) => {
    expect(() => loadConfig({ ...base, [name]: value })).toThrow(name);
  });
});

// The upstream policy's own parts, on a fake clock: the retry budget, the adaptive sending rate and
// the local rate budget. The policy as a whole is tested over HTTP in test/hardening/upstream-policy.test.ts.
import { describe, expect, it } from 'vitest';
import { AdaptiveRate } from '../../src/glue/adaptive-rate.js';
import { LocalRateBudget } from '../../src/glue/rate-budget.js';
import { RetryBudget } from '../../src/glue/retry-budget.js';
import { createUpstreamPolicy } from '../../src/glue/upstream-policy.js';

function fakeClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('retry budget', () => {
  it('allows retries up to the ratio of first attempts over the window, plus the floor', () => {
    const clock = fakeClock();
    const budget = new RetryBudget({ ratio: 0.2, minRetriesPerSecond: 0, windowMs: 10_000, now: clock.now });
    for (let i = 0; i < 100; i++) budget.recordRequest();
    let granted = 0;
    for (let i = 0; i < 100; i++) if (budget.tryRetry()) granted++;
    expect(granted).toBe(20);
  });

  it('forgets attempts that left the window, so the budget refills after an outage', () => {
    const clock = fakeClock();
    const budget = new RetryBudget({ ratio: 0.2, minRetriesPerSecond: 1, windowMs: 10_000, now: clock.now });
    for (let i = 0; i < 50; i++) budget.recordRequest();
    while (budget.tryRetry());
    expect(budget.tryRetry()).toBe(false);
    clock.advance(11_000);
    for (let i = 0; i < 10; i++) budget.recordRequest();
    // 0.2 × 10 first attempts + 1/s × 10 s.
    let granted = 0;
    while (budget.tryRetry()) granted++;
    expect(granted).toBe(12);
  });
});

describe('adaptive sending rate', () => {
  // Answers spread evenly over each second, the throttles among them too: `throttled` of every `perSecond`.
  const feed = (rate: AdaptiveRate, clock: ReturnType<typeof fakeClock>, seconds: number, perSecond: number, throttled: number) => {
    for (let s = 0; s < seconds; s++) {
      for (let i = 0; i < perSecond; i++) {
        if (throttled > 0 && i % Math.round(perSecond / throttled) === 0) rate.recordThrottle();
        else rate.recordSuccess();
        clock.advance(1_000 / perSecond);
      }
    }
  };

  it('random throttles (5%) never limit the rate', () => {
    const clock = fakeClock();
    const rate = new AdaptiveRate({ now: clock.now });
    feed(rate, clock, 10, 100, 5);
    expect(rate.rate()).toBeUndefined();
  });

  it('sustained throttling limits the rate to a little under what Glue accepted', () => {
    const clock = fakeClock();
    const rate = new AdaptiveRate({ now: clock.now });
    // 150 calls a second, every other one throttled: Glue accepts 75.
    feed(rate, clock, 3, 150, 75);
    const limited = rate.rate();
    expect(limited).toBeDefined();
    expect(limited!).toBeGreaterThan(60);
    expect(limited!).toBeLessThanOrEqual(75);
  });

  it('throttles of attempts sent before a cut do not cut again; those sent after it do', () => {
    const clock = fakeClock();
    const rate = new AdaptiveRate({ now: clock.now });
    const start = clock.now();
    // 50 answers a second, every 9th throttled (11%): sustained. The next look cuts the rate.
    for (let i = 1; i <= 45; i++) (i % 9 ? rate.recordSuccess() : rate.recordThrottle(clock.now()), clock.advance(20));
    clock.advance(300);
    const limited = rate.rate();
    expect(limited).toBeDefined();
    // Answers still arriving for attempts sent under the old rate: throttled, but sent before the cut.
    for (let i = 0; i < 30; i++) (rate.recordThrottle(start), clock.advance(10));
    clock.advance(300);
    expect(rate.rate()).toBe(limited);
    // Throttles of attempts sent at the lowered rate are news: the rate goes down again.
    for (let i = 1; i <= 20; i++) (i % 2 ? rate.recordSuccess() : rate.recordThrottle(clock.now()), clock.advance(20));
    clock.advance(300);
    expect(rate.rate()!).toBeLessThan(limited!);
  });

  it('recovers within seconds once throttling stops, then lifts the limit', () => {
    const clock = fakeClock();
    const rate = new AdaptiveRate({ now: clock.now });
    feed(rate, clock, 3, 150, 75);
    const limited = rate.rate()!;
    feed(rate, clock, 3, Math.floor(limited), 0);
    expect(rate.rate()!).toBeGreaterThan(limited);
    // Demand falls well under the limit: it no longer binds, so it goes.
    feed(rate, clock, 3, 5, 0);
    expect(rate.rate()).toBeUndefined();
  });
});

describe('local rate budget', () => {
  it('is unlimited by default and grants everything at once', async () => {
    const budget = new LocalRateBudget();
    for (let i = 0; i < 500; i++) expect(await budget.take(1_000)).toEqual({ granted: true, waitMs: 0 });
    expect(budget.currentRate()).toBeUndefined();
  });

  it('once sustained throttling sets a limit, grants that many a second and refuses the rest at once', async () => {
    const clock = fakeClock();
    const budget = new LocalRateBudget({ now: clock.now });
    // 40 answers a second, half of them throttles: Glue accepts 20/s.
    for (let i = 0; i < 40; i++) {
      if (i % 2) budget.recordThrottle();
      else budget.recordSuccess();
      clock.advance(25);
    }
    const rate = budget.currentRate()!;
    expect(rate).toBeLessThanOrEqual(20);
    expect(rate).toBeGreaterThan(0);
    const answers = [];
    for (let i = 0; i < rate + 20; i++) answers.push(await budget.take(0));
    const granted = answers.filter((a) => a.granted).length;
    expect(granted).toBeGreaterThan(0);
    expect(granted).toBeLessThanOrEqual(rate);
    const denied = answers.find((a) => !a.granted) as { granted: false; retryAfterMs: number };
    expect(denied.retryAfterMs).toBeGreaterThan(0);
    expect(denied.retryAfterMs).toBeLessThanOrEqual(1000);
    await budget.close();
  });
});

describe('upstream policy deadline', () => {
  it('is a timer cleared with the call: one that finished in time leaves nothing behind; one still running ends at it', async () => {
    const policy = createUpstreamPolicy({
      maxConcurrency: 1,
      timeoutMs: 40,
      retryMode: 'standard',
      maxAttempts: 1,
      retryBudgetRatio: 0.2,
      rateBudget: new LocalRateBudget(),
      rateMaxWaitMs: 0,
      breaker: { threshold: 0.5, windowMs: 1000, minimumRps: 5, coolDownMs: 1000 },
    });
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    await policy.call('GetMLTaskRun', {}, async () => 'warm-up'); // the breaker's and rate's own timers start
    const before = timers();
    expect(await policy.call('GetMLTaskRun', {}, async () => 'done')).toBe('done');
    expect(timers()).toBe(before);
    const slow = policy.call('GetMLTaskRun', {}, () => new Promise<never>(() => undefined));
    await expect(slow).rejects.toMatchObject({ name: 'TimeoutError' });
    await policy.close();
  });
});

/**
 * `npx tsx bench/adaptive-rate-sim.ts`: the per-process adaptive rate (LocalRateBudget) against a
 * simulated Glue quota, on a simulated clock, so the rule can be judged without a noisy machine:
 * demand of 150 calls/s spread evenly, Glue's quota a token bucket of 50/s with a burst of 50 (as the
 * emulator's quota mode and bench (h)), each call waiting up to 1 s for the budget (GLUE_RATE_MAX_WAIT_MS),
 * a throttled call retried (after 100 ms, at most twice) only while the rate is unlimited, as the
 * upstream policy does. After 20 s the quota is lifted, to see how fast the rate recovers.
 * Prints the share of Glue calls throttled in the first 20 s and the seconds to full demand after.
 */
import { LocalRateBudget } from '../src/glue/rate-budget.js';

const DEMAND = 150;
const QUOTA = 50;
const BURST = 50;
const LIFT_AT_S = 20;
const SECONDS = 40;
const MAX_WAIT_MS = 1_000;

let now = 1_700_000_000_000;
// The slot reservations read Date.now(); the whole simulation runs on the simulated clock.
Date.now = () => now;
const start = now;
const budget = new LocalRateBudget({ now: () => now });

let tokens = BURST;
let refilled = now;
const glueAccepts = (): boolean => {
  if (now - start >= LIFT_AT_S * 1000) return true;
  tokens = Math.min(BURST, tokens + ((now - refilled) / 1000) * QUOTA);
  refilled = now;
  if (tokens < 1) return false;
  tokens -= 1;
  return true;
};

type Event = { t: number; kind: 'arrive' | 'send'; retry: number; sentAt?: number };
const events: Event[] = Array.from({ length: DEMAND * SECONDS }, (_, i) => ({ t: start + (i * 1000) / DEMAND, kind: 'arrive', retry: 0 }));
const calls: number[] = Array(SECONDS + 2).fill(0);
const throttled: number[] = Array(SECONDS + 2).fill(0);
const rates: string[] = [];

while (events.length) {
  events.sort((a, b) => a.t - b.t);
  const event = events.shift()!;
  now = event.t;
  const second = Math.floor((now - start) / 1000);
  if (event.kind === 'arrive') {
    const ticket = await budget.take(MAX_WAIT_MS);
    if (ticket.granted) events.push({ t: now + ticket.waitMs, kind: 'send', retry: event.retry });
    continue;
  }
  if (calls[second] === 0) rates[second] = budget.currentRate()?.toFixed(0) ?? '-';
  calls[second]!++;
  if (glueAccepts()) {
    budget.recordSuccess();
  } else {
    throttled[second]!++;
    // Glue answers 25 ms after the call is sent.
    now += 25;
    budget.recordThrottle(now - 25);
    now -= 25;
    if (budget.currentRate() === undefined && event.retry < 2) events.push({ t: now + 100, kind: 'arrive', retry: event.retry + 1 });
  }
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const quotaCalls = sum(calls.slice(0, LIFT_AT_S));
const quotaThrottled = sum(throttled.slice(0, LIFT_AT_S));
console.log(`first ${LIFT_AT_S} s (quota ${QUOTA}/s, demand ${DEMAND}/s): ${quotaCalls} Glue calls, ${quotaThrottled} throttled = ${((100 * quotaThrottled) / quotaCalls).toFixed(1)}%, ${((quotaCalls - quotaThrottled) / LIFT_AT_S).toFixed(1)} accepted/s`);
console.log(`after the quota is lifted: ${calls.slice(LIFT_AT_S).findIndex((c) => c >= 0.9 * DEMAND)} s to 90% of demand`);
console.log(`Glue calls/s  ${calls.slice(0, SECONDS).join(' ')}`);
console.log(`throttled/s   ${throttled.slice(0, SECONDS).join(' ')}`);
console.log(`rate limit    ${rates.slice(0, SECONDS).join(' ')}`);

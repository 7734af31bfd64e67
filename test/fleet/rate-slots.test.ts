// The slot plan behind GLUE_MAX_RPS: every clock second gets at most the rate, and nearly all of it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planSlots, slotAt } from '../../src/glue/rate-slots.js';

describe('planSlots', () => {
  it('splits 50/s into 10 slots of 5', () => {
    expect(planSlots(50)).toEqual({ slots: 10, pointsPerSlot: 5 });
  });
  it('never allows more than the rate a second, and uses at least 95% of it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), (rate) => {
        const { slots, pointsPerSlot } = planSlots(rate);
        expect(slots * pointsPerSlot).toBeLessThanOrEqual(rate);
        expect(slots * pointsPerSlot).toBeGreaterThanOrEqual(Math.floor(0.95 * rate));
        expect(slots).toBeGreaterThanOrEqual(1);
        expect(slots).toBeLessThanOrEqual(10);
      }),
    );
  });
  it('allows one call a second below 1/s', () => {
    expect(planSlots(0.4)).toEqual({ slots: 1, pointsPerSlot: 1 });
  });
});

describe('slotAt', () => {
  it('numbers slots on the wall clock, so every second holds exactly `slots` of them', () => {
    expect(slotAt(10_000, 10)).toEqual({ slot: 100, msToNext: 100 });
    expect(slotAt(10_099, 10)).toEqual({ slot: 100, msToNext: 1 });
    expect(slotAt(10_100, 10).slot).toBe(101);
    expect(slotAt(10_999, 3)).toEqual({ slot: 32, msToNext: 1 });
  });
});

// The rate budgets' slots: every clock second gets at most the rate, and all of it; a burst reserves
// the next slots with room, up to the wait allowed, and the rest is refused at once.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slotShare, SlotReservations, type Ticket } from '../../src/glue/slot-reservations.js';

describe('slotShare', () => {
  it('splits 50/s into 10 slots of 5, and 43/s into 4s and 5s', () => {
    expect(Array.from({ length: 10 }, (_, k) => slotShare(1_000 + k, 50))).toEqual(Array(10).fill(5));
    expect(Array.from({ length: 10 }, (_, k) => slotShare(k, 43))).toEqual([4, 4, 4, 5, 4, 4, 5, 4, 4, 5]);
  });

  it('gives every clock second exactly the whole rate, and any ten slots in a row at most one more', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 1e9 }), (rate, start) => {
        const second = start - (start % 10);
        const shares = Array.from({ length: 20 }, (_, i) => slotShare(second + i, rate));
        expect(shares.slice(0, 10).reduce((a, b) => a + b, 0)).toBe(rate);
        for (let i = 0; i <= 10; i++) expect(shares.slice(i, i + 10).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(rate + 1);
      }),
    );
  });

  it('allows one call a second below 1/s', () => {
    expect(Array.from({ length: 10 }, (_, k) => slotShare(k, 0.4)).reduce((a, b) => a + b, 0)).toBe(1);
  });
});

describe('SlotReservations', () => {
  const at = (ms: number, rate = 50) => {
    const clock = { now: ms };
    const slots = SlotReservations.inMemory(rate, () => clock.now);
    return { clock, slots };
  };
  const take = async (slots: SlotReservations, n: number, maxWaitMs: number): Promise<Ticket[]> => {
    const tickets: Ticket[] = [];
    for (let i = 0; i < n; i++) tickets.push(await slots.take(maxWaitMs));
    return tickets;
  };

  it("without a wait, grants one slot's share (5 of 50/s per 100 ms) and says when the next slot starts", async () => {
    const { slots } = at(1_000_030);
    const tickets = await take(slots, 8, 0);
    expect(tickets.slice(0, 5)).toEqual(Array(5).fill({ granted: true, waitMs: 0 }));
    expect(tickets.slice(5)).toEqual(Array(3).fill({ granted: false, retryAfterMs: 70 }));
  });

  it('a burst reserves the following slots in order, each call told how long to wait', async () => {
    const { slots } = at(2_000_000);
    const tickets = await take(slots, 50, 1_000);
    const waits = tickets.map((t) => (t.granted ? t.waitMs : -1));
    // 5 calls per slot over 10 slots: the second's whole budget, none refused, none early.
    expect(waits).toEqual(Array.from({ length: 50 }, (_, i) => Math.floor(i / 5) * 100));
    // One more slot lies within 1 s; past it, the call is refused at once.
    expect((await take(slots, 5, 1_000)).every((t) => t.granted && t.waitMs === 1_000)).toBe(true);
    expect(await slots.take(1_000)).toEqual({ granted: false, retryAfterMs: 1_100 });
  });

  it('never reserves past the wait allowed', async () => {
    const { slots } = at(3_000_000);
    const tickets = await take(slots, 20, 250);
    expect(tickets.filter((t) => t.granted)).toHaveLength(15);
    expect(Math.max(...tickets.map((t) => (t.granted ? t.waitMs : 0)))).toBeLessThanOrEqual(250);
    expect(tickets.at(-1)).toEqual({ granted: false, retryAfterMs: 300 });
  });

  it('time moving on frees the slots it reaches; a new rate keeps what each slot already holds', async () => {
    const { clock, slots } = at(4_000_000);
    await take(slots, 5, 0);
    expect(await slots.take(0)).toMatchObject({ granted: false });
    clock.now += 100;
    expect(await slots.take(0)).toEqual({ granted: true, waitMs: 0 });
    slots.setRate(100);
    // 100/s: 10 per slot; the call already counted in this slot leaves 9.
    expect((await take(slots, 12, 0)).filter((t) => t.granted)).toHaveLength(9);
    slots.setRate(30);
    // Lowered to 3 per slot: this slot is over it already, and a rate change does not start it afresh.
    expect(await slots.take(0)).toMatchObject({ granted: false });
  });
});

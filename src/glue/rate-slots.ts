/**
 * How a rate becomes fixed windows shorter than a second. rate-limiter-flexible's windows are whole
 * seconds that start at their first call, so any one-second span could hold the tail of one window
 * and the head of the next (up to twice the rate). Counting per slot of the wall clock instead
 * (S slots a second, each with rate/S calls) keeps every clock second at or under the rate and any
 * one-second span under (S+1)/S of it.
 */
export interface SlotPlan {
  /** Slots per second (1–10). */
  slots: number;
  /** Calls allowed in one slot. */
  pointsPerSlot: number;
}

/** The most slots (up to 10) that still use at least 95% of the rate; at least 1 call a slot. */
export function planSlots(rate: number): SlotPlan {
  const whole = Math.max(1, Math.floor(rate));
  for (let slots = Math.min(10, whole); slots > 1; slots--) {
    const pointsPerSlot = Math.floor(whole / slots);
    if (slots * pointsPerSlot >= 0.95 * whole) return { slots, pointsPerSlot };
  }
  return { slots: 1, pointsPerSlot: whole };
}

/** The slot `now` falls in (a key part), and the milliseconds until the next one starts. */
export function slotAt(now: number, slots: number): { slot: number; msToNext: number } {
  const slotMs = 1000 / slots;
  const slot = Math.floor(now / slotMs);
  return { slot, msToNext: Math.max(1, Math.ceil((slot + 1) * slotMs - now)) };
}

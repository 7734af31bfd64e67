/**
 * Named counters over a sliding time window, kept as a ring of slots: cheap to add to, and old
 * slots fall out as time moves on. Shared by the retry budget and the adaptive sending rate.
 */
export class SlidingCounts<Name extends string> {
  private readonly slots: Map<Name, number>[];
  private readonly slotMs: number;
  private slot = 0;
  private slotStart: number;
  private readonly createdAt: number;

  constructor(
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
    slotCount = 10,
  ) {
    this.slots = Array.from({ length: slotCount }, () => new Map<Name, number>());
    this.slotMs = windowMs / slotCount;
    this.slotStart = now();
    this.createdAt = this.slotStart;
  }

  /** The count per second over the time the slots really hold (the oldest slot only partly). */
  perSecond(name: Name): number {
    const total = this.sum(name);
    const heldMs = (this.slots.length - 1) * this.slotMs + (this.now() - this.slotStart);
    return total / (Math.max(1, Math.min(heldMs, this.now() - this.createdAt)) / 1000);
  }

  add(name: Name, n = 1): void {
    this.advance();
    const current = this.slots[this.slot]!;
    current.set(name, (current.get(name) ?? 0) + n);
  }

  sum(name: Name): number {
    this.advance();
    return this.slots.reduce((total, s) => total + (s.get(name) ?? 0), 0);
  }

  // Moves the ring forward to now, emptying the slots that fell out of the window.
  private advance(): void {
    const elapsed = Math.floor((this.now() - this.slotStart) / this.slotMs);
    if (elapsed <= 0) return;
    for (let i = 0; i < Math.min(elapsed, this.slots.length); i++) {
      this.slot = (this.slot + 1) % this.slots.length;
      this.slots[this.slot]!.clear();
    }
    this.slotStart += elapsed * this.slotMs;
  }
}

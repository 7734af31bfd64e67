// The emulator's notion of "now": wall time plus an offset tests can advance, so lifecycles are
// derived from timestamps (lazily, on read) without sleeping.

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Moves emulated time forward (ms); run lifecycles progress accordingly. */
  advance(ms: number): void;
}

export function createClock(): Clock {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance(ms: number): void {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('clock.advance needs a non-negative number of ms');
      offset += ms;
    },
  };
}

// Injected faults and latency, changeable while the emulator runs. Rules are tried in the order they
// were added; the first that matches and fires decides the call's fate. All randomness comes from the
// seeded PRNG, so a given seed and call sequence always faults the same calls.
import type { Random } from './prng.js';

export type FaultEffect =
  | 'ThrottlingException'
  | 'InternalServiceException'
  | 'OperationTimeoutException'
  | 'AccessDeniedException'
  | 'drop'
  | 'hang';

export const FAULT_EFFECTS: readonly FaultEffect[] = [
  'ThrottlingException',
  'InternalServiceException',
  'OperationTimeoutException',
  'AccessDeniedException',
  'drop',
  'hang',
];

export interface FaultRule {
  effect: FaultEffect;
  /** e.g. 'GetMLTaskRun'; all operations when absent. */
  operation?: string;
  /** Matches the request's TransformId or TaskRunId; all requests when absent. */
  ids?: string[];
  /** Probability 0..1 that a matching call faults; default 1. */
  rate?: number;
  /** The rule fires for at most this many calls, then stops matching; default unlimited. */
  times?: number;
}

interface ActiveRule {
  rule: FaultRule;
  fired: number;
}

export class FaultInjector {
  private rules: ActiveRule[] = [];

  constructor(
    private readonly random: Random,
    private latencyMs = 0,
    private jitterMs = 0,
  ) {
    this.setLatency(latencyMs, jitterMs);
  }

  add(rule: FaultRule): void {
    if (!FAULT_EFFECTS.includes(rule.effect)) throw new RangeError(`unknown fault effect ${String(rule.effect)}`);
    if (rule.rate !== undefined && !(rule.rate >= 0 && rule.rate <= 1)) throw new RangeError('fault rate must be within 0..1');
    if (rule.times !== undefined && !(Number.isInteger(rule.times) && rule.times >= 0)) {
      throw new RangeError('fault times must be a non-negative integer');
    }
    this.rules.push({ rule: { ...rule, ids: rule.ids ? [...rule.ids] : undefined }, fired: 0 });
  }

  clear(): void {
    this.rules = [];
  }

  setLatency(ms: number, jitterMs = 0): void {
    if (!(ms >= 0) || !(jitterMs >= 0)) throw new RangeError('latency and jitter must be non-negative numbers of ms');
    this.latencyMs = ms;
    this.jitterMs = jitterMs;
  }

  /** Delay before answering this call: fixed latency plus uniform jitter in [0, jitterMs). */
  nextDelayMs(): number {
    return this.latencyMs + (this.jitterMs > 0 ? this.random.next() * this.jitterMs : 0);
  }

  /** The fault to apply to a call, if any; counts the firing against the rule's `times`. */
  pick(operation: string, ids: readonly string[]): FaultEffect | undefined {
    for (const active of this.rules) {
      const { rule } = active;
      if (rule.times !== undefined && active.fired >= rule.times) continue;
      if (rule.operation !== undefined && rule.operation !== operation) continue;
      if (rule.ids !== undefined && !rule.ids.some((id) => ids.includes(id))) continue;
      const rate = rule.rate ?? 1;
      if (rate < 1 && this.random.next() >= rate) continue;
      active.fired++;
      return rule.effect;
    }
    return undefined;
  }
}

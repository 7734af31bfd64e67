/**
 * The last polled state of runs nobody follows any more, kept for one poll interval, so that a new
 * subscriber starts from it instead of a fresh Glue call: subscribe/complete churn costs no polls.
 */
import type { TaskRunRecord } from '../glue/records.js';

interface Remembered {
  run: TaskRunRecord;
  at: number;
  timer: NodeJS.Timeout;
}

export class RecentResults {
  private readonly entries = new Map<string, Remembered>();

  constructor(private readonly maxAgeMs: number) {}

  remember(id: string, run: TaskRunRecord, at: number): void {
    const age = Date.now() - at;
    if (age >= this.maxAgeMs) return;
    this.forget(id);
    const timer = setTimeout(() => this.entries.delete(id), this.maxAgeMs - age);
    timer.unref();
    this.entries.set(id, { run, at, timer });
  }

  /** The state polled less than one interval ago, if any, and when it was polled. */
  recall(id: string): { run: TaskRunRecord; at: number } | undefined {
    const entry = this.entries.get(id);
    if (!entry || Date.now() - entry.at >= this.maxAgeMs) return undefined;
    return { run: entry.run, at: entry.at };
  }

  forget(id: string): void {
    clearTimeout(this.entries.get(id)?.timer);
    this.entries.delete(id);
  }

  clear(): void {
    for (const id of [...this.entries.keys()]) this.forget(id);
  }
}

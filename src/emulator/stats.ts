// Call counters and concurrency gauges, counted when a request arrives (faulted calls included).

export interface EmulatorStats {
  /** Calls per operation name (the X-Amz-Target suffix; 'UnknownOperation' for anything else). */
  readonly calls: Record<string, number>;
  readonly total: number;
  readonly inFlight: number;
  readonly peakConcurrent: number;
  /** Zeroes the counters; the peak restarts from the requests still in flight. */
  reset(): void;
}

export class StatsRecorder {
  private readonly calls: Record<string, number> = {};
  private total = 0;
  private inFlight = 0;
  private peak = 0;

  begin(operation: string): void {
    this.calls[operation] = (this.calls[operation] ?? 0) + 1;
    this.total++;
    this.inFlight++;
    this.peak = Math.max(this.peak, this.inFlight);
  }

  end(): void {
    this.inFlight--;
  }

  /** A live view: reads always reflect the current counts. */
  view(): EmulatorStats {
    const recorder = this;
    return {
      get calls() {
        return recorder.calls;
      },
      get total() {
        return recorder.total;
      },
      get inFlight() {
        return recorder.inFlight;
      },
      get peakConcurrent() {
        return recorder.peak;
      },
      reset(): void {
        for (const key of Object.keys(recorder.calls)) delete recorder.calls[key];
        recorder.total = 0;
        recorder.peak = recorder.inFlight;
      },
    };
  }
}

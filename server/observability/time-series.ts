// In-process time series for the console's charts: fixed-width buckets in a ring, so
// memory is bounded (an hour of 10 s buckets is 360 slots per series) and recording
// is O(1). Counters add within a bucket; gauges keep the bucket's last and max value.
// Per process: with several instances each console view shows the one it talks to,
// and Prometheus (/api/metrics) remains the place for fleet-wide history.

export type SeriesPoint = { t: number; values: Record<string, number> };

export class TimeSeries {
  private readonly slots: ({ t: number; values: Record<string, number> } | undefined)[];

  constructor(
    readonly bucketMs = 10_000,
    readonly keepMs = 60 * 60_000,
    private readonly now: () => number = Date.now,
  ) {
    this.slots = new Array(Math.ceil(keepMs / bucketMs));
  }

  private bucket(at: number) {
    const t = Math.floor(at / this.bucketMs) * this.bucketMs;
    const i = Math.floor(t / this.bucketMs) % this.slots.length;
    let slot = this.slots[i];
    if (!slot || slot.t !== t) {
      slot = { t, values: {} };
      this.slots[i] = slot;
    }
    return slot;
  }

  /** Adds `by` to a counter in the current bucket. */
  add(name: string, by = 1, at = this.now()): void {
    const slot = this.bucket(at);
    slot.values[name] = (slot.values[name] ?? 0) + by;
  }

  /** Records a gauge reading: the bucket keeps the last value and the maximum. */
  set(name: string, value: number, at = this.now()): void {
    const slot = this.bucket(at);
    slot.values[name] = value;
    slot.values[`${name}:max`] = Math.max(slot.values[`${name}:max`] ?? Number.NEGATIVE_INFINITY, value);
  }

  /** Buckets from `sinceMs` ago until now, oldest first; empty buckets included as {}. */
  points(sinceMs = this.keepMs): SeriesPoint[] {
    const end = Math.floor(this.now() / this.bucketMs) * this.bucketMs;
    const start = end - Math.min(sinceMs, this.keepMs) + this.bucketMs;
    const out: SeriesPoint[] = [];
    for (let t = start; t <= end; t += this.bucketMs) {
      const slot = this.slots[Math.floor(t / this.bucketMs) % this.slots.length];
      out.push({ t, values: slot && slot.t === t ? { ...slot.values } : {} });
    }
    return out;
  }
}

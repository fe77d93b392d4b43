/**
 * Per-key token buckets: `capacity` messages at once, refilled evenly over `windowMs` (so at most
 * `capacity` per window on average). A refusal says how long until the next message is accepted and
 * whether it is the first of its run (the caller answers politely once, then stays silent until the
 * sender may write again: a flood never gets a flood of answers back). Memory is bounded: idle
 * buckets (full again) are swept when there are more than `maxKeys`.
 */

export type RateDecision = { ok: true } | { ok: false; retryAfterMs: number; first: boolean };

interface Bucket {
  tokens: number;
  at: number;
  /** A refusal was already answered since the last accepted message. */
  told: boolean;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    readonly capacity: number,
    readonly windowMs: number,
    private readonly now: () => number = () => performance.now(),
    private readonly maxKeys = 50_000,
  ) {
    this.perMs = capacity / windowMs;
  }

  get size(): number {
    return this.buckets.size;
  }

  take(key: string): RateDecision {
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= this.maxKeys) this.sweep(now);
      bucket = { tokens: this.capacity, at: now, told: false };
      this.buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(this.capacity, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.told = false;
      return { ok: true };
    }
    const first = !bucket.told;
    bucket.told = true;
    return { ok: false, retryAfterMs: Math.ceil((1 - bucket.tokens) / this.perMs), first };
  }

  /** Drops buckets that are full again; if that is not enough, the oldest ones (room for one more). */
  private sweep(now: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + (now - b.at) * this.perMs >= this.capacity) this.buckets.delete(key);
    }
    for (const key of this.buckets.keys()) {
      if (this.buckets.size < this.maxKeys) break;
      this.buckets.delete(key);
    }
  }
}

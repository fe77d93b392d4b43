import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { LeaseState, LeaseStore } from '../store/escalation-types.js';

/**
 * A lease held by one replica at a time (the "coordinator" of a deployment): it syncs Matrix and runs
 * the escalation timers, the others stand by. The holder renews it every third of its time to live;
 * when it dies, the lease expires and a standby takes it at its next attempt. A holder that cannot
 * renew (database unreachable) considers it lost a fifth of the TTL before it expires, so the old
 * holder has stopped before a new one can start.
 */

export interface LeaseOptions {
  store: LeaseStore;
  name: string;
  /** This replica's name in the lease (default host-pid-random). */
  holder?: string;
  ttlMs: number;
  logger: Logger;
}

export type LeaseListener = (held: boolean) => void;

export function replicaName(): string {
  return `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

export class Lease {
  readonly holder: string;
  private state?: LeaseState;
  /** Local time (performance.now) until which this replica may act as holder. */
  private validUntil = -Infinity;
  private heldNow = false;
  private timer?: NodeJS.Timeout;
  private started?: Promise<void>;
  private stopped = false;
  private readonly listeners = new Set<LeaseListener>();

  constructor(private readonly opts: LeaseOptions) {
    this.holder = opts.holder ?? replicaName();
  }

  get name(): string {
    return this.opts.name;
  }

  /** True while this replica holds the lease (and may still rely on it). */
  get held(): boolean {
    return this.heldNow && performance.now() < this.validUntil;
  }

  /** Who held the lease at the last attempt, when someone did. */
  get currentHolder(): string | undefined {
    return this.state?.holder;
  }

  /** Called with true when this replica takes the lease, false when it loses it. Returns an unsubscribe. */
  onChange(listener: LeaseListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** First attempt (awaited), then renewals and take-over attempts in the background. Idempotent. */
  start(): Promise<void> {
    this.started ??= this.attempt().then(() => this.schedule());
    return this.started;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.attempt().finally(() => this.schedule()), Math.max(50, Math.floor(this.opts.ttlMs / 3)));
    this.timer.unref();
  }

  private async attempt(): Promise<void> {
    if (this.stopped) return;
    const asked = performance.now();
    try {
      this.state = await this.opts.store.acquire(this.opts.name, this.holder, this.opts.ttlMs);
      if (this.state.holder === this.holder) this.validUntil = asked + this.opts.ttlMs * 0.8;
      this.set(this.state.holder === this.holder);
    } catch (e) {
      this.opts.logger.warn({ lease: this.opts.name, err: (e as Error).message }, 'lease: could not reach the database to renew or take the lease');
      // Still ours until validUntil; after that, lost (checked then, not at the next attempt).
      this.set(this.held);
      if (this.heldNow) setTimeout(() => this.set(this.held), Math.max(0, this.validUntil - performance.now()) + 1).unref();
    }
  }

  private set(held: boolean): void {
    const now = held && performance.now() < this.validUntil;
    if (now === this.heldNow) return;
    this.heldNow = now;
    this.opts.logger.info({ lease: this.opts.name, holder: this.holder, current: this.state?.holder }, now ? 'lease taken: this replica coordinates' : 'lease lost: this replica stands by');
    for (const listener of this.listeners) {
      try {
        listener(now);
      } catch (e) {
        this.opts.logger.error({ lease: this.opts.name, err: (e as Error).message }, 'lease listener failed');
      }
    }
  }

  /** Stops renewing; releases the lease when held, so a standby takes over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.started?.catch(() => undefined);
    const had = this.heldNow;
    this.set(false);
    if (had) await this.opts.store.release(this.opts.name, this.holder).catch(() => undefined);
  }
}

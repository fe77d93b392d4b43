import type { Logger } from 'pino';
import { DeliveryError } from '../../src/types.js';
import { backoffMs, describeFailure, Sleeper } from './errors.js';

/**
 * Outgoing messages, one FIFO per room, at most `ratePerSecond` per room (Tchap asks for about one
 * per second): the next message leaves `1/rate` seconds after the previous one was accepted.
 * A 429 M_LIMIT_EXCEEDED waits `retry_after_ms`; network errors and 5xx are retried with back-off
 * and the SAME transaction id, so a retry after a lost response never duplicates a message.
 * Refusals (M_FORBIDDEN, not in the room, unknown room…) become DeliveryError, never retried.
 *
 * The queue is bounded (`maxQueued` messages waiting, all rooms together). When it is full a new
 * message is refused at once with a QueueFullError (a DeliveryError), logged and counted; what is
 * already queued is never dropped. Answers to a turn and one-off notices may use 80 % of the room
 * only: the rest stays for proactive messages (escalation notices, ambassadors' answers, edits), so
 * a flood of questions cannot crowd the escalations out. A refused proactive message is not lost
 * either: its caller, the escalation service, records the failure on the ticket and tells the
 * ambassador, and an unclaimed ticket is notified again by the reminder.
 */

/** What a message is, for the queue's admission rule. */
export type MessageKind = 'reply' | 'proactive' | 'notice';

/** Share of the queue that answers and notices may fill; the rest is kept for proactive messages. */
const NON_PROACTIVE_SHARE = 0.8;

export class QueueFullError extends DeliveryError {
  constructor(readonly kind: MessageKind, queued: number) {
    super(`Matrix outgoing queue full (${queued} messages waiting): ${kind} message not sent`, 503);
    this.name = 'QueueFullError';
  }
}

/** Sends one event with a caller-chosen transaction id; returns the event id. */
export type RawSend = (roomId: string, type: string, content: Record<string, unknown>, txnId: string) => Promise<string>;

export interface SendQueueOptions {
  ratePerSecond: number;
  logger: Logger;
  /** Gives up on a message after retrying transient failures for this long (default 5 minutes). */
  maxRetryMs?: number;
  /** First back-off step for transient failures (default 500 ms). */
  retryBaseMs?: number;
  /** Most messages waiting at once, all rooms together (default 500). */
  maxQueued?: number;
  /** Called for every message refused because the queue was full. */
  onDrop?: (kind: MessageKind) => void;
}

interface RoomLane {
  tail: Promise<void>;
  /** When the previous message of the room was accepted (performance.now()). */
  lastAcceptedAt: number;
}

export class SendQueue {
  private readonly lanes = new Map<string, RoomLane>();
  private readonly sleeper = new Sleeper();
  private readonly prefix = `cia${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  private counter = 0;
  private stopped = false;
  private queued = 0;
  private readonly emptied: (() => void)[] = [];

  constructor(
    private readonly send: RawSend,
    private readonly opts: SendQueueOptions,
  ) {}

  get intervalMs(): number {
    return 1000 / this.opts.ratePerSecond;
  }

  /** Messages queued and not yet accepted by the homeserver (or given up). */
  get length(): number {
    return this.queued;
  }

  get maxQueued(): number {
    return this.opts.maxQueued ?? 500;
  }

  /**
   * Queues a message for a room; resolves with its event id once the homeserver accepted it.
   * Rejects at once with a QueueFullError when the queue has no room for this kind of message.
   */
  enqueue(roomId: string, type: string, content: Record<string, unknown>, kind: MessageKind = 'proactive', txnId?: string): Promise<string> {
    const limit = kind === 'proactive' ? this.maxQueued : Math.floor(this.maxQueued * NON_PROACTIVE_SHARE);
    if (this.queued >= limit) {
      this.opts.onDrop?.(kind);
      this.opts.logger.warn({ room: roomId, kind, queued: this.queued, max: this.maxQueued }, 'matrix outgoing queue full: message refused');
      return Promise.reject(new QueueFullError(kind, this.queued));
    }
    this.queued++;
    const lane = this.lanes.get(roomId) ?? { tail: Promise.resolve(), lastAcceptedAt: -Infinity };
    this.lanes.set(roomId, lane);
    const result = lane.tail.then(() => this.deliver(roomId, lane, type, content, txnId));
    lane.tail = result.then(
      () => undefined,
      () => undefined,
    );
    void lane.tail.then(() => {
      if (--this.queued === 0) for (const resolve of this.emptied.splice(0)) resolve();
    });
    return result;
  }

  /** Resolves true once nothing is queued, false if messages still wait after `timeoutMs`. */
  async drained(timeoutMs: number): Promise<boolean> {
    if (!this.queued) return true;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([new Promise<void>((r) => this.emptied.push(r)), new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
    clearTimeout(timer);
    return this.queued === 0;
  }

  /** Rejects what is still queued and ends every wait. */
  stop(): void {
    this.stopped = true;
    this.sleeper.wakeAll();
  }

  /** `fixedTxnId`: the same message sent again (by another replica) is the same event for the homeserver. */
  private async deliver(roomId: string, lane: RoomLane, type: string, content: Record<string, unknown>, fixedTxnId?: string): Promise<string> {
    const txnId = fixedTxnId ?? `${this.prefix}.${++this.counter}`;
    const started = performance.now();
    const maxRetryMs = this.opts.maxRetryMs ?? 5 * 60_000;
    let attempt = 0;
    for (;;) {
      if (this.stopped) throw new Error('Matrix adapter stopped before the message was sent');
      const wait = lane.lastAcceptedAt + this.intervalMs - performance.now();
      if (wait > 0) await this.sleeper.sleep(wait);
      if (this.stopped) throw new Error('Matrix adapter stopped before the message was sent');
      try {
        const eventId = await this.send(roomId, type, content, txnId);
        lane.lastAcceptedAt = performance.now();
        return eventId;
      } catch (e) {
        const f = describeFailure(e);
        if (f.kind === 'permanent') {
          this.opts.logger.warn({ room: roomId, status: f.status, errcode: f.errcode }, 'matrix message refused');
          throw new DeliveryError(`Matrix: ${f.message}`, f.status);
        }
        if (performance.now() - started > maxRetryMs) {
          this.opts.logger.error({ room: roomId, err: f.message }, 'matrix message given up after retries');
          throw new Error(`Matrix homeserver unavailable, message not sent: ${f.message}`);
        }
        const delay = f.kind === 'rate_limited' ? Math.min(Math.max(f.retryAfterMs ?? 1000, 50), 120_000) : backoffMs(attempt++, this.opts.retryBaseMs ?? 500, 30_000);
        this.opts.logger.info({ room: roomId, kind: f.kind, status: f.status, delayMs: delay }, 'matrix send retried');
        // The wait counts as the room's pause: no other message of the room leaves meanwhile.
        await this.sleeper.sleep(delay);
      }
    }
  }
}

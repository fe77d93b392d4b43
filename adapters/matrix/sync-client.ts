import { MatrixClient, MatrixError, type ICryptoStorageProvider } from 'matrix-bot-sdk';
import type { Logger } from 'pino';
import type { KvStorageProvider } from './state.js';
import { backoffMs, describeFailure, Sleeper } from './errors.js';

/**
 * matrix-bot-sdk's client with a sturdier sync loop:
 * - every event is handed to `onEvent` and AWAITED before the sync token is saved, so a batch is
 *   never half-forgotten (the adapter de-duplicates replays by event id);
 * - homeserver outages back off exponentially (configurable) and resume from the saved token;
 *   a 429 on /sync waits `retry_after_ms`;
 * - a malformed sync response is cleaned before processing, and a batch that keeps failing is
 *   skipped after a few tries instead of blocking the bot forever;
 * - stop() ends any back-off at once and aborts the pending long poll (so the process can exit).
 */

export type SyncEventHandler = (kind: string, roomId: string, event: Record<string, unknown>, extra?: unknown) => Promise<void>;

export interface SyncOptions {
  /** Long-poll timeout of /sync in ms (default 30 s). */
  syncTimeoutMs?: number;
  /** Back-off after a failed sync: first step and cap, in ms (default 1 s … 60 s). */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
}

const MAX_TRIES_PER_BATCH = 3;

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** Keeps only the shapes matrix-bot-sdk's processSync can walk: objects, arrays of event objects. */
export function cleanSyncResponse(raw: unknown): Record<string, unknown> {
  if (!isObject(raw)) return {};
  const events = (v: unknown) => (Array.isArray(v) ? v.filter(isObject) : []);
  const section = (v: unknown) => (isObject(v) ? { ...v, events: events(v.events) } : undefined);
  const out: Record<string, unknown> = { ...raw };
  out.account_data = section(raw.account_data) ?? { events: [] };
  out.to_device = section(raw.to_device) ?? { events: [] };
  if (!isObject(raw.rooms)) {
    delete out.rooms;
    return out;
  }
  const rooms: Record<string, Record<string, unknown>> = {};
  for (const kind of ['join', 'invite', 'leave'] as const) {
    const src = raw.rooms[kind];
    const dst: Record<string, unknown> = {};
    if (isObject(src)) {
      for (const [roomId, room] of Object.entries(src)) {
        if (!isObject(room)) continue;
        dst[roomId] = {
          ...room,
          timeline: section(room.timeline) ?? { events: [] },
          state: section(room.state) ?? { events: [] },
          account_data: section(room.account_data) ?? { events: [] },
          invite_state: section(room.invite_state) ?? { events: [] },
        };
      }
    }
    rooms[kind] = dst;
  }
  out.rooms = rooms;
  return out;
}

export class SyncingMatrixClient extends MatrixClient {
  private halted = false;
  private readonly sleeper = new Sleeper();
  private loopDone: Promise<void> = Promise.resolve();
  private failures = 0;
  private syncAbort?: AbortController;
  /** The bot's user id, once known (whoami at start-up): tells its own join events apart. */
  ownUserId?: string;
  /** When the last sync batch was processed (epoch ms); undefined until the first one (readiness). */
  syncedAt?: number;

  constructor(
    homeserverUrl: string,
    accessToken: string,
    private readonly kvStorage: KvStorageProvider,
    cryptoStore: ICryptoStorageProvider | undefined,
    private readonly onEvent: SyncEventHandler,
    private readonly logger: Logger,
    private readonly sync: SyncOptions = {},
  ) {
    super(homeserverUrl, accessToken, kvStorage, cryptoStore);
    this.syncingTimeout = sync.syncTimeoutMs ?? 30_000;
    this.persistTokenAfterSync = true;
  }

  protected override async startSyncInternal(): Promise<void> {
    this.halted = false;
    this.loopDone = this.loop();
  }

  /** Stops syncing; resolves when the loop has ended (an in-flight long poll is abandoned). */
  async halt(): Promise<void> {
    this.halted = true;
    super.stop();
    this.sleeper.wakeAll();
    this.syncAbort?.abort();
    await Promise.race([this.loopDone, new Promise((r) => setTimeout(r, 50).unref())]);
  }

  /** Consecutive failed /sync calls (0 while the homeserver answers). */
  get syncFailures(): number {
    return this.failures;
  }

  override stop(): void {
    void this.halt();
  }

  /** GET /sync with an abortable fetch (matrix-bot-sdk's request cannot be cancelled). */
  protected override async doSync(token: string | null): Promise<unknown> {
    const qs = new URLSearchParams({ full_state: 'false', timeout: String(Math.max(0, this.syncingTimeout)) });
    if (token) qs.set('since', token);
    const filterId = (this as unknown as { filterId?: unknown }).filterId;
    if (filterId) qs.set('filter', String(filterId));
    const ctrl = new AbortController();
    this.syncAbort = ctrl;
    // A first (full) sync can take minutes on a large account; later ones are long polls.
    const timer = setTimeout(() => ctrl.abort(), token ? this.syncingTimeout + 30_000 : 600_000);
    try {
      const res = await fetch(`${this.homeserverUrl}/_matrix/client/v3/sync?${qs}`, { headers: { authorization: `Bearer ${this.accessToken}` }, signal: ctrl.signal });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // a proxy's HTML error page: kept as text
      }
      if (body && typeof body === 'object' && 'errcode' in body) throw new MatrixError(body as { errcode: string; error: string }, res.status);
      if (!res.ok || typeof body !== 'object') throw Object.assign(new Error(`HTTP ${res.status}`), { statusCode: res.status });
      return body;
    } finally {
      clearTimeout(timer);
      if (this.syncAbort === ctrl) this.syncAbort = undefined;
    }
  }

  private async loop(): Promise<void> {
    let token = await this.kvStorage.getSyncToken();
    let batchTries = 0;
    while (!this.halted) {
      let response: Record<string, unknown>;
      try {
        response = cleanSyncResponse(await this.doSync(token));
      } catch (e) {
        if (this.halted) return;
        await this.pause(e);
        continue;
      }
      if (this.halted) return;
      if (this.failures) this.logger.info({ failures: this.failures }, 'matrix sync resumed');
      this.failures = 0;
      const next = typeof response.next_batch === 'string' ? response.next_batch : token;
      if (token) this.warnOnGaps(response);
      try {
        await this.processSync(response, (kind: string, ...payload: unknown[]) => this.dispatch(kind, payload));
      } catch (e) {
        // Events are handled one by one and never throw; this is matrix-bot-sdk itself choking.
        batchTries++;
        this.logger.error({ err: (e as Error).message, tries: batchTries }, 'matrix sync batch failed');
        if (batchTries < MAX_TRIES_PER_BATCH) {
          await this.sleeper.sleep(backoffMs(batchTries, this.sync.backoffBaseMs ?? 1000, this.sync.backoffMaxMs ?? 60_000));
          continue;
        }
        this.logger.error('matrix sync batch skipped after repeated failures');
      }
      batchTries = 0;
      token = next;
      if (token) await this.kvStorage.setSyncToken(token);
      this.syncedAt = Date.now();
    }
  }

  /**
   * A "limited" timeline after a long absence means older events were skipped by the server. Not
   * when the bot has just joined the room: Synapse marks the first timeline of a newly joined room
   * as limited although it holds everything since the join (often the whole room); what came
   * before the join was never the bot's to answer.
   */
  private warnOnGaps(response: Record<string, unknown>): void {
    const join = ((response.rooms as Record<string, unknown> | undefined)?.join ?? {}) as Record<string, { timeline?: { limited?: unknown; events?: unknown[] } }>;
    for (const [roomId, room] of Object.entries(join)) {
      if (room.timeline?.limited !== true) continue;
      if (this.joinedWithin(room.timeline.events ?? [])) {
        this.logger.debug({ room: roomId }, 'matrix sync: first timeline of a newly joined room (limited, no gap)');
        continue;
      }
      this.logger.warn({ room: roomId }, 'matrix sync skipped older events of this room (long absence): some messages may be unanswered');
    }
  }

  /** The timeline starts at the room's creation, or holds the bot's own join (from invite, leave or nothing). */
  private joinedWithin(events: unknown[]): boolean {
    const first = events[0];
    if (isObject(first) && first.type === 'm.room.create') return true;
    const me = this.ownUserId;
    if (!me) return false;
    return events.some((e) => {
      if (!isObject(e) || e.type !== 'm.room.member' || e.state_key !== me || !isObject(e.content) || e.content.membership !== 'join') return false;
      const prev = isObject(e.unsigned) && isObject(e.unsigned.prev_content) ? e.unsigned.prev_content.membership : undefined;
      return prev !== 'join';
    });
  }

  private async dispatch(kind: string, payload: unknown[]): Promise<void> {
    // Keep matrix-bot-sdk's own listeners (DM cache, encryption room tracking) informed.
    this.emit(kind, ...payload);
    if (kind === 'account_data' || !payload.length) return;
    const [roomId, event, extra] = payload;
    if (typeof roomId !== 'string' || !isObject(event)) return;
    try {
      await this.onEvent(kind, roomId, event, extra);
    } catch (e) {
      this.logger.error({ room: roomId, kind, err: (e as Error).message }, 'matrix event handler failed');
    }
  }

  private async pause(e: unknown): Promise<void> {
    const f = describeFailure(e);
    this.failures++;
    const delay =
      f.kind === 'rate_limited'
        ? Math.min(Math.max(f.retryAfterMs ?? 1000, 50), 120_000)
        : backoffMs(this.failures - 1, this.sync.backoffBaseMs ?? 1000, this.sync.backoffMaxMs ?? 60_000);
    const level = this.failures === 1 || f.kind === 'permanent' ? 'warn' : 'debug';
    this.logger[level]({ err: f.message, failures: this.failures, retryInMs: delay }, 'matrix sync failed, backing off');
    await this.sleeper.sleep(delay);
  }
}

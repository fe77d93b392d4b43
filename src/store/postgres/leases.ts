import type { LeaseState, LeaseStore } from '../escalation-types.js';
import type { PgDatabase } from './connection.js';

/** Epoch ms on the server's clock: replicas on hosts whose clocks drift still agree on expiry. */
const NOW_MS = `(extract(epoch FROM clock_timestamp()) * 1000)::bigint`;

/** One row per lease; taking and renewing is one conditional upsert, so two replicas never both win. */
export class PgLeaseStore implements LeaseStore {
  constructor(private readonly db: PgDatabase) {}

  async acquire(name: string, holder: string, ttlMs: number): Promise<LeaseState> {
    const row = (await this.db.one(
      `INSERT INTO leases AS l (name, holder, acquired_at, expires_at) VALUES ($1, $2, ${NOW_MS}, ${NOW_MS} + $3)
       ON CONFLICT (name) DO UPDATE SET
         holder = excluded.holder,
         expires_at = excluded.expires_at,
         acquired_at = CASE WHEN l.holder = excluded.holder THEN l.acquired_at ELSE excluded.acquired_at END
       WHERE l.holder = excluded.holder OR l.expires_at < ${NOW_MS}
       RETURNING holder, expires_at`,
      [name, holder, Math.round(ttlMs)],
    )) as { holder: string; expires_at: number } | undefined;
    const current = row ?? ((await this.db.one('SELECT holder, expires_at FROM leases WHERE name = $1', [name])) as { holder: string; expires_at: number } | undefined);
    if (!current) throw new Error(`lease "${name}" vanished while being taken`);
    return { holder: current.holder, expiresAt: current.expires_at };
  }

  async release(name: string, holder: string): Promise<void> {
    await this.db.query('DELETE FROM leases WHERE name = $1 AND holder = $2', [name, holder]);
  }
}

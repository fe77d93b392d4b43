import { describe, it, expect } from 'vitest';
import { runTeamsLoad } from '../bench/load/driver.js';

/**
 * The load run of `npm run bench` (200 conversations for 30 s), small: 20 concurrent conversations
 * for 3 s against the real bot process. No timing is asserted here (that is the bench's job): only
 * that nothing fails, every request is answered and every reply reaches the Bot Connector.
 */
describe('Teams load, smoke variant', () => {
  it('20 concurrent conversations for 3 s: no error, every message answered, clean shutdown', { timeout: 120_000 }, async () => {
    const report = await runTeamsLoad({ conversations: 20, durationMs: 3_000, maxRequests: 5_000 });
    expect(report.errorSamples).toEqual([]);
    expect(report.errors).toBe(0);
    expect(report.requests).toBeGreaterThan(20);
    expect(report.ok).toBe(report.requests);
    expect(report.unanswered).toBe(0);
    expect(report.replies).toBeGreaterThanOrEqual(report.ok);
    expect(report.invalidReplies).toBe(0);
    expect(report.botErrors).toEqual([]);
    expect(report.botExit).toBe(0);
  });
});

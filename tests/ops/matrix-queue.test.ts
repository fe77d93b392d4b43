import { describe, it, expect } from 'vitest';
import { QueueFullError, SendQueue, type MessageKind, type RawSend } from '../../adapters/matrix/send-queue.js';
import { DeliveryError } from '../../src/types.js';
import { silentLogger } from '../../src/logger.js';

/** A homeserver that accepts sends only when the test releases them. */
function gatedSend(): { send: RawSend; release(): void; sent: string[] } {
  const waiting: (() => void)[] = [];
  const sent: string[] = [];
  let open = false;
  return {
    sent,
    send: (roomId, _type, content) =>
      new Promise<string>((resolve) => {
        const go = () => {
          sent.push(`${roomId}:${String(content.body)}`);
          resolve(`$${sent.length}`);
        };
        if (open) go();
        else waiting.push(go);
      }),
    release() {
      open = true;
      for (const go of waiting.splice(0)) go();
    },
  };
}

describe('Matrix outgoing queue: bounded, escalations first', () => {
  it('refuses answers beyond 80 % and proactive messages beyond the maximum; drops nothing already queued', async () => {
    const hs = gatedSend();
    const drops: MessageKind[] = [];
    const queue = new SendQueue(hs.send, { ratePerSecond: 50, logger: silentLogger(), maxQueued: 10, onDrop: (k) => drops.push(k) });
    const accepted: Promise<string>[] = [];
    const refused: Promise<unknown>[] = [];
    const put = (room: string, body: string, kind: MessageKind) => {
      const p = queue.enqueue(room, 'm.room.message', { body }, kind);
      p.catch(() => undefined);
      return p;
    };
    for (let i = 0; i < 8; i++) accepted.push(put(`!r${i % 3}:x`, `reply ${i}`, 'reply'));
    expect(queue.length).toBe(8);
    refused.push(put('!r0:x', 'reply 8', 'reply'), put('!r1:x', 'notice', 'notice'));
    // Room left for the escalation traffic.
    accepted.push(put('!amb:x', 'ticket notice', 'proactive'), put('!agent:x', 'ambassador answer', 'proactive'));
    expect(queue.length).toBe(10);
    refused.push(put('!agent:x', 'one too many', 'proactive'));
    for (const p of refused) await expect(p).rejects.toBeInstanceOf(QueueFullError);
    await expect(refused[2]).rejects.toBeInstanceOf(DeliveryError);
    await expect(refused[2]).rejects.toThrow(/Matrix outgoing queue full \(10 messages waiting\): proactive message not sent/);
    expect(drops).toEqual(['reply', 'notice', 'proactive']);
    hs.release();
    expect(await Promise.all(accepted)).toHaveLength(10);
    expect(hs.sent).toHaveLength(10);
    expect(hs.sent).toContain('!amb:x:ticket notice');
    expect(queue.length).toBe(0);
    // Room again once the homeserver took them.
    await expect(put('!r0:x', 'later', 'reply')).resolves.toMatch(/^\$/);
    queue.stop();
  });

  it('drained() waits for the queue to empty, or says it did not within the time given', async () => {
    const hs = gatedSend();
    const queue = new SendQueue(hs.send, { ratePerSecond: 50, logger: silentLogger() });
    expect(await queue.drained(10)).toBe(true);
    void queue.enqueue('!r:x', 'm.room.message', { body: 'a' }, 'reply');
    expect(await queue.drained(50)).toBe(false);
    setTimeout(() => hs.release(), 30);
    expect(await queue.drained(2_000)).toBe(true);
    queue.stop();
  });
});

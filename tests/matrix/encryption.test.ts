import { describe, it, expect, afterEach } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { RustSdkCryptoStorageProvider } from 'matrix-bot-sdk';
import { World, BOT, makeApp } from './helpers/world.js';
import { bodyOf, waitUntil } from './helpers/agent.js';
import { cryptoStoreFor } from '../../adapters/matrix/encryption.js';
import { loadMatrixConfig } from '../../adapters/matrix/config.js';

/**
 * Encrypted rooms without the native crypto module (this machine): one clear notice per room,
 * remembered across restarts, and a warning in the logs. The Rust crypto path itself cannot run
 * here; only its wiring (store folder, device id persistence) is checked.
 */

let w: World;
afterEach(async () => w?.close());

const ALICE = '@alice.dupont:tchap.test';
const ENCRYPTION = { type: 'm.room.encryption', state_key: '', content: { algorithm: 'm.megolm.v1.aes-sha2' } };
const notices = (roomId: string) => w.double.model.events(roomId, { sender: BOT, type: 'm.room.message' });

function capture(): { logger: pino.Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      cb();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

describe('encrypted rooms without native crypto', () => {
  it('posts one clear notice per encrypted room, never repeated (even after a restart), and logs a warning', async () => {
    const { logger, lines } = capture();
    const app = makeApp();
    (app.services as { logger: pino.Logger }).logger = logger;
    w = await World.create({ app });
    await w.startBot({ MATRIX_ENCRYPTION: 'true' });
    expect(lines.some((l) => l.level === 50 && /MATRIX_ENCRYPTION=true but the native Matrix crypto module is unavailable/.test(String(l.msg)))).toBe(true);

    const alice = await w.agent(ALICE, 'Alice Dupont');
    // A Tchap direct chat: encrypted from its creation.
    const { room_id: dm } = await alice.client.createRoom({ is_direct: true, invite: [BOT], initial_state: [ENCRYPTION] } as never);
    const [notice] = await alice.waitFor(dm, BOT, (s) => /chiffré de bout en bout/.test(bodyOf(s)));
    expect(notice!.content.msgtype).toBe('m.notice');
    expect(bodyOf(notice!)).toMatch(/salon non chiffré[\s\S]*administrateur/);
    expect(lines.some((l) => l.level === 40 && /encrypted/.test(String(l.msg)))).toBe(true);

    // What an E2EE client sends: ciphertext the bot cannot read.
    for (let i = 0; i < 3; i++) w.double.inject(dm, ALICE, 'm.room.encrypted', { algorithm: 'm.megolm.v1.aes-sha2', ciphertext: `AwgA${i}`, session_id: 's', device_id: 'D', sender_key: 'k' });
    // A client that does send clear text there (matrix-js-sdk refuses to) still gets its answer.
    const plain = w.double.inject(dm, ALICE, 'm.room.message', { msgtype: 'm.text', body: 'Qu’est-ce que MIRAI ?' });
    await w.settled(plain.event_id);
    expect(notices(dm)).toHaveLength(2); // the notice, and the answer to the one unencrypted message

    // A group room that turns encryption on later gets its own notice.
    const { room_id: group } = await alice.client.createRoom({ name: 'Équipe', invite: [BOT] });
    await waitUntil(() => w.double.model.membership(group, BOT) === 'join', 'bot joins the group room');
    await alice.client.sendStateEvent(group, 'm.room.encryption' as never, ENCRYPTION.content as never, '');
    await alice.waitFor(group, BOT, (s) => /chiffré de bout en bout/.test(bodyOf(s)));

    await w.adapter!.stop();
    await w.startBot({ MATRIX_ENCRYPTION: 'true' });
    w.double.inject(dm, ALICE, 'm.room.encrypted', { algorithm: 'm.megolm.v1.aes-sha2', ciphertext: 'AwgAlast', session_id: 's', device_id: 'D', sender_key: 'k' });
    const after = w.double.inject(group, ALICE, 'm.room.message', { msgtype: 'm.text', body: '!aide' });
    await w.settled(after.event_id);
    expect(notices(dm).filter((e) => /chiffré de bout en bout/.test(String(e.content.body)))).toHaveLength(1);
    expect(notices(group).filter((e) => /chiffré de bout en bout/.test(String(e.content.body)))).toHaveLength(1);
  });
});

describe('native crypto wiring (what can be checked without the native library)', () => {
  it('creates a Rust crypto store in MATRIX_STORAGE_DIR/crypto whose device id survives a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'matrix-crypto-'));
    try {
      const config = loadMatrixConfig({ MATRIX_HOMESERVER_URL: 'https://hs.example', MATRIX_ACCESS_TOKEN: 'syt_x_yyyyyyyy', MATRIX_BOT_USER_ID: '@bot:hs.example', MATRIX_ENCRYPTION: 'true', MATRIX_STORAGE_DIR: dir })!;
      const { logger } = capture();
      const store = cryptoStoreFor(config, logger, { native: true, detail: 'test double' });
      expect(store).toBeInstanceOf(RustSdkCryptoStorageProvider);
      await store!.setDeviceId('BOTDEVICE');
      const again = cryptoStoreFor(config, logger, { native: true, detail: 'test double' })!;
      expect(await again.getDeviceId()).toBe('BOTDEVICE');
      expect(JSON.parse(readFileSync(join(dir, 'crypto', 'bot-sdk.json'), 'utf8'))).toMatchObject({ deviceId: 'BOTDEVICE' });
      expect((again as unknown as { storageType: number }).storageType).toBe(1); // SQLite store
      expect(cryptoStoreFor({ ...config, encryption: false }, logger, { native: true, detail: 'x' })).toBeUndefined();
      expect(cryptoStoreFor(config, logger, { native: false, detail: 'absent' })).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

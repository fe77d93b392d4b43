import { describe, it, expect, afterEach, beforeAll, afterAll } from 'vitest';
import { EventShieldReason } from 'matrix-js-sdk/lib/crypto-api/index.js';
import { Agent, waitUntil } from '../matrix/helpers/agent.js';
import { SynapseWorld, synapse, BOT, AGENT, bodyOf, looksFrench } from './helpers/world.js';
import { WasmDevice } from './helpers/wasm-device.js';

/**
 * Encrypted direct chats on Synapse, with an agent whose client really encrypts (matrix-js-sdk's
 * Rust crypto, WebAssembly), as Tchap's apps do for every direct chat.
 *
 * 1. What the bot does today (no native crypto module): one French notice, nothing else.
 * 2. The encryption experiment (README): the same Rust crypto, as WebAssembly, on the bot's own
 *    device. It decrypts and answers while the process lives; with no persistent store outside a
 *    browser, a restart loses the device's keys, and this shows what then breaks.
 *
 * These tests need a homeserver database where the bot's device has no keys yet: the global
 * set-up resets it (unless SYNAPSE_KEEP_DATA is set).
 */

let w: SynapseWorld | undefined;
let alice: Agent;
const hs = synapse();
const bot = hs.users['assistant-ia'];
const ENCRYPTED_DM = { is_direct: true, invite: [BOT], preset: 'trusted_private_chat', initial_state: [{ type: 'm.room.encryption', state_key: '', content: { algorithm: 'm.megolm.v1.aes-sha2' } }] };

afterEach(async () => {
  await w?.close();
  w = undefined;
});
// One crypto-enabled client for the agent's device for the whole file (its keys are uploaded once).
beforeAll(async () => {
  const u = hs.users.agent;
  alice = await Agent.connect({ baseUrl: hs.homeserverUrl, userId: u.userId, accessToken: u.accessToken, deviceId: u.deviceId, crypto: true });
});
afterAll(() => alice?.stop());

/** The event as Synapse stores it (not as the agent's client decrypted it). */
async function storedType(roomId: string, eventId: string): Promise<string | undefined> {
  return (await alice.client.fetchRoomEvent(roomId, eventId)).type;
}

async function decryptedFor(dev: WasmDevice, roomId: string, eventId: string, rounds = 10): Promise<{ event?: Record<string, unknown>; error?: string }> {
  for (let i = 0; i < rounds; i++) {
    for (const ev of (await dev.sync(1_000))[roomId] ?? []) if (ev.event_id === eventId) return dev.decrypt(roomId, ev);
  }
  return { error: 'event never received' };
}

describe('on Synapse: an encrypted direct chat, bot without encryption', () => {
  it('gets the one French notice; encrypted messages get nothing more, even after a restart', async () => {
    w = new SynapseWorld();
    await w.startBot({ MATRIX_ENCRYPTION: 'true' }); // no native module here: degrades, with an error log
    expect(w.logs.some((l) => l.level === 50 && /native Matrix crypto module is unavailable/.test(l.msg))).toBe(true);
    const dm = await w.directChat(alice, { encrypted: true });
    const [notice] = await alice.waitFor(dm, BOT, () => true, 1, 30_000);
    expect(notice!.content.msgtype).toBe('m.notice');
    expect(looksFrench(bodyOf(notice!))).toBe(true);
    expect(bodyOf(notice!)).toMatch(/chiffr/);

    const asked = await alice.say(dm, 'Qu’est-ce que MIRAI ?');
    expect(await storedType(dm, asked)).toBe('m.room.encrypted'); // really encrypted by the agent's client
    await w.restartBot({ MATRIX_ENCRYPTION: 'true' });
    const again = await alice.say(dm, 'Puis-je utiliser ChatGPT ?');
    expect(await storedType(dm, again)).toBe('m.room.encrypted');
    await new Promise((r) => setTimeout(r, 3_000));
    await w.adapter!.idle();
    expect(await w.botMessagesOnServer(alice, dm)).toHaveLength(1);
    expect(w.warnings(/encrypted/).length).toBeGreaterThan(0);
  });
});

describe('on Synapse: the encryption experiment (wasm Rust crypto on the bot’s device, memory store)', () => {
  let dm: string;
  let firstKeys: { ed25519: string; curve25519: string } | undefined;

  it('decrypts the agent’s encrypted message, and the agent decrypts the encrypted answer', async () => {
    const dev = await WasmDevice.open(hs.homeserverUrl, bot.accessToken, bot.userId, bot.deviceId);
    try {
      firstKeys = dev.identityKeys;
      expect(await dev.flush()).toEqual([]); // device keys and one-time keys accepted by Synapse
      await dev.sync();
      dm = await alice.createRoom(ENCRYPTED_DM as never);
      expect((await dev.call('POST', `/_matrix/client/v3/join/${encodeURIComponent(dm)}`, {})).status).toBe(200);
      await waitUntil(() => alice.client.getRoom(dm)?.getMember(BOT)?.membership === 'join', 'bot joined');
      await dev.sync();

      const asked = await alice.say(dm, 'Qu’est-ce que MIRAI ?');
      expect(await storedType(dm, asked)).toBe('m.room.encrypted');
      const clear = await decryptedFor(dev, dm, asked);
      expect(clear.error).toBeUndefined();
      expect(clear.event).toMatchObject({ type: 'm.room.message', content: { msgtype: 'm.text', body: 'Qu’est-ce que MIRAI ?' } });

      expect((await dev.sendEncrypted(dm, [BOT, AGENT], 'm.room.message', { msgtype: 'm.notice', body: 'MIRAI est le portail IA du ministère (réponse chiffrée).' }, `e2e-${Date.now()}`)).status).toBe(200);
      const [answer] = await alice.waitFor(dm, BOT, (s) => bodyOf(s).includes('réponse chiffrée'), 1, 30_000);
      expect(answer!.encrypted).toBe(true);
      const ev = alice.client.getRoom(dm)!.findEventById(answer!.eventId)!;
      expect(ev.isDecryptionFailure()).toBe(false);
      // Decrypted; the bot's device has no cross-signing identity: "not verified by its owner".
      expect((await alice.client.getCrypto()!.getEncryptionInfoForEvent(ev))?.shieldReason).toBe(EventShieldReason.UNSIGNED_DEVICE);
    } finally {
      dev.close();
    }
  });

  it('but its keys do not survive a restart: Synapse swaps the published keys, the agent’s client keeps the old ones, and the bot can no longer decrypt', async () => {
    expect(dm).toBeDefined();
    const dev = await WasmDevice.open(hs.homeserverUrl, bot.accessToken, bot.userId, bot.deviceId);
    try {
      // Same device id, new identity: Synapse refuses the one-time keys (same key ids as before)…
      const refused = await dev.flush();
      expect(refused).toEqual([expect.objectContaining({ type: 'KeysUpload', status: 400, body: expect.objectContaining({ error: expect.stringMatching(/^One time key signed_curve25519:\S+ already exists/) }) })]);
      // …yet publishes the new identity keys of the device in place of the first ones.
      const published = (await dev.call('POST', '/_matrix/client/v3/keys/query', { device_keys: { [BOT]: [bot.deviceId] } })).body as { device_keys: Record<string, Record<string, { keys: Record<string, string> }>> };
      const keys = published.device_keys[BOT]![bot.deviceId]!.keys;
      expect(keys[`ed25519:${bot.deviceId}`]).toBe(dev.identityKeys.ed25519);
      expect(keys[`ed25519:${bot.deviceId}`]).not.toBe(firstKeys!.ed25519);
      await dev.sync();

      // The agent's Rust crypto rejects a device whose keys changed ("Rejecting device update") and
      // keeps encrypting to the first keys: the restarted bot cannot read what it is sent.
      const asked = await alice.say(dm, 'Et pour DeepL ?');
      expect(await storedType(dm, asked)).toBe('m.room.encrypted');
      const clear = await decryptedFor(dev, dm, asked);
      expect(clear.event).toBeUndefined();
      expect(clear.error).toMatch(/room key/i);

      // What it sends is still readable by the agent (a new Olm session, same grey shield).
      expect((await dev.sendEncrypted(dm, [BOT, AGENT], 'm.room.message', { msgtype: 'm.notice', body: 'Après redémarrage.' }, `e2e-${Date.now()}`)).status).toBe(200);
      const [after] = await alice.waitFor(dm, BOT, (s) => bodyOf(s).includes('Après redémarrage'), 1, 30_000);
      expect(alice.client.getRoom(dm)!.findEventById(after!.eventId)!.isDecryptionFailure()).toBe(false);
    } finally {
      dev.close();
    }
  });
});

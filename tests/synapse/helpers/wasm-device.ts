import * as wasm from '@matrix-org/matrix-sdk-crypto-wasm';
import { quietRustCrypto } from '../../matrix/helpers/agent.js';

/**
 * The bot's device driven by matrix-js-sdk's Rust crypto compiled to WebAssembly
 * (@matrix-org/matrix-sdk-crypto-wasm), talking to the homeserver with the bot's own access token —
 * what matrix-bot-sdk's RustEngine does with the native binding, reduced to what an encrypted
 * direct chat needs: key upload, device tracking, Olm sessions, room keys, decryption, encryption.
 *
 * This is the encryption experiment of the end-to-end suite (README, « End-to-end encryption »):
 * in Node the wasm build only has a memory store (its persistent store is IndexedDB, a browser
 * API), so the device's keys live as long as this object.
 */

type Json = Record<string, unknown>;


export class WasmDevice {
  private since?: string;
  private constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    readonly userId: string,
    readonly deviceId: string,
    readonly machine: wasm.OlmMachine,
  ) {}

  static async open(baseUrl: string, token: string, userId: string, deviceId: string): Promise<WasmDevice> {
    const init = (wasm as unknown as { initAsync?: () => Promise<void> }).initAsync;
    if (init) await init();
    // No store name: the only store the wasm build has outside a browser is a memory one.
    quietRustCrypto();
    const machine = (await wasm.OlmMachine.initialize(new wasm.UserId(userId), new wasm.DeviceId(deviceId))) as wasm.OlmMachine;
    return new WasmDevice(baseUrl, token, userId, deviceId, machine);
  }

  get identityKeys(): { ed25519: string; curve25519: string } {
    const k = this.machine.identityKeys;
    return { ed25519: k.ed25519.toBase64(), curve25519: k.curve25519.toBase64() };
  }

  /** One client-server call; a 429 (Synapse's default limits) is waited out, like any client does. */
  async call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const json = (await res.json()) as Json;
      if (res.status !== 429 || attempt >= 20) return { status: res.status, body: json };
      await new Promise((r) => setTimeout(r, Math.min(Number(json.retry_after_ms ?? 1000), 30_000) + 50));
    }
  }

  /** Sends every request the machine has queued (keys upload / query / claim, to-device…). Returns refusals. */
  async flush(): Promise<{ type: string; status: number; body: Json }[]> {
    const refused: { type: string; status: number; body: Json }[] = [];
    for (const req of (await this.machine.outgoingRequests()) as { id?: string; type: wasm.RequestType; body: string; event_type?: string; txn_id?: string; room_id?: string }[]) {
      const r = await this.send(req);
      if (r.status !== 200) refused.push({ type: wasm.RequestType[req.type] ?? String(req.type), ...r });
      else if (req.id) await this.machine.markRequestAsSent(req.id, req.type, JSON.stringify(r.body));
    }
    return refused;
  }

  private send(req: { type: wasm.RequestType; body: string; event_type?: string; txn_id?: string; room_id?: string }): Promise<{ status: number; body: Json }> {
    const v3 = '/_matrix/client/v3';
    switch (req.type) {
      case wasm.RequestType.KeysUpload:
        return this.call('POST', `${v3}/keys/upload`, req.body);
      case wasm.RequestType.KeysQuery:
        return this.call('POST', `${v3}/keys/query`, req.body);
      case wasm.RequestType.KeysClaim:
        return this.call('POST', `${v3}/keys/claim`, req.body);
      case wasm.RequestType.ToDevice:
        return this.call('PUT', `${v3}/sendToDevice/${encodeURIComponent(req.event_type!)}/${encodeURIComponent(req.txn_id!)}`, req.body);
      case wasm.RequestType.SignatureUpload:
        return this.call('POST', `${v3}/keys/signatures/upload`, req.body);
      case wasm.RequestType.RoomMessage:
        return this.call('PUT', `${v3}/rooms/${encodeURIComponent(req.room_id!)}/send/${encodeURIComponent(req.event_type!)}/${encodeURIComponent(req.txn_id!)}`, req.body);
      default:
        return Promise.resolve({ status: 501, body: { error: `request type ${req.type} not handled here` } });
    }
  }

  /** One /sync: to-device events, device lists and key counts go to the machine; room timelines are returned. */
  async sync(timeoutMs = 0): Promise<Record<string, Json[]>> {
    const qs = new URLSearchParams({ timeout: String(timeoutMs) });
    if (this.since) qs.set('since', this.since);
    const { body } = await this.call('GET', `/_matrix/client/v3/sync?${qs}`);
    this.since = String(body.next_batch);
    const lists = (body.device_lists ?? {}) as { changed?: string[]; left?: string[] };
    const counts = new Map(Object.entries((body.device_one_time_keys_count ?? {}) as Record<string, number>));
    const fallback = new Set((body['device_unused_fallback_key_types'] ?? body['org.matrix.msc2732.device_unused_fallback_key_types'] ?? []) as string[]);
    await this.machine.receiveSyncChanges(
      JSON.stringify(((body.to_device as { events?: unknown[] } | undefined)?.events ?? [])),
      new wasm.DeviceLists((lists.changed ?? []).map((u) => new wasm.UserId(u)), (lists.left ?? []).map((u) => new wasm.UserId(u))),
      counts,
      fallback,
    );
    await this.flush();
    const rooms: Record<string, Json[]> = {};
    for (const [roomId, room] of Object.entries(((body.rooms as Json | undefined)?.join ?? {}) as Record<string, { timeline?: { events?: Json[] } }>)) {
      rooms[roomId] = room.timeline?.events ?? [];
    }
    return rooms;
  }

  /** The clear event, or the reason it could not be decrypted. */
  async decrypt(roomId: string, event: Json): Promise<{ event?: Json; error?: string }> {
    try {
      const d = (await this.machine.decryptRoomEvent(JSON.stringify(event), new wasm.RoomId(roomId), new wasm.DecryptionSettings(wasm.TrustRequirement.Untrusted))) as wasm.DecryptedRoomEvent;
      return { event: JSON.parse(d.event) as Json };
    } catch (e) {
      // A MegolmDecryptionError: { code, description, maybe_withheld }.
      const err = e as { code?: unknown; description?: unknown; message?: unknown };
      return { error: [err.code, err.description ?? err.message].filter((x) => x !== undefined).map(String).join(': ') || String(e) };
    }
  }

  /** Encrypts for every device of the room's members (room key shared first) and sends. */
  async sendEncrypted(roomId: string, members: string[], type: string, content: Json, txnId: string): Promise<{ status: number; body: Json }> {
    // wasm-bindgen moves the ids into each call: fresh ones every time.
    const users = () => members.map((u) => new wasm.UserId(u));
    await this.machine.updateTrackedUsers(users());
    await this.flush(); // keys query
    const claim = (await this.machine.getMissingSessions(users())) as wasm.KeysClaimRequest | undefined;
    if (claim) {
      const r = await this.call('POST', '/_matrix/client/v3/keys/claim', claim.body);
      await this.machine.markRequestAsSent(claim.id, wasm.RequestType.KeysClaim, JSON.stringify(r.body));
    }
    const settings = new wasm.EncryptionSettings();
    for (const req of (await this.machine.shareRoomKey(new wasm.RoomId(roomId), users(), settings)) as wasm.ToDeviceRequest[]) {
      const r = await this.call('PUT', `/_matrix/client/v3/sendToDevice/${encodeURIComponent(req.event_type)}/${encodeURIComponent(req.txn_id)}`, req.body);
      await this.machine.markRequestAsSent(req.id, wasm.RequestType.ToDevice, JSON.stringify(r.body));
    }
    const encrypted = (await this.machine.encryptRoomEvent(new wasm.RoomId(roomId), type, JSON.stringify(content))) as string;
    return this.call('PUT', `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.encrypted/${encodeURIComponent(txnId)}`, encrypted);
  }

  close(): void {
    this.machine.close();
  }
}

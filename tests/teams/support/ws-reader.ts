import { request } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';

/**
 * A read-only WebSocket client on node:http (Node 20 has no global WebSocket): enough to follow the
 * Agents Playground's conversation stream. Text messages are JSON-parsed and collected.
 */
export class WsReader {
  readonly messages: unknown[] = [];
  private socket?: Socket;
  private buffer = Buffer.alloc(0);
  private fragments: Buffer[] = [];

  static async connect(url: string): Promise<WsReader> {
    const reader = new WsReader();
    const u = new URL(url);
    await new Promise<void>((resolve, reject) => {
      const req = request({
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': randomBytes(16).toString('base64') },
      });
      req.once('upgrade', (_res, socket, head) => {
        reader.socket = socket;
        socket.on('data', (d: Buffer) => reader.onData(d));
        socket.on('error', () => undefined);
        if (head.length) reader.onData(head);
        resolve();
      });
      req.once('response', (res) => reject(new Error(`no upgrade: HTTP ${res.statusCode}`)));
      req.once('error', reject);
      req.end();
    });
    return reader;
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (this.buffer.length < 2) return;
      const fin = (this.buffer[0]! & 0x80) !== 0;
      const opcode = this.buffer[0]! & 0x0f;
      let len = this.buffer[1]! & 0x7f;
      let offset = 2;
      if (len === 126) {
        if (this.buffer.length < 4) return;
        len = this.buffer.readUInt16BE(2);
        offset = 4;
      } else if (len === 127) {
        if (this.buffer.length < 10) return;
        len = Number(this.buffer.readBigUInt64BE(2));
        offset = 10;
      }
      if (this.buffer.length < offset + len) return;
      const payload = this.buffer.subarray(offset, offset + len);
      this.buffer = this.buffer.subarray(offset + len);
      if (opcode === 0x1 || opcode === 0x0) {
        this.fragments.push(Buffer.from(payload));
        if (fin) {
          const text = Buffer.concat(this.fragments).toString('utf8');
          this.fragments = [];
          try {
            this.messages.push(JSON.parse(text));
          } catch {
            this.messages.push(text);
          }
        }
      } else if (opcode === 0x9) this.send(0xa, payload);
    }
  }

  /** Sends a masked control frame (pong, close). */
  private send(opcode: number, payload: Buffer): void {
    const mask = randomBytes(4);
    const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
    this.socket?.write(Buffer.concat([Buffer.from([0x80 | opcode, 0x80 | masked.length]), mask, masked]));
  }

  /** Waits until a collected message satisfies `match`. */
  async waitFor<T>(match: (m: unknown) => T | undefined, timeoutMs = 15_000): Promise<T> {
    const start = Date.now();
    for (;;) {
      for (const m of this.messages) {
        const hit = match(m);
        if (hit !== undefined) return hit;
      }
      if (Date.now() - start > timeoutMs) throw new Error(`timeout waiting for a WebSocket message; got ${JSON.stringify(this.messages).slice(0, 500)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  close(): void {
    this.send(0x8, Buffer.alloc(0));
    this.socket?.destroy();
  }
}

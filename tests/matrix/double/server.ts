import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HomeserverModel, type MatrixEvent, type User } from './model.js';
import { route, type Ctx } from './routes.js';
import { closeServer } from '../../helpers/loopback.js';

/**
 * A Matrix homeserver double for tests: plain node:http on 127.0.0.1 (port chosen by the OS),
 * the client-server endpoints the bot and matrix-js-sdk use (see routes.ts), and fault injection:
 * 429 M_LIMIT_EXCEEDED with retry_after_ms, outages (502 from a "proxy"), a lost response after the
 * request was committed, and a restart that keeps every room, event and token.
 */

type Matcher = (method: string, path: string, user?: User) => boolean;

interface Fault {
  match: Matcher;
  remaining: number;
  kind: 'rate_limit' | 'drop_response';
  retryAfterMs?: number;
}

const PREFIX = /^\/_matrix\/client\/(?:v3|r0|v1|unstable)(\/.*)$/;

export class HomeserverDouble {
  readonly model: HomeserverModel;
  private server?: Server;
  private port = 0;
  private down = false;
  private faults: Fault[] = [];
  /** Requests the double did not implement (method and path), to spot gaps. */
  readonly unknown: string[] = [];
  /** Every request, for assertions: method, path, user, status. */
  readonly log: { method: string; path: string; user?: string; status: number; at: number }[] = [];

  constructor(serverName = 'tchap.test') {
    this.model = new HomeserverModel(serverName);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.keepAliveTimeout = 1_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  /** Stops listening and cuts every open connection (long polls included). */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await closeServer(server);
  }

  /** A homeserver restart: down for `downMs`, then back on the same port with the same state. */
  async restart(downMs = 300): Promise<void> {
    await this.stop();
    await new Promise((r) => setTimeout(r, downMs));
    await this.start();
  }

  /** While on, every request gets a 502 from the "reverse proxy" (non-JSON body). */
  outage(on: boolean): void {
    this.down = on;
  }

  /** The next `count` matching requests get 429 M_LIMIT_EXCEEDED with retry_after_ms. */
  rateLimit(match: Matcher, retryAfterMs: number, count = 1): void {
    this.faults.push({ match, remaining: count, kind: 'rate_limit', retryAfterMs });
  }

  /** The next matching request is processed, but its connection is cut before the answer. */
  dropResponse(match: Matcher, count = 1): void {
    this.faults.push({ match, remaining: count, kind: 'drop_response' });
  }

  registerUser(id: string, displayname?: string): User {
    return this.model.registerUser(id, displayname);
  }

  /** Adds an event as if it came from elsewhere (federation, a client with encryption…). */
  inject(roomId: string, sender: string, type: string, content: Record<string, unknown>, stateKey?: string): MatrixEvent {
    return this.model.append(roomId, { type, sender, content, state_key: stateKey });
  }

  /** Resolves with the first event of the room matching `pred`, or rejects after `timeoutMs`. */
  waitForEvent(roomId: string, pred: (e: MatrixEvent) => boolean, timeoutMs = 10_000): Promise<MatrixEvent> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.model.events(roomId).find(pred);
        if (found) {
          clearTimeout(timer);
          off();
          resolve(found);
        }
      };
      const timer = setTimeout(() => {
        off();
        reject(new Error(`timed out waiting for an event in ${roomId}`));
      }, timeoutMs);
      const off = this.model.onChange(check);
      check();
    });
  }

  private takeFault(method: string, path: string, user?: User): Fault | undefined {
    const f = this.faults.find((x) => x.remaining > 0 && x.match(method, path, user));
    if (f) f.remaining--;
    this.faults = this.faults.filter((x) => x.remaining > 0);
    return f;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = performance.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const send = (status: number, body: unknown, user?: User) => {
      this.log.push({ method: req.method ?? '', path: url.pathname, user: user?.id, status, at });
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
      res.end(JSON.stringify(body));
    };
    if (this.down) {
      this.log.push({ method: req.method ?? '', path: url.pathname, status: 502, at });
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><body>502 Bad Gateway</body></html>');
      return;
    }
    if (req.method === 'OPTIONS') return send(200, {});
    if (url.pathname === '/_matrix/client/versions') return send(200, { versions: ['v1.1', 'v1.2', 'v1.3', 'v1.4', 'v1.5', 'v1.6', 'v1.7', 'v1.8', 'v1.9', 'v1.10', 'v1.11'], unstable_features: {} });
    const m = PREFIX.exec(url.pathname);
    if (!m) return send(404, { errcode: 'M_UNRECOGNIZED', error: 'Unrecognized request' });
    const token = (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '') || url.searchParams.get('access_token') || '';
    const user = this.model.tokens.get(token);
    if (!user) return send(401, { errcode: token ? 'M_UNKNOWN_TOKEN' : 'M_MISSING_TOKEN', error: 'Unrecognised access token.' });
    const path = m[1]!;
    const fault = this.takeFault(req.method ?? '', path, user);
    if (fault?.kind === 'rate_limit') return send(429, { errcode: 'M_LIMIT_EXCEEDED', error: 'Too many requests', retry_after_ms: fault.retryAfterMs }, user);
    let body: Record<string, unknown> = {};
    if (chunks.length) {
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        return send(400, { errcode: 'M_NOT_JSON', error: 'Content not JSON.' }, user);
      }
    }
    const ctx: Ctx = {
      model: this.model,
      user,
      token,
      method: req.method ?? 'GET',
      path,
      query: url.searchParams,
      body,
      at,
      waitForChange: (ms) =>
        new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            off();
            res.off('close', done);
            resolve();
          };
          const timer = setTimeout(done, Math.max(0, ms));
          const off = this.model.onChange(done);
          res.once('close', done);
        }),
    };
    const result = await route(ctx);
    if (!result) {
      this.unknown.push(`${ctx.method} ${path}`);
      return send(404, { errcode: 'M_UNRECOGNIZED', error: 'Unrecognized request' }, user);
    }
    if (fault?.kind === 'drop_response') {
      this.log.push({ method: ctx.method, path, user: user.id, status: 0, at });
      req.socket.destroy();
      return;
    }
    send(result[0], result[1], user);
  }
}

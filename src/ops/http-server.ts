import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { ConfigError } from '../config.js';

/**
 * The process's one HTTP server: channels mount their endpoints on it (Teams: POST /api/messages),
 * the launcher mounts /readyz and /metrics; GET /healthz is built in (the process is alive).
 * Shutting down happens in two steps: `drain()` answers 503 on the work routes (with
 * `connection: close`) while the probes keep answering, so a load balancer sees the process leave
 * rather than a refused connection; then `close()` stops listening, waits (bounded) for the
 * requests in progress, e.g. a Teams turn sending its reply, and cuts what is left.
 */

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** What a channel needs to serve its endpoint on the shared server. */
export interface HttpMount {
  /** Serves `path` (exact, query string ignored) until the returned function is called. */
  route(path: string, handler: RouteHandler, opts?: { whileDraining?: boolean }): () => void;
  /** Largest request body a route should accept (HTTP_MAX_BODY_KB). */
  readonly maxBodyBytes: number;
}

export interface HttpServerOptions {
  host: string;
  port: number;
  maxBodyBytes: number;
  logger: Logger;
  /** The variable named when the port cannot be used (HTTP_PORT, or TEAMS_PORT for a Teams endpoint alone). */
  portSetting: string;
  /** Appended to that error, e.g. " or set TEAMS_ENABLED=false". */
  portHint?: string;
}

/** Writes a JSON answer (no body for HEAD). */
export function sendJson(req: IncomingMessage, res: ServerResponse, status: number, body?: unknown): void {
  if (res.headersSent) return;
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : text);
}

/** Answers 405 unless the method is GET or HEAD; returns whether it did. */
export function refuseUnlessGet(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return false;
  res.setHeader('allow', 'GET, HEAD');
  sendJson(req, res, 405, { error: 'use GET' });
  return true;
}

export class HttpServer implements HttpMount {
  readonly maxBodyBytes: number;
  private readonly routes = new Map<string, { handler: RouteHandler; whileDraining: boolean }>();
  private server?: Server;
  /** Requests being answered on work routes (probes excluded: they never hold a shutdown up). */
  private active = 0;
  private draining = false;
  private readonly quiet: (() => void)[] = [];

  constructor(private readonly opts: HttpServerOptions) {
    this.maxBodyBytes = opts.maxBodyBytes;
    this.route('/healthz', (req, res) => void (refuseUnlessGet(req, res) || sendJson(req, res, 200, { status: 'ok' })), { whileDraining: true });
  }

  route(path: string, handler: RouteHandler, opts: { whileDraining?: boolean } = {}): () => void {
    const entry = { handler, whileDraining: opts.whileDraining ?? false };
    this.routes.set(path, entry);
    return () => {
      if (this.routes.get(path) === entry) this.routes.delete(path);
    };
  }

  get isDraining(): boolean {
    return this.draining;
  }

  /** Requests being answered now on work routes. */
  get inProgress(): number {
    return this.active;
  }

  async listen(): Promise<{ host: string; port: number }> {
    const { host, port, portSetting, portHint = '' } = this.opts;
    const server = createServer((req, res) => this.onRequest(req, res));
    server.requestTimeout = 30_000;
    server.headersTimeout = 10_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (e: NodeJS.ErrnoException) => {
        const taken = e.code === 'EADDRINUSE' || e.code === 'EACCES' || e.code === 'EADDRNOTAVAIL';
        reject(taken ? new ConfigError([`${portSetting}=${port}: cannot listen on ${host} (${e.code}); choose another ${portSetting}${portHint}`]) : e);
      });
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    return this.address()!;
  }

  /** Where the server listens (after listen; port 0 picks a free one). */
  address(): { host: string; port: number } | undefined {
    const a = this.server?.address() as AddressInfo | null | undefined;
    return a ? { host: a.address, port: a.port } : undefined;
  }

  /** Work routes answer 503 from now on; probes keep answering; every answer closes its connection. */
  drain(): void {
    this.draining = true;
  }

  /**
   * Drains, waits up to `timeoutMs` for the requests in progress on work routes (probes answer
   * meanwhile), then stops listening and ends every connection. Resolves false when requests were cut.
   */
  async close(timeoutMs = 0): Promise<boolean> {
    const server = this.server;
    this.drain();
    if (!server) return true;
    const cut = this.active;
    if (this.active) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([new Promise<void>((r) => this.quiet.push(r)), new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
      clearTimeout(timer);
    }
    const left = this.active;
    if (left) this.opts.logger.warn({ requests: left, of: cut }, 'http: requests still in progress after the grace period, abandoned');
    this.server = undefined;
    server.close();
    server.closeAllConnections();
    return left === 0;
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0]!;
    const route = this.routes.get(path);
    // A channel unmounts its endpoint while the server drains: still "shutting down", not "not found".
    if (!route) return this.draining ? sendJson(req, res, 503, { error: 'shutting down' }) : sendJson(req, res, 404, { error: 'not found' });
    if (this.draining) {
      // Clients on a kept-alive connection reconnect (elsewhere) for their next request.
      res.setHeader('connection', 'close');
      if (!route.whileDraining) return sendJson(req, res, 503, { error: 'shutting down' });
    }
    if (!route.whileDraining) {
      this.active++;
      res.once('close', () => {
        this.active--;
        if (!this.active) for (const resolve of this.quiet.splice(0)) resolve();
      });
    }
    Promise.resolve()
      .then(() => route.handler(req, res))
      .catch((e: Error) => {
        this.opts.logger.error({ path, err: e.message, stack: e.stack }, 'http: request failed');
        sendJson(req, res, 500, { error: 'internal error' });
      });
  }
}

import type { IncomingMessage as HttpRequest, ServerResponse } from 'node:http';
import type { Activity, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { TeamsCloudAdapter } from './cloud.js';
import { activityProblems } from './activity-schema.js';

/**
 * The Bot Framework endpoint, mounted on the process's HTTP server (src/ops/http-server.ts, which
 * also serves /healthz, /readyz and /metrics):
 * - POST /api/messages — a Teams activity (JSON, at most `maxBodyBytes`: HTTP_MAX_BODY_KB);
 * - HEAD /api/messages — 200 (the Agents Playground probes it).
 * Bad input never reaches the bot: malformed JSON 400, no type 200 (ignored), no serviceUrl or
 * conversation 400, too large 413, unauthenticated 401, and in local mode anything not from this
 * machine 401.
 */

export interface EndpointOptions {
  cloud: TeamsCloudAdapter;
  logic: (context: TurnContext) => Promise<void>;
  logger: Logger;
  /** No credentials: anonymous requests, accepted from loopback only, replies to local connectors only. */
  localMode: boolean;
  maxBodyBytes: number;
}

/** Activity types the bot acts on; the others are acknowledged and ignored. */
export const HANDLED_TYPES = new Set(['message', 'conversationUpdate', 'invoke', 'messageReaction']);

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;
export function isLoopback(address: string | undefined): boolean {
  return !!address && LOOPBACK.test(address);
}

function isLocalUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || isLoopback(host);
  } catch {
    return false;
  }
}

function reply(res: ServerResponse, status: number, body?: unknown): void {
  if (res.headersSent) return;
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

class TooLarge extends Error {}

/** Reads the body, refusing (and no longer reading) past `limit` bytes. */
function readBody(req: HttpRequest, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) return reject(new TooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        reject(new TooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

export function createRequestListener(opts: EndpointOptions): (req: HttpRequest, res: ServerResponse) => void {
  const { logger } = opts;
  const handle = async (req: HttpRequest, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/api/messages') return reply(res, 404, { error: 'not found' });
    if (req.method === 'HEAD') return reply(res, 200);
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return reply(res, 405, { error: 'use POST' });
    }
    if (opts.localMode && !isLoopback(req.socket.remoteAddress)) {
      logger.warn({ remote: req.socket.remoteAddress }, 'teams: anonymous request from another machine refused (local mode accepts loopback only)');
      return reply(res, 401, { error: 'unauthorized' });
    }
    let raw: Buffer;
    try {
      raw = await readBody(req, opts.maxBodyBytes);
    } catch (e) {
      if (!(e instanceof TooLarge)) throw e;
      logger.warn({ limit: opts.maxBodyBytes }, 'teams: request body too large, refused');
      res.setHeader('connection', 'close');
      res.once('finish', () => req.destroy());
      return reply(res, 413, { error: 'payload too large' });
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      logger.warn({ bytes: raw.length }, 'teams: malformed JSON refused');
      return reply(res, 400, { error: 'malformed JSON' });
    }
    if (!isRecord(body)) {
      logger.warn('teams: body is not a JSON object, refused');
      return reply(res, 400, { error: 'expected an activity object' });
    }
    if (typeof body.type !== 'string' || !body.type) {
      logger.info('teams: activity without a type ignored');
      return reply(res, 200);
    }
    const conversation = body.conversation;
    if (typeof body.serviceUrl !== 'string' || !/^https?:\/\//i.test(body.serviceUrl) || !isRecord(conversation) || typeof conversation.id !== 'string' || !conversation.id) {
      logger.warn({ type: body.type, serviceUrl: typeof body.serviceUrl === 'string', conversation: isRecord(conversation) }, 'teams: activity without serviceUrl or conversation refused');
      return reply(res, 400, { error: 'activity needs a serviceUrl and a conversation' });
    }
    const malformed = activityProblems(body);
    if (malformed.length) {
      logger.warn({ type: String(body.type).slice(0, 100), problems: malformed }, 'teams: malformed activity refused');
      return reply(res, 400, { error: 'malformed activity' });
    }
    if (opts.localMode && !isLocalUrl(body.serviceUrl)) {
      logger.warn('teams: local mode replies only to a connector on this machine; activity refused');
      return reply(res, 400, { error: 'local mode: serviceUrl must be on this machine' });
    }
    const activity = body as unknown as Activity;
    const header = req.headers.authorization ?? '';
    let auth;
    try {
      auth = await opts.cloud.authenticate(activity, header);
    } catch (e) {
      logger.warn({ err: (e as Error).message.slice(0, 200), hasHeader: header.length > 0 }, 'teams: request without a valid Bot Framework token refused');
      return reply(res, 401, { error: 'unauthorized' });
    }
    if (!HANDLED_TYPES.has(activity.type)) {
      logger.debug({ type: activity.type }, 'teams: activity type ignored');
      return reply(res, 200);
    }
    const invoke = await opts.cloud.run(auth, activity, opts.logic);
    return reply(res, invoke?.status ?? 200, invoke?.body);
  };
  return (req, res) => {
    handle(req, res).catch((e: Error) => {
      logger.error({ err: e.message, stack: e.stack }, 'teams: turn failed');
      reply(res, 500, { error: 'internal error' });
    });
  };
}

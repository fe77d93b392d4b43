import { createServer, type Server } from 'node:http';
import { closeServer, listenLoopback, loopbackBase } from '../../helpers/loopback.js';

/**
 * A Bot Connector stand-in for load runs: answers every reply the bot posts, and keeps per
 * incoming activity only when its first reply arrived and how many came (no bodies kept: a
 * 30-second run posts tens of thousands). A reply that is not a message with an Adaptive Card
 * counts as invalid.
 */

const ROUTE = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;

export interface ReplyStats {
  /** performance.now() of the first reply to that activity. */
  first: number;
  count: number;
}

export class LoadConnector {
  readonly replies = new Map<string, ReplyStats>();
  invalid = 0;
  /** Replies that did not answer an activity (proactive messages, updates). */
  other = 0;
  private server?: Server;
  private n = 0;

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const at = performance.now();

        const m = ROUTE.exec((req.url ?? '').split('?')[0]!);
        if (!m) {
          res.writeHead(404).end();
          return;
        }
        let body: { type?: unknown; attachments?: { contentType?: unknown }[] } = {};
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
        } catch {
          this.invalid++;
        }
        if (body.type !== 'message' || body.attachments?.[0]?.contentType !== 'application/vnd.microsoft.card.adaptive') this.invalid++;
        const replyTo = req.method === 'POST' && m[2] ? decodeURIComponent(m[2]) : undefined;
        if (replyTo) {
          const s = this.replies.get(replyTo);
          if (s) s.count++;
          else this.replies.set(replyTo, { first: at, count: 1 });
        } else this.other++;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `reply-${++this.n}` }));
      });
    });
    server.keepAliveTimeout = 120_000;
    this.server = await listenLoopback(server, 4096);
    return this;
  }

  get url(): string {
    return `${loopbackBase(this.server!)}/`;
  }

  async stop(): Promise<void> {
    await closeServer(this.server);
  }
}

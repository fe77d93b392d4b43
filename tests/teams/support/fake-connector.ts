import { createServer, type Server } from 'node:http';
import { closeServer, listenLoopback, loopbackBase } from '../../helpers/loopback.js';

/** One call the bot made to the Bot Connector. */
export interface ConnectorCall {
  method: 'POST' | 'PUT';
  conversationId: string;
  /** POST …/activities/{replyToId} (a reply) or PUT …/activities/{activityId} (an update). */
  activityId?: string;
  /** Id the fake connector gave the message (POST) or the updated one (PUT). */
  id: string;
  body: Record<string, unknown>;
  /** Set when the fake connector refused the call with this status. */
  refused?: number;
}

const ROUTE = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;

/**
 * A local stand-in for the Bot Connector service that Teams activities point to with `serviceUrl`:
 * it records what the bot sends (replies, proactive messages, updates) and can refuse a conversation
 * with a status (403 when the app was uninstalled, 404 when the conversation is gone).
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  /** Conversation id → HTTP status to answer with. */
  readonly failing = new Map<string, number>();
  private server?: Server;
  private n = 0;

  async start(): Promise<string> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const m = ROUTE.exec((req.url ?? '').split('?')[0]!);
        if (!m || (req.method !== 'POST' && req.method !== 'PUT')) {
          res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'NotFound', message: 'unknown route' } }));
          return;
        }
        const conversationId = decodeURIComponent(m[1]!);
        const activityId = m[2] ? decodeURIComponent(m[2]) : undefined;
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
        const status = this.failing.get(conversationId);
        if (status) {
          this.calls.push({ method: req.method, conversationId, activityId, id: '', body, refused: status });
          const code = status === 403 ? 'BotNotInConversationRoster' : 'ConversationNotFound';
          res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code, message: `fake connector refuses (${status})` } }));
          return;
        }
        const id = req.method === 'PUT' ? activityId! : `activity-${++this.n}`;
        this.calls.push({ method: req.method, conversationId, activityId, id, body });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
      });
    });
    this.server = await listenLoopback(server);
    return this.url;
  }

  /** The serviceUrl to put in activities. */
  get url(): string {
    return `${loopbackBase(this.server!)}/`;
  }

  async stop(): Promise<void> {
    await closeServer(this.server);
  }

  /** Messages posted to a conversation (replies and proactive sends), oldest first. */
  posted(conversationId: string): ConnectorCall[] {
    return this.calls.filter((c) => c.method === 'POST' && !c.refused && c.conversationId === conversationId);
  }

  updates(conversationId?: string): ConnectorCall[] {
    return this.calls.filter((c) => c.method === 'PUT' && !c.refused && (!conversationId || c.conversationId === conversationId));
  }

  clear(): void {
    this.calls.length = 0;
  }
}

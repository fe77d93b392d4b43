import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { BotLike, ChannelAdapter, ConversationRef, Reply } from '../../src/types.js';
import { DeliveryError } from '../../src/types.js';
import type { KeyValueStore } from '../../src/store/escalation-types.js';
import { HttpServer, type HttpMount } from '../../src/ops/http-server.js';
import type { TeamsConfig } from './config.js';
import { createCloudAdapter, toDeliveryError, type TeamsCloudAdapter } from './cloud.js';
import { createRequestListener } from './http.js';
import { CharteTeamsHandler } from './handler.js';
import { FeedbackIndex } from './feedback-index.js';
import { baseConversationId, CHANNEL, channelReference, referenceOf } from './mapping.js';
import { renderActivity } from './render.js';

/**
 * The Teams channel: the /api/messages endpoint, the turn handler, and proactive delivery
 * (escalation answers, reminders, notices updated in place) with `continueConversationAsync`.
 */

export interface TeamsAdapterOptions {
  config: TeamsConfig;
  logger: Logger;
  /** Durable store for team-channel references (ambassadors' rooms); in memory when absent. */
  kv?: KeyValueStore;
  now?: () => number;
  /**
   * The process's HTTP server (`charte-ia start`): the endpoint is mounted on it. Absent, the adapter
   * runs a server of its own on TEAMS_HOST:TEAMS_PORT (tests, benchmarks).
   */
  http?: HttpMount;
}

const CHANNEL_REFS = 'teams-channel-refs';

const referenceSchema = z
  .object({
    serviceUrl: z.string().regex(/^https?:\/\//i),
    conversation: z.object({ id: z.string().min(1) }).passthrough(),
    channelId: z.string().optional(),
  })
  .passthrough();

export class TeamsAdapter implements ChannelAdapter {
  readonly name = CHANNEL;
  readonly cloud: TeamsCloudAdapter;
  readonly feedback = new FeedbackIndex();
  private own?: HttpServer;
  private unmount?: () => void;
  private readonly channels = new Map<string, string>();
  private readonly serviceUrls = new Set<string>();

  constructor(private readonly opts: TeamsAdapterOptions) {
    this.cloud = createCloudAdapter(opts.config);
  }

  /** The turn handler alone (tests drive it with botbuilder's TestAdapter). */
  handler(bot: BotLike): CharteTeamsHandler {
    return new CharteTeamsHandler({
      bot,
      logger: this.opts.logger,
      feedback: this.feedback,
      onChannelActivity: (context) => this.rememberChannel(context.activity),
    });
  }

  async start(bot: BotLike): Promise<void> {
    const { config, logger } = this.opts;
    const handler = this.handler(bot);
    let http = this.opts.http;
    if (!http) {
      const own = new HttpServer({ host: config.host, port: config.port, maxBodyBytes: config.maxBodyBytes, logger, portSetting: 'TEAMS_PORT', portHint: ' or set TEAMS_ENABLED=false' });
      await own.listen();
      this.own = own;
      http = own;
    }
    const listener = createRequestListener({
      cloud: this.cloud,
      logic: (context) => {
        this.noteServiceUrl(context.activity.serviceUrl);
        return handler.run(context);
      },
      logger,
      localMode: !config.authenticated,
      maxBodyBytes: http.maxBodyBytes,
    });
    this.unmount = http.route('/api/messages', listener);
    if (config.authenticated) {
      logger.info({ appType: config.appType, ...this.own?.address() }, 'teams: endpoint ready on /api/messages (Bot Framework tokens required)');
    } else {
      logger.warn(
        { ...this.own?.address() },
        '⚠ TEAMS LOCAL MODE: no MicrosoftAppId/MicrosoftAppPassword — anonymous requests to /api/messages are accepted from THIS MACHINE ONLY (Agents Playground, tests). Configure the credentials before exposing this port.',
      );
    }
  }

  /** Where its own endpoint listens (after start, without a shared server; port 0 in tests picks a free one). */
  address(): { host: string; port: number } | undefined {
    return this.own?.address();
  }

  /** Unmounts the endpoint (new requests get 503 or 404); requests in progress finish on the server. */
  async stop(): Promise<void> {
    this.unmount?.();
    this.unmount = undefined;
    const own = this.own;
    this.own = undefined;
    await own?.close();
  }

  async send(ref: ConversationRef, reply: Reply): Promise<string | undefined> {
    const reference = await this.referenceFor(ref);
    let id: string | undefined;
    try {
      await this.cloud.continueConversationAsync(this.opts.config.appId ?? '', reference, async (context) => {
        const activity = this.addressed(renderActivity(reply), reference);
        const [sent] = await context.adapter.sendActivities(context, [activity]);
        id = sent?.id || undefined;
      });
    } catch (e) {
      this.opts.logger.warn({ channel: CHANNEL, status: (e as { statusCode?: number }).statusCode }, 'teams: proactive send failed');
      throw toDeliveryError(e, 'send');
    }
    if (id) this.feedback.remember(id, reply);
    return id;
  }

  /** Replaces an earlier message (escalation notices when a ticket is claimed or closed). */
  async update(ref: ConversationRef, messageId: string, reply: Reply): Promise<void> {
    const reference = await this.referenceFor(ref);
    try {
      await this.cloud.continueConversationAsync(this.opts.config.appId ?? '', reference, async (context) => {
        await context.adapter.updateActivity(context, this.addressed({ ...renderActivity(reply), id: messageId }, reference));
      });
    } catch (e) {
      throw toDeliveryError(e, 'update');
    }
  }

  /** A new message in the referenced conversation (not a reply to the message the reference was taken from). */
  private addressed(activity: Partial<Activity>, reference: Partial<ConversationReference>): Partial<Activity> {
    const a = TurnContext.applyConversationReference({ ...activity }, reference);
    delete a.replyToId;
    return a;
  }

  /** The saved reference, or for a team channel (ambassadors' room) one built from what the bot saw there. */
  private async referenceFor(ref: ConversationRef): Promise<Partial<ConversationReference>> {
    const saved = referenceSchema.safeParse(ref.data);
    if (saved.success) return saved.data as unknown as Partial<ConversationReference>;
    const base = baseConversationId(ref.conversationId);
    const known = this.channels.get(base) ?? (await this.opts.kv?.get(CHANNEL_REFS, base));
    if (known) return channelReference(JSON.parse(known) as Partial<ConversationReference>, ref.conversationId);
    const { serviceUrl, appId, tenantId } = this.opts.config;
    if (serviceUrl) {
      return {
        serviceUrl,
        channelId: 'msteams',
        bot: appId ? { id: `28:${appId}`, name: '' } : undefined,
        conversation: { id: ref.conversationId, isGroup: true, conversationType: 'channel', tenantId, name: '' },
      };
    }
    throw new DeliveryError(`Teams send failed: no reference for conversation ${ref.conversationId.slice(0, 60)} (mention the bot once in that channel, or set TEAMS_SERVICE_URL)`);
  }

  /** Logs each Bot Connector address once (operators copy it into TEAMS_SERVICE_URL if they need it). */
  private noteServiceUrl(url: string | undefined): void {
    if (!url || this.serviceUrls.has(url) || this.serviceUrls.size > 50) return;
    this.serviceUrls.add(url);
    this.opts.logger.info({ serviceUrl: url }, 'teams: activities received from this Bot Connector service URL');
  }

  /** Keeps where a team channel can be reached (without the user: no personal data). */
  private async rememberChannel(activity: Partial<Activity>): Promise<void> {
    const id = activity.conversation?.id;
    if (!id || !activity.serviceUrl) return;
    const base = baseConversationId(id);
    const { user: _user, activityId: _id, ...rest } = referenceOf(activity) as Partial<ConversationReference>;
    const value = JSON.stringify(channelReference(rest, base));
    if (this.channels.get(base) === value) return;
    this.channels.set(base, value);
    await this.opts.kv?.set(CHANNEL_REFS, base, value, (this.opts.now ?? Date.now)());
  }
}

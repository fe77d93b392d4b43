import type { Logger } from 'pino';
import type { BotLike, IncomingMessage, Reply } from '../types.js';
import type { Metrics } from '../metrics.js';
import { RateLimiter } from './rate-limit.js';

/**
 * The front door of the bot for the channels of `charte-ia start`: per-user rate limit and maximum
 * message size (each refused with a French answer, never silently truncated or dropped), metrics of
 * every turn, and the turns in flight, which a graceful shutdown waits for.
 */

export interface TurnLimits {
  /** Longer messages are refused with an explanation (the bot never reads a truncated question). */
  maxMessageChars: number;
  /** Per (channel, user): `messages` at once, refilled over `windowMs`; absent or 0: no limit. */
  rate?: { messages: number; windowMs: number };
}

export interface TurnGateOptions {
  bot: BotLike;
  metrics: Metrics;
  logger: Logger;
  /** Absent: nothing is refused (one-shot commands, tests). */
  limits?: TurnLimits;
  /** Messages the rate limit does not count (ambassadors' ticket commands). */
  exempt?: (message: IncomingMessage) => boolean;
  /** Monotonic milliseconds (tests pass a fake clock). */
  now?: () => number;
}

function inWords(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return seconds === 1 ? '1 seconde' : `${seconds} secondes`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

export function rateLimitedReply(retryAfterMs: number): Reply {
  return {
    text:
      'Vous m’avez envoyé beaucoup de messages en peu de temps : je n’ai pas traité celui-ci. ' +
      `Vous pourrez m’écrire de nouveau dans ${inWords(retryAfterMs)}. Merci de votre patience.`,
    meta: { escalate: false },
  };
}

export function tooLongReply(length: number, max: number): Reply {
  return {
    text:
      `Votre message est trop long (${length.toLocaleString('fr-FR')} caractères, ${max.toLocaleString('fr-FR')} au plus) : je ne l’ai pas traité. ` +
      'Posez votre question en quelques phrases ; pour un document, décrivez-le (sa nature, les données qu’il contient) plutôt que de le coller.',
    meta: { escalate: false },
  };
}

export class TurnGate implements BotLike {
  private readonly limiter?: RateLimiter;
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly opts: TurnGateOptions) {
    const rate = opts.limits?.rate;
    if (rate && rate.messages > 0) this.limiter = new RateLimiter(rate.messages, rate.windowMs, opts.now);
  }

  /** Turns being handled now. */
  get inFlight(): number {
    return this.pending.size;
  }

  handle(message: IncomingMessage): Promise<Reply[]> {
    const turn = this.gate(message);
    this.pending.add(turn);
    void turn.finally(() => this.pending.delete(turn)).catch(() => undefined);
    return turn;
  }

  /** Resolves true once no turn is in flight, false if some still are after `timeoutMs`. */
  async idle(timeoutMs: number): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    while (this.pending.size) {
      const left = deadline - performance.now();
      if (left <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...this.pending]), new Promise((r) => (timer = setTimeout(r, left)))]);
      clearTimeout(timer);
    }
    return true;
  }

  private async gate(message: IncomingMessage): Promise<Reply[]> {
    const { metrics, logger, limits } = this.opts;
    const channel = message.channel;
    if (this.limiter && !this.opts.exempt?.(message)) {
      const decision = this.limiter.take(`${channel}\u0000${message.user.id}`);
      if (!decision.ok) {
        metrics.refused(channel, 'rate_limited');
        logger.info({ channel, retryAfterMs: decision.retryAfterMs, answered: decision.first }, 'message refused: per-user rate limit');
        return decision.first ? [rateLimitedReply(decision.retryAfterMs)] : [];
      }
    }
    const length = typeof message.text === 'string' ? message.text.length : 0;
    if (limits && length > limits.maxMessageChars) {
      metrics.refused(channel, 'too_long');
      logger.info({ channel, chars: length, max: limits.maxMessageChars }, 'message refused: too long');
      return [tooLongReply(length, limits.maxMessageChars)];
    }
    const started = performance.now();
    const replies = await this.opts.bot.handle(message);
    const metas = replies.map((r) => r.meta ?? {});
    metrics.turn({
      channel,
      intent: metas.find((m) => m.intent)?.intent ?? 'other',
      verdict: metas.find((m) => m.verdict)?.verdict ?? undefined,
      seconds: (performance.now() - started) / 1000,
    });
    return replies;
  }
}

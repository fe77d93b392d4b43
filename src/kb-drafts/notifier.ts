import type { Logger } from 'pino';
import type { Outbox } from '../channels.js';
import type { ConversationRefStore } from '../store/escalation-types.js';
import { formatProblem } from '../knowledge/loader.js';
import type { ReloadOutcome } from '../knowledge/snapshot.js';
import type { Reply } from '../types.js';
import type { KbAdmins } from './admins.js';

/**
 * Tells the DTNUM admins, in French and proactively, when a knowledge reload is refused, once per
 * distinct failure (not once per file event: unsettled refusals, an editor still saving, are not
 * sent), and once when a later reload succeeds again.
 */

const MAX_LISTED = 8;

export function refusedNotice(o: ReloadOutcome): Reply {
  const listed = o.problems.slice(0, MAX_LISTED).map((p) => `- ${formatProblem(p)}`);
  const more = o.problems.length - listed.length;
  return {
    text: [
      `⚠️ **Modification de la base de connaissances refusée** : le bot continue de répondre avec la version précédente (${o.entries} entrées).`,
      '',
      `${o.problems.length} problème(s) à corriger (fichier, ligne, champ, puis le détail technique en anglais) :`,
      ...listed,
      ...(more > 0 ? [`- … et ${more} autre(s) : « charte-ia kb check » les liste tous.`] : []),
      '',
      'Corrigez le fichier et enregistrez-le : le bot recharge tout seul et vous confirme le retour à la normale.',
    ].join('\n'),
    meta: { escalate: false },
  };
}

export function recoveredNotice(o: ReloadOutcome): Reply {
  return { text: `✅ **Base de connaissances rechargée** : le problème signalé est corrigé, ${o.entries} entrées sont en service.`, meta: { escalate: false } };
}

export class ReloadNotifier {
  private notified?: string;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly d: { admins: KbAdmins; refs: ConversationRefStore; outbox: Outbox; logger: Logger },
  ) {}

  /** For LiveKnowledge.onReload; messages go out in order. */
  readonly listener = (o: ReloadOutcome): void => {
    this.queue = this.queue.then(() => this.handle(o)).catch((e: Error) => this.d.logger.error({ err: e.message }, 'reload notice failed'));
  };

  /** Resolves when every notice queued so far has been sent (tests, shutdown). */
  idle(): Promise<void> {
    return this.queue;
  }

  async handle(o: ReloadOutcome): Promise<void> {
    if (o.ok) {
      if (this.notified === undefined) return;
      this.notified = undefined;
      await this.send(recoveredNotice(o), 'recovered');
      return;
    }
    if (!o.settled || o.signature === this.notified) return;
    this.notified = o.signature;
    await this.send(refusedNotice(o), 'refused');
  }

  private async send(reply: Reply, kind: string): Promise<void> {
    const refs = await this.d.admins.refs(this.d.refs, (c) => this.d.outbox.has(c));
    let sent = 0;
    for (const ref of refs) {
      try {
        await this.d.outbox.send(ref, { ...reply });
        sent++;
      } catch (e) {
        this.d.logger.warn({ channel: ref.channel, err: (e as Error).message }, 'knowledge reload notice not delivered');
      }
    }
    if (!sent) this.d.logger.warn({ admins: this.d.admins.list.length, kind }, 'no DTNUM admin could be told about the knowledge reload (set KB_ADMINS; Teams admins must have written to the bot once)');
    else this.d.logger.info({ admins: sent, kind }, 'DTNUM admins told about the knowledge reload');
  }
}

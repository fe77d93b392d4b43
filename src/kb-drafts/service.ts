import { join } from 'node:path';
import type { Logger } from 'pino';
import type { LiveKnowledge } from '../knowledge/snapshot.js';
import type { Stores } from '../store/escalation-types.js';
import type { KbAdmins } from './admins.js';
import { DraftBox, type DraftView } from './drafts.js';
import type { DraftEdit } from './draft-text.js';
import { publishDraft, type Published } from './publish.js';

/**
 * From answer to FAQ: drafts written when an ambassador closes a ticket with « faq », and what the
 * DTNUM admins do with them from chat (list, show, edit, publish, reject).
 */

export interface TicketAnswer {
  ticket: number;
  question: string;
  answers: string[];
  ambassador: { id: string; name: string };
  at: number;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** Legacy database drafts already written as files (kv namespace, key = ticket number). */
export const DRAFT_FILES_WRITTEN = 'faq-draft-files';

export class FaqDrafts {
  readonly box: DraftBox;

  constructor(
    private readonly d: { dir: string; knowledge: LiveKnowledge; admins: KbAdmins; now: () => number; logger: Logger },
  ) {
    this.box = new DraftBox(d.dir, join(d.knowledge.dir, 'faq'));
  }

  isAdmin(channel: string, userId: string): boolean {
    return this.d.admins.isAdmin(channel, userId);
  }

  /** Writes the draft of a closed ticket (never throws: the ticket is closed whatever happens). */
  propose(t: TicketAnswer): DraftView | undefined {
    try {
      const draft = this.box.propose({ ticket: t.ticket, question: t.question, answers: t.answers, ambassador: t.ambassador, date: day(t.at) });
      this.d.logger.info({ ticket: t.ticket, draft: draft.id }, 'FAQ draft written');
      return draft;
    } catch (e) {
      this.d.logger.error({ ticket: t.ticket, dir: this.d.dir, err: (e as Error).message }, 'FAQ draft file not written (kept in the database; written at next start-up)');
      return undefined;
    }
  }

  /**
   * Drafts recorded in the database and not yet written as files (created before drafts were files,
   * or when the folder was not writable) are written once; the kv mark keeps a rejected draft from
   * coming back. Returns how many were written.
   */
  async exportFromDatabase(stores: Stores): Promise<number> {
    let written = 0;
    for (const row of await stores.drafts.list()) {
      const key = String(row.ticketId);
      if (await stores.kv.get(DRAFT_FILES_WRITTEN, key)) continue;
      const existing = this.box.ofTicket(row.ticketId);
      const draft =
        existing ??
        this.propose({ ticket: row.ticketId, question: row.question, answers: [row.answer], ambassador: { id: 'inconnu', name: 'ambassadeur non enregistré' }, at: row.at });
      if (!draft) break;
      await stores.kv.set(DRAFT_FILES_WRITTEN, key, draft.id, this.d.now());
      if (!existing) written++;
    }
    if (written) this.d.logger.info({ written }, 'FAQ drafts of the database written as files');
    return written;
  }

  /** Marks a ticket's draft as written as a file (so that the start-up export skips it). */
  async markWritten(stores: Stores, ticket: number, id: string): Promise<void> {
    await stores.kv.set(DRAFT_FILES_WRITTEN, String(ticket), id, this.d.now());
  }

  list(): DraftView[] {
    return this.box.list();
  }

  show(ref: string): DraftView {
    return this.box.get(ref);
  }

  edit(ref: string, edit: DraftEdit): DraftView {
    return this.box.edit(ref, [edit]);
  }

  publish(ref: string): Published {
    const p = publishDraft(this.box, this.d.knowledge, ref, day(this.d.now()));
    this.d.logger.info({ draft: p.id, entries: p.entries }, 'FAQ draft published');
    return p;
  }

  reject(ref: string): DraftView {
    const d = this.box.reject(ref);
    this.d.logger.info({ draft: d.id }, 'FAQ draft rejected (archived)');
    return d;
  }
}

import { join } from 'node:path';
import type { Stores } from './store/escalation-types.js';
import { DraftBox, missing } from './kb-drafts/drafts.js';
import { DRAFT_FILES_WRITTEN } from './kb-drafts/service.js';

/**
 * What DTNUM reads to improve the knowledge: the FAQ drafts proposed by ambassadors and the
 * questions the bot could not answer. Redacted text only.
 */

/**
 * `charte-ia kb drafts`: the FAQ draft files waiting for DTNUM (id, ticket, date, question, what is
 * missing), and the proposals the database holds that are not files yet (recorded before drafts
 * were files, or while the folder was not writable: the bot writes them at its next start).
 */
export async function draftsReport(opts: { draftsDir: string; knowledgeDir: string; stores?: Pick<Stores, 'drafts' | 'kv'> }): Promise<string> {
  const box = new DraftBox(opts.draftsDir, join(opts.knowledgeDir, 'faq'));
  const drafts = box.list();
  const lines: string[] = [];
  if (!drafts.length) lines.push(`Aucun brouillon de FAQ dans ${opts.draftsDir}.`);
  else lines.push(`${drafts.length} brouillon(s) de FAQ dans ${opts.draftsDir} :`);
  for (const d of drafts) {
    const p = d.provenance;
    const origin = p.ticket ? `demande #${p.ticket}${p.proposed ? ` du ${p.proposed}` : ''}${p.ambassadorName ? `, ${p.ambassadorName}` : ''}` : 'rédigé à la main';
    const todo = missing(d);
    lines.push(`- ${d.id}.md  (${origin})`, `    « ${(d.questions[0] ?? d.title).replace(/\s+/g, ' ').slice(0, 160)} »`, `    ${d.problem ? `illisible : ${d.problem}` : todo.length ? `à compléter : ${todo.join(', ')}` : 'prêt à publier'}`);
  }
  if (drafts.length) lines.push('', 'Publier : compléter le fichier (sources !) puis « faq publier ID » dans le chat, ou déplacer le fichier dans faq/.');
  if (opts.stores) {
    const { drafts, kv } = opts.stores;
    const pending: number[] = [];
    for (const row of await drafts.list()) if (!(await kv.get(DRAFT_FILES_WRITTEN, String(row.ticketId)))) pending.push(row.ticketId);
    if (pending.length) {
      lines.push('', `${pending.length} proposition(s) enregistrée(s) en base sans fichier (demandes ${pending.map((n) => `#${n}`).join(', ')}) : le bot les écrit dans le dossier des brouillons à son prochain démarrage.`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The questions the bot could not answer confidently, newest first. */
export async function unansweredReport(stores: Pick<Stores, 'unanswered'>, limit = 100): Promise<string> {
  const rows = await stores.unanswered.list(limit);
  if (!rows.length) return 'Aucune question sans réponse enregistrée.\n';
  return `${rows.map((r) => `${new Date(r.at).toISOString().slice(0, 10)}  ${r.confidence.toFixed(2)}  ${r.question.replace(/\s+/g, ' ')}`).join('\n')}\n`;
}

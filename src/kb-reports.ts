import type { Stores } from './store/escalation-types.js';
import { fold } from './text.js';

/**
 * What DTNUM reads from the database to improve the knowledge: answers ambassadors proposed for the
 * FAQ (as ready-to-edit Markdown entries) and the questions the bot could not answer. Redacted text only.
 */

function slug(text: string, id: number): string {
  const base = fold(text)
    .replace(/\[[^\]]{0,40}\]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .split('-')
    .slice(0, 6)
    .join('-');
  return `brouillon-${id}${base ? `-${base}` : ''}`;
}

const yamlString = (s: string) => JSON.stringify(s.replace(/\s+/g, ' ').trim());

/** FAQ drafts as Markdown files to review, complete (sources!) and copy into knowledge/faq/. */
export async function draftsReport(stores: Pick<Stores, 'drafts'>, today: string): Promise<string> {
  const drafts = await stores.drafts.list();
  if (!drafts.length) return 'Aucun brouillon de FAQ proposé par les ambassadeurs.\n';
  return drafts
    .map((d) =>
      [
        `<!-- Demande #${d.ticketId} — à relire : vérifier la réponse, nommer la source, puis enregistrer sous knowledge/faq/${slug(d.question, d.ticketId)}.md -->`,
        '---',
        `id: ${slug(d.question, d.ticketId)}`,
        `title: ${yamlString(d.question.slice(0, 150))}`,
        'questions:',
        `  - ${yamlString(d.question.slice(0, 300))}`,
        'tags: [brouillon]',
        'sources:',
        '  - doc: ambassadeurs',
        '    label: "À COMPLÉTER : source de la réponse (circulaire, texte juridique…)"',
        `updated: ${today}`,
        '---',
        d.answer,
        '',
      ].join('\n'),
    )
    .join('\n');
}

/** The questions the bot could not answer confidently, newest first. */
export async function unansweredReport(stores: Pick<Stores, 'unanswered'>, limit = 100): Promise<string> {
  const rows = await stores.unanswered.list(limit);
  if (!rows.length) return 'Aucune question sans réponse enregistrée.\n';
  return `${rows.map((r) => `${new Date(r.at).toISOString().slice(0, 10)}  ${r.confidence.toFixed(2)}  ${r.question.replace(/\s+/g, ' ')}`).join('\n')}\n`;
}

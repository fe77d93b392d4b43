import { existsSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { parseFaqFile, type KbProblem } from '../knowledge/loader.js';
import { checkKnowledge, type LiveKnowledge } from '../knowledge/snapshot.js';
import { applyEdit, dropDraftHeader, joinDraft, listField, splitDraft } from './draft-text.js';
import { createAtomic, readText } from './files.js';
import { DraftBox, DraftRefusal } from './drafts.js';
import { SOURCE_SYNTAX } from './commands.js';

/**
 * `faq publier ID`: the draft is checked as a real entry together with the current knowledge; only
 * then is it written into faq/ (atomically, never over an existing file), removed from the drafts
 * and the knowledge reloaded. On any problem nothing changes and the admin reads, in French, what
 * to fix and where.
 */

/** A source that is an ambassador's answer is not a source: the bot would cite it as one. */
const NOT_A_SOURCE = /ambassad|brouillon|a completer|à compléter|todo/i;

/** One knowledge problem in French, for the admin (the file and field stay as they are). */
export function frenchProblem(p: KbProblem, id: string): string {
  const m = p.message;
  const f = p.field ?? '';
  if (f === 'sources') return `il manque une source : ${SOURCE_SYNTAX.replace('ID', id)}`;
  if (/^sources\./.test(f)) return `une source est incomplète (${f}) : chaque source a un « doc » et un libellé d’au moins 3 caractères`;
  if (f === 'title') return `le titre est trop court ou absent : « faq modifier ${id} titre Votre question ? »`;
  if (/^questions/.test(f)) return `une formulation de question est trop courte ou absente : « faq modifier ${id} question Une autre façon de demander ? »`;
  if (f === 'id' && /duplicate/.test(m)) return `l’identifiant « ${id} » existe déjà dans la FAQ : « faq modifier ${id} id un-autre-identifiant »`;
  if (f === 'id') return `l’identifiant est invalide : « faq modifier ${id} id identifiant-en-minuscules »`;
  if (f === 'related') return `une entrée liée (related) n’existe pas : corrigez la liste « related » dans le fichier ${id}.md`;
  if (f === 'concepts') return `un concept n’existe pas dans concepts.yaml : corrigez la liste « concepts » dans le fichier ${id}.md`;
  if (f === 'updated') return 'la date « updated » doit s’écrire AAAA-MM-JJ';
  if (/answer .*is empty/.test(m)) return `la réponse est vide : « faq modifier ${id} réponse Votre texte »`;
  if (/invalid YAML|front matter/.test(m)) return `l’en-tête du fichier ${id}.md est mal formé (${m})`;
  if (/unknown field/.test(m)) return `champ inconnu dans l’en-tête (${f}) : seuls id, title, questions, tags, concepts, sources, related et updated sont permis`;
  return `${p.file}${f ? ` [${f}]` : ''} : ${m}`;
}

function refuse(id: string, lines: string[]): never {
  throw new DraftRefusal([`Le brouillon « ${id} » n’est pas publié (rien n’a été modifié) :`, ...lines.map((l) => `- ${l}`)].join('\n'));
}

export interface Published {
  id: string;
  title: string;
  file: string;
  entries: number;
  /** Problems of the reload that followed (another file edited meanwhile), in English. */
  reloadProblems: KbProblem[];
}

export function publishDraft(box: DraftBox, knowledge: LiveKnowledge, ref: string, today: string): Published {
  const d = box.get(ref);
  if (d.problem || !d.parts) refuse(d.id, [`le fichier ${d.id}.md est illisible : ${d.problem ?? 'en-tête absent'}`]);
  const own: string[] = [];
  const sources = listField(d.parts, 'sources') as { get?: (k: string) => unknown }[];
  if (!sources.length) own.push(`il manque la source de la réponse (la réponse d’un ambassadeur n’en est pas une) : ${SOURCE_SYNTAX.replace('ID', d.id)}`);
  for (const s of sources) {
    const text = [s.get?.('doc'), s.get?.('label')].filter((v) => typeof v === 'string').join(' ');
    if (NOT_A_SOURCE.test(text)) own.push(`la source « ${text.slice(0, 100)} » n’est pas un document : nommez le texte sur lequel la réponse s’appuie (circulaire, RGPD…)`);
  }
  if (!d.body.trim()) own.push(`la réponse est vide : « faq modifier ${d.id} réponse Votre texte »`);
  if (own.length) refuse(d.id, own);

  const parts = splitDraft(readText(d.path) ?? '');
  if (typeof parts === 'string') refuse(d.id, [parts]);
  dropDraftHeader(parts);
  applyEdit(parts, { kind: 'updated', value: today });
  const text = joinDraft(parts);
  const rel = join('faq', `${d.id}.md`);
  const parsed = parseFaqFile(rel, text);
  if (!parsed.entry) refuse(d.id, parsed.problems.map((p) => frenchProblem(p, d.id)));
  const target = join(knowledge.dir, rel);
  if (existsSync(target)) refuse(d.id, [`une entrée faq/${d.id}.md existe déjà : « faq modifier ${d.id} id un-autre-identifiant »`]);

  const { problems } = checkKnowledge(knowledge.dir, knowledge.directoryFile, [{ entry: parsed.entry }]);
  if (problems.length) {
    const mine = problems.filter((p) => p.file === rel);
    const others = problems.filter((p) => p.file !== rel);
    refuse(d.id, [
      ...mine.map((p) => frenchProblem(p, d.id)),
      ...(others.length ? [`la base actuelle a déjà ${others.length} problème(s), à corriger d’abord (« charte-ia kb check ») : ${others.slice(0, 3).map((p) => `${p.file} — ${p.message}`).join(' ; ')}`] : []),
    ]);
  }
  try {
    createAtomic(target, text);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') refuse(d.id, [`une entrée faq/${d.id}.md vient d’être créée par quelqu’un d’autre : « faq modifier ${d.id} id un-autre-identifiant »`]);
    throw e;
  }
  try {
    unlinkSync(d.path);
  } catch {
    // Published all the same; the leftover draft is listed and can be rejected.
  }
  const reloadProblems = knowledge.reload();
  return { id: d.id, title: parsed.entry.title, file: rel, entries: knowledge.current().entries.length, reloadProblems };
}

import { existsSync, mkdirSync, renameSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { encodingProblem } from '../knowledge/encoding.js';
import { applyEdit, field, listField, provenanceOf, renderDraft, slugOf, splitDraft, joinDraft, type DraftEdit, type DraftInput, type DraftParts, type DraftProvenance } from './draft-text.js';
import { createAtomic, markdownFiles, readText, writeAtomic } from './files.js';

/**
 * FAQ drafts as files in the drafts folder (default knowledge/drafts/), one Markdown entry each.
 * The bot never serves them: the loader reads faq/ only, the watcher ignores this folder. DTNUM
 * edits them in chat (`faq modifier`) or in any editor, then publishes them into faq/.
 */

/** A refusal shown to the admin as is (French). */
export class DraftRefusal extends Error {}

export interface DraftView {
  id: string;
  path: string;
  title: string;
  questions: string[];
  sources: number;
  body: string;
  provenance: DraftProvenance;
  /** Why the file cannot be read as a draft (French), when it cannot. */
  problem?: string;
  parts?: DraftParts;
}

export const ARCHIVE_FOLDER = 'rejetes';
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export class DraftBox {
  constructor(
    readonly dir: string,
    readonly faqDir: string,
  ) {}

  list(): DraftView[] {
    return markdownFiles(this.dir)
      .map((f) => this.read(f.slice(0, -3)))
      .filter((d): d is DraftView => !!d)
      .sort((a, b) => (a.provenance.proposed ?? '').localeCompare(b.provenance.proposed ?? '') || a.id.localeCompare(b.id));
  }

  /** A draft by its id (file name) or by its ticket number (« 12 », « #12 »). */
  find(ref: string): DraftView | undefined {
    const r = ref.trim().replace(/\.md$/, '');
    const n = /^#?(\d{1,9})$/.exec(r);
    if (n) return this.list().find((d) => d.provenance.ticket === Number(n[1])) ?? this.read(r);
    return ID.test(r) ? this.read(r) : undefined;
  }

  get(ref: string): DraftView {
    const d = this.find(ref);
    if (!d) throw new DraftRefusal(`Je ne trouve pas de brouillon « ${ref.slice(0, 80)} ». « faq brouillons » les liste avec leur identifiant.`);
    return d;
  }

  private read(id: string): DraftView | undefined {
    const path = join(this.dir, `${id}.md`);
    const text = readText(path);
    if (text === undefined) return undefined;
    const bad = encodingProblem(path, `${id}.md`);
    const empty = { id, path, title: '', questions: [], sources: 0, body: '', provenance: {} };
    if (bad) return { ...empty, problem: 'le fichier n’est pas enregistré en UTF-8 (ré-enregistrez-le en UTF-8 dans votre éditeur)' };
    const parts = splitDraft(text);
    if (typeof parts === 'string') return { ...empty, problem: parts };
    if (parts.errors.length) return { ...empty, provenance: provenanceOf(parts), problem: parts.errors.join(' ; '), parts };
    return {
      id,
      path,
      title: field(parts, 'title'),
      questions: listField(parts, 'questions').filter((q): q is string => typeof q === 'string'),
      sources: listField(parts, 'sources').length,
      body: parts.body,
      provenance: provenanceOf(parts),
      parts,
    };
  }

  /** The draft of a ticket, if one was written (also among rejected drafts). */
  ofTicket(ticket: number): DraftView | undefined {
    return this.list().find((d) => d.provenance.ticket === ticket);
  }

  private taken(id: string): boolean {
    return existsSync(join(this.dir, `${id}.md`)) || existsSync(join(this.faqDir, `${id}.md`));
  }

  /** Writes a new draft for a closed ticket; returns it (the existing one if this ticket has one). */
  propose(input: Omit<DraftInput, 'id'>): DraftView {
    const existing = this.ofTicket(input.ticket);
    if (existing) return existing;
    const base = slugOf(input.question) || `question-demande-${input.ticket}`;
    let id = base;
    for (let n = 2; this.taken(id); n++) id = `${base}-${n}`;
    createAtomic(join(this.dir, `${id}.md`), renderDraft({ ...input, id }));
    return this.read(id)!;
  }

  /** Applies edits and rewrites the file atomically (renamed when the id changes). */
  edit(ref: string, edits: DraftEdit[]): DraftView {
    const d = this.get(ref);
    if (!d.parts || d.problem) throw new DraftRefusal(`Le brouillon « ${d.id} » ne peut pas être modifié depuis la discussion : ${d.problem ?? 'fichier illisible'}. Corrigez le fichier ${d.id}.md dans le dossier des brouillons.`);
    let newId: string | undefined;
    for (const e of edits) {
      if (e.kind === 'id') {
        if (!ID.test(e.value)) throw new DraftRefusal(`« ${e.value.slice(0, 80)} » n’est pas un identifiant valide : lettres minuscules sans accents, chiffres et tirets (ex. « budget-ia-2027 »).`);
        if (e.value !== d.id && this.taken(e.value)) throw new DraftRefusal(`L’identifiant « ${e.value} » est déjà pris (par une entrée publiée ou un autre brouillon) : choisissez-en un autre.`);
        newId = e.value;
      }
      applyEdit(d.parts, e);
    }
    const text = joinDraft(d.parts);
    if (newId && newId !== d.id) {
      createAtomic(join(this.dir, `${newId}.md`), text);
      unlinkSync(d.path);
      return this.read(newId)!;
    }
    writeAtomic(d.path, text);
    return this.read(d.id)!;
  }

  /** Moves a draft to the archive of rejected drafts (kept for the record, never served). */
  reject(ref: string): DraftView {
    const d = this.get(ref);
    const archive = join(this.dir, ARCHIVE_FOLDER);
    let name = `${d.id}.md`;
    for (let n = 2; existsSync(join(archive, name)); n++) name = `${d.id}-${n}.md`;
    mkdirSync(archive, { recursive: true });
    renameSync(d.path, join(archive, name));
    return d;
  }
}

/** What a draft still lacks before it can be published (French words). */
export function missing(d: DraftView): string[] {
  if (d.problem) return ['un fichier lisible'];
  const out: string[] = [];
  if (d.sources === 0) out.push('une source');
  if (!d.body.trim()) out.push('la réponse');
  if (d.title.trim().length < 5) out.push('un titre');
  if (!d.questions.length) out.push('une formulation de question');
  return out;
}

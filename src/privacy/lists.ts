import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { normalizeWord } from './text.js';

/** Data files of the privacy shield, relative to the knowledge directory. */
export const FIRST_NAMES_FILE = 'privacy/first-names.txt';
export const PUBLIC_OFFICIALS_FILE = 'privacy/public-officials.txt';

/** The knowledge directory shipped with the project (used when no directory is given). */
export const DEFAULT_KNOWLEDGE_DIR = fileURLToPath(new URL('../../knowledge/', import.meta.url));

const firstNameLine = z
  .string()
  .min(2, 'prénom trop court (2 lettres au moins)')
  .max(40, 'prénom trop long (40 caractères au plus)')
  .regex(/^[\p{L}]+(?:[-'’ ][\p{L}]+)*$/u, 'seules les lettres, les traits d’union et les apostrophes sont permis');

const officialLine = z
  .string()
  .min(3, 'nom trop court')
  .max(80, 'nom trop long (80 caractères au plus)')
  .regex(/^[\p{L}]+(?:[-'’. ]{1,2}[\p{L}]+)+$/u, 'attendu « Prénom Nom » (lettres, espaces, traits d’union)');

const firstNamesSchema = z.array(firstNameLine).min(100, 'la liste doit contenir au moins 100 prénoms');
const officialsSchema = z.array(officialLine);

export class PrivacyDataError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`Fichier de données du bouclier de confidentialité invalide : ${file} — ${message}`);
    this.name = 'PrivacyDataError';
  }
}

interface Line {
  text: string;
  lineNo: number;
}

/** Non-empty, non-comment lines with their 1-based numbers. */
function readLines(file: string): Line[] {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'fichier introuvable' : String(err);
    throw new PrivacyDataError(file, reason);
  }
  const lines: Line[] = [];
  raw.split(/\r?\n/).forEach((l, idx) => {
    const text = l.trim();
    if (text !== '' && !text.startsWith('#')) lines.push({ text, lineNo: idx + 1 });
  });
  return lines;
}

function validate<T>(file: string, lines: Line[], schema: z.ZodType<T>): T {
  const result = schema.safeParse(lines.map((l) => l.text));
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const index = typeof issue?.path[0] === 'number' ? issue.path[0] : undefined;
  const where = index !== undefined ? `ligne ${lines[index]?.lineNo ?? '?'} (« ${lines[index]?.text ?? ''} ») : ` : '';
  throw new PrivacyDataError(file, `${where}${issue?.message ?? 'contenu invalide'}`);
}

/** Resolves a data file: `<dir>/privacy/<name>`, or `<dir>/<name>` when given the privacy folder itself. */
export function resolveDataFile(knowledgeDir: string, relative: string): string {
  const nested = join(knowledgeDir, relative);
  if (existsSync(nested)) return nested;
  const flat = join(knowledgeDir, relative.replace(/^privacy\//, ''));
  return existsSync(flat) ? flat : nested;
}

/** Reads and validates the first-name list; returns normalised names. */
export function loadFirstNames(file: string): Set<string> {
  const names = validate(file, readLines(file), firstNamesSchema);
  return new Set(names.map(normalizeWord));
}

/** Reads and validates the public-officials allow-list. */
export function loadPublicOfficials(file: string): string[] {
  return validate(file, readLines(file), officialsSchema);
}

export interface PrivacyLists {
  firstNames: Set<string>;
  publicOfficials: string[];
}

export function loadPrivacyLists(knowledgeDir: string): PrivacyLists {
  return {
    firstNames: loadFirstNames(resolveDataFile(knowledgeDir, FIRST_NAMES_FILE)),
    publicOfficials: loadPublicOfficials(resolveDataFile(knowledgeDir, PUBLIC_OFFICIALS_FILE)),
  };
}

let defaults: PrivacyLists | undefined;

/** Lists shipped in the project's knowledge directory, read once. */
export function defaultPrivacyLists(): PrivacyLists {
  defaults ??= loadPrivacyLists(DEFAULT_KNOWLEDGE_DIR);
  return defaults;
}

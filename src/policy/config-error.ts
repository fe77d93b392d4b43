/**
 * Errors raised while loading knowledge/tools.yaml or knowledge/data-lexicon.yaml. Messages are
 * in French (DTNUM edits these files) and name the file, the item (index and id) and the field.
 */
import type { ZodErrorMap, ZodIssue } from 'zod';

export class PolicyConfigError extends Error {
  readonly file: string;
  readonly problems: string[];

  constructor(file: string, problems: string[]) {
    super(`${file} : ${problems.length > 1 ? `${problems.length} erreurs\n- ` : ''}${problems.join('\n- ')}`);
    this.name = 'PolicyConfigError';
    this.file = file;
    this.problems = problems;
  }
}

/**
 * Describe a zod issue path as "tools[3] (id « claude »), champ aliases[2]".
 * `listKey` is the top-level array whose items carry an `id` (e.g. "tools", "entries").
 */
export function describeIssue(issue: ZodIssue, raw: unknown, listKeys: readonly string[]): string {
  const path = issue.path;
  const head = path[0];
  if (typeof head === 'string' && listKeys.includes(head) && typeof path[1] === 'number') {
    const index = path[1];
    const item = (raw as Record<string, unknown[]> | null)?.[head]?.[index];
    const id = item && typeof item === 'object' && 'id' in item ? String((item as { id: unknown }).id) : undefined;
    const field = formatPath(path.slice(2));
    return `${head}[${index}]${id ? ` (id « ${id} »)` : ''}${field ? `, champ ${field}` : ''} : ${issue.message}`;
  }
  const field = formatPath(path);
  return `${field ? `champ ${field}` : 'document'} : ${issue.message}`;
}

function formatPath(path: (string | number)[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out;
}

/** French messages for the zod issues an editor is likely to cause (passed to safeParse). */
export const frenchErrorMap: ZodErrorMap = (issue, ctx) => {
  switch (issue.code) {
    case 'invalid_type':
      return { message: issue.received === 'undefined' ? 'champ obligatoire manquant' : `type attendu : ${issue.expected}, reçu : ${issue.received}` };
    case 'invalid_enum_value':
      return { message: `valeur « ${String(issue.received)} » invalide ; valeurs admises : ${issue.options.join(', ')}` };
    case 'too_small':
      return { message: issue.type === 'array' ? `au moins ${String(issue.minimum)} élément(s) attendu(s)` : 'valeur vide ou trop courte' };
    case 'unrecognized_keys':
      return { message: `champ(s) inconnu(s) : ${issue.keys.join(', ')}` };
    case 'invalid_string':
      return { message: 'format invalide' };
    default:
      return { message: ctx.defaultError };
  }
};

import { formatProblem, type KbProblem } from '../knowledge/loader.js';

/**
 * One result of `kb check`: a problem of a knowledge file with its severity. An error makes the
 * knowledge unloadable (the bot refuses it); a warning is worth fixing but the bot runs; a note is
 * a hint.
 */
export type Severity = 'error' | 'warning' | 'note';

export interface Finding extends KbProblem {
  severity: Severity;
  /** Short machine name of the check that found it (e.g. "confusable", "stale"). */
  check: string;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, note: 2 };

export function finding(severity: Severity, check: string, p: KbProblem): Finding {
  return { severity, check, ...p };
}

/** Errors first, then by file and line, so that one file's problems read together. */
export function sortFindings(list: Finding[]): Finding[] {
  return [...list].sort(
    (a, b) => RANK[a.severity] - RANK[b.severity] || a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0),
  );
}

/** `error    faq/x.md:3 [field]: message (fix: …)`: one line per problem. */
export function formatFinding(f: Finding): string {
  return `${f.severity.padEnd(7)} ${formatProblem(f)}`;
}

export function countBySeverity(list: readonly Finding[]): Record<Severity, number> {
  const out: Record<Severity, number> = { error: 0, warning: 0, note: 0 };
  for (const f of list) out[f.severity]++;
  return out;
}

import type { KbSource } from '../knowledge/types.js';

/**
 * A source written on one line, for flags and spreadsheet cells:
 * `circulaire | § 2 | Circulaire de diffusion de la charte, § 2` (doc | section | label), or
 * `doc | label` when there is no section.
 */
export function formatSource(s: KbSource): string {
  return s.section ? `${s.doc} | ${s.section} | ${s.label}` : `${s.doc} | ${s.label}`;
}

export function parseSource(text: string): KbSource | string {
  const parts = text.split('|').map((p) => p.trim());
  if (parts.length < 2 || !parts[0]) return `source « ${text.trim()} » must read "doc | section | label" (e.g. "circulaire | § 2 | Circulaire de diffusion de la charte, § 2") or "doc | label"`;
  const [doc, ...rest] = parts as [string, ...string[]];
  const section = rest.length >= 2 ? rest[0] : undefined;
  const label = (rest.length >= 2 ? rest.slice(1) : rest).join(' | ');
  if (!label) return `source « ${text.trim()} » has no label (the citation shown to users)`;
  return section ? { doc, section, label } : { doc, label };
}

import type { Choice, Reply, SourceRef } from './types.js';
import type { KbEntry } from './knowledge/types.js';

/** Shared pieces of replies, so every dialog words them the same way. */

/** The hand-off button; `trigger` tells the ticket why the agent asked for a human. */
export function askAmbassador(trigger: 'explicit' | 'low_confidence' | 'contested' | 'tool_case' | 'out_of_scope' = 'explicit'): Choice {
  return {
    label: 'Poser la question à un ambassadeur',
    value: 'Poser la question à un ambassadeur',
    action: { type: 'escalate', data: { trigger } },
  };
}

export function entrySources(entry: KbEntry): SourceRef[] {
  return entry.sources.map((s) => ({ id: entry.id, title: entry.title, citation: s.label }));
}

export function sourceLine(sources: SourceRef[]): string {
  const labels = [...new Set(sources.map((s) => s.citation ?? s.title))];
  return labels.length ? `Source : ${labels.join(' ; ')}` : '';
}

/** A follow-up suggestion pointing straight at another entry. */
export function entryChoice(entry: KbEntry): Choice {
  return { label: entry.title, value: entry.title, action: { type: 'kb.show', value: entry.id } };
}

/** Strips Markdown emphasis and links for plain-text fallbacks. */
export function plain(markdown: string): string {
  return markdown
    .replace(/\*\*([^*\n]{1,2000})\*\*/g, '$1')
    .replace(/(^|\W)_([^_\n]{1,2000})_(?=\W|$)/g, '$1$2')
    .replace(/\[([^\][\n]{1,300})\]\(([^()\s]{1,500})\)/g, '$1 ($2)');
}

/** Fallback text of a reply with numbered choices, for channels without buttons. */
export function textWithChoices(reply: Reply): string {
  const lines = [plain(reply.text)];
  if (reply.choices?.length) {
    lines.push('', ...reply.choices.map((c, i) => `${i + 1}. ${c.label}`));
  }
  return lines.join('\n');
}

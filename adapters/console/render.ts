import type { Choice, Reply } from '../../src/types.js';
import { plain } from '../../src/replies.js';

/** Plain-text rendering for terminals: text, card facts and sources, numbered choices. */
export function renderPlain(reply: Reply): { text: string; choices: Choice[] } {
  const choices = [...(reply.choices ?? []), ...(reply.card?.actions ?? [])];
  const lines: string[] = [];
  if (reply.card?.title) lines.push(`【 ${reply.card.title} 】`);
  lines.push(plain(reply.text));
  for (const f of reply.card?.facts ?? []) lines.push(`  • ${f.label} : ${f.value}`);
  if (choices.length) {
    lines.push('');
    choices.forEach((c, i) => lines.push(`  ${i + 1}. ${c.label}`));
  }
  return { text: lines.join('\n'), choices };
}

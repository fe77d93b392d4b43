/**
 * The core's Markdown subset (paragraphs, **bold**, _italic_, lists, > quotes, links, # headings)
 * turned into Adaptive Card elements that render the same in every Teams client: one TextBlock per
 * line (so line breaks never depend on the client's Markdown), list items drawn with "•", quotes in
 * an emphasis Container. Inline Markdown left in TextBlocks is what Teams supports: bold, italic, links.
 */

export interface TextBlockJson {
  type: 'TextBlock';
  text: string;
  wrap: true;
  spacing?: 'None' | 'Small' | 'Default' | 'Medium';
  weight?: 'Bolder';
  size?: 'Small' | 'Medium' | 'Large';
  isSubtle?: boolean;
}

export interface QuoteJson {
  type: 'Container';
  style: 'emphasis';
  spacing?: 'Small' | 'Default';
  items: TextBlockJson[];
}

export type BlockJson = TextBlockJson | QuoteJson;

const HEADING = /^#{1,6}[ \t]+(.*)$/;
const BULLET = /^[ \t]*[-*+][ \t]+(.*)$/;
const ORDERED = /^[ \t]*(\d{1,3})[.)][ \t]+(.*)$/;
const QUOTE = /^[ \t]*>[ \t]?(.*)$/;

/** Inline Markdown kept as Teams renders it: links only with safe schemes, no inline code. */
export function inline(text: string): string {
  return text
    .replace(/`([^`\n]{1,500})`/g, '$1')
    .replace(/\[([^\]\n]{1,300})\]\(([^)\s]{1,2000})\)/g, (_m, label: string, url: string) => (/^(https?:|mailto:)/i.test(url) ? `[${label}](${url})` : label))
    .replace(/\r/g, '');
}

function block(text: string, first: boolean, extra: Partial<TextBlockJson> = {}): TextBlockJson {
  return { type: 'TextBlock', text, wrap: true, ...(first ? {} : { spacing: 'None' }), ...extra };
}

/** One non-empty line: heading, bullet, numbered item or text. */
function lineBlock(line: string, first: boolean): TextBlockJson {
  const h = HEADING.exec(line);
  if (h) return block(inline(h[1]!.trim()), true, { weight: 'Bolder' });
  const item = first ? {} : { spacing: 'Small' as const };
  const b = BULLET.exec(line);
  if (b) return block(`• ${inline(b[1]!.trim())}`, first, item);
  const o = ORDERED.exec(line);
  if (o) return block(`${o[1]}. ${inline(o[2]!.trim())}`, first, item);
  return block(inline(line.trim()), first);
}

/** Converts Markdown into TextBlocks and quote Containers (never more than `maxLines` lines). */
export function markdownBlocks(markdown: string, maxLines = 400): BlockJson[] {
  const out: BlockJson[] = [];
  let quote: QuoteJson | undefined;
  let paragraphStart = true;
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n').slice(0, maxLines);
  for (const raw of lines) {
    const line = raw.trimEnd();
    if (!line.trim()) {
      quote = undefined;
      paragraphStart = true;
      continue;
    }
    const q = QUOTE.exec(line);
    if (q) {
      if (!quote) {
        quote = { type: 'Container', style: 'emphasis', items: [] };
        if (!paragraphStart) quote.spacing = 'Small';
        out.push(quote);
      }
      const text = q[1]!.trim();
      if (text) quote.items.push(lineBlock(text, quote.items.length === 0));
      paragraphStart = false;
      continue;
    }
    quote = undefined;
    out.push(lineBlock(line, paragraphStart));
    paragraphStart = false;
  }
  // A quote container must hold at least one element to be valid.
  return out.filter((b) => b.type === 'TextBlock' || b.items.length > 0);
}

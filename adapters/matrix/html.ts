/**
 * A small Markdown subset rendered to Matrix HTML (`org.matrix.custom.html`). Everything is escaped
 * first: no raw HTML ever passes through, whatever the text (user input, display names, KB content).
 * Supported: paragraphs, line breaks, "- " / "* " / "• " lists, "1. " lists, "> " quotes,
 * **bold**, _italic_, `code`, [links](https://…) (http, https and mailto only).
 * Every pattern is bounded or stops at its own delimiter: linear on 50,000-character inputs.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const SAFE_URL = /^(?:https?:\/\/|mailto:)[^\s"<>]+$/i;

/** Emphasis and code on already-escaped text (the patterns never meet a "<" or a quote). */
function emphasis(escaped: string): string {
  return escaped
    .replace(/`([^`\n]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*\n]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[\s(«])_([^_\n]+)_(?=[\s.,;:!?)»]|$)/g, '$1<em>$2</em>');
}

function inline(escaped: string): string {
  return replaceLinks(
    escaped,
    (label, url) => {
      const raw = url.replace(/&amp;/g, '&');
      return SAFE_URL.test(raw) ? `<a href="${escapeHtml(raw)}">${emphasis(label)}</a>` : `${emphasis(label)} (${url})`;
    },
    emphasis,
  );
}

/** Next index of `c` at or after `from` (text length when absent), cached per scan. */
function finder(text: string, test: (c: string) => boolean): (from: number) => number {
  let at = -1;
  return (from) => {
    if (at >= from) return at;
    at = from;
    while (at < text.length && !test(text[at]!)) at++;
    return at;
  };
}

/**
 * `[label](url)` links, found with one forward scan (a regex would rescan the rest of the line from
 * every "[" and go quadratic on hostile input). Labels up to 300 characters, URLs without spaces.
 */
export function replaceLinks(text: string, link: (label: string, url: string) => string, between: (text: string) => string = (t) => t): string {
  const close = finder(text, (c) => c === ']');
  const newline = finder(text, (c) => c === '\n');
  const paren = finder(text, (c) => c === ')');
  const space = finder(text, (c) => /\s/.test(c));
  let out = '';
  let copied = 0;
  for (let i = text.indexOf('['); i >= 0; i = text.indexOf('[', i + 1)) {
    const end = close(i + 1);
    if (end >= text.length || end - i - 1 < 1 || end - i > 301 || newline(i) < end || text[end + 1] !== '(') continue;
    const urlEnd = paren(end + 2);
    if (urlEnd >= text.length || urlEnd === end + 2 || space(end + 2) < urlEnd) continue;
    out += between(text.slice(copied, i)) + link(text.slice(i + 1, end), text.slice(end + 2, urlEnd));
    copied = urlEnd + 1;
    i = urlEnd;
  }
  return out + between(text.slice(copied));
}

function render(line: string): string {
  return inline(escapeHtml(line));
}

type Block = { kind: 'p' | 'ul' | 'ol' | 'quote'; lines: string[] };

const BULLET = /^\s{0,3}[-*•]\s+/;
const NUMBERED = /^\s{0,3}\d{1,3}[.)]\s+/;
const QUOTE = /^\s{0,3}>\s?/;

function kindOf(line: string): Block['kind'] {
  if (BULLET.test(line)) return 'ul';
  if (NUMBERED.test(line)) return 'ol';
  if (QUOTE.test(line)) return 'quote';
  return 'p';
}

export function markdownToHtml(markdown: string): string {
  const blocks: Block[] = [];
  let current: Block | undefined;
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    if (!line.trim()) {
      current = undefined;
      continue;
    }
    const kind = kindOf(line);
    if (!current || current.kind !== kind) {
      current = { kind, lines: [] };
      blocks.push(current);
    }
    current.lines.push(line);
  }
  return blocks
    .map((b) => {
      switch (b.kind) {
        case 'ul':
          return `<ul>${b.lines.map((l) => `<li>${render(l.replace(BULLET, ''))}</li>`).join('')}</ul>`;
        case 'ol':
          return `<ol>${b.lines.map((l) => `<li>${render(l.replace(NUMBERED, ''))}</li>`).join('')}</ol>`;
        case 'quote':
          return `<blockquote>${b.lines.map((l) => render(l.replace(QUOTE, ''))).join('<br/>')}</blockquote>`;
        default:
          return `<p>${b.lines.map(render).join('<br/>')}</p>`;
      }
    })
    .join('');
}

/** Plain-text fallback of the same subset (emphasis markers dropped, links as "label (url)"). */
export function markdownToPlain(markdown: string): string {
  const unemphasised = (t: string) => t.replace(/\*\*([^*\n]+)\*\*/g, '$1').replace(/(^|[\s(«])_([^_\n]+)_(?=[\s.,;:!?)»]|$)/gm, '$1$2');
  return replaceLinks(markdown, (label, url) => `${unemphasised(label)} (${url})`, unemphasised);
}

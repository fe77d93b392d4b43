import { parseDocument, type Document as YamlDocument } from 'yaml';

const FENCE = /^---[ \t]*$/;

/** A FAQ file split into its front matter (YAML) and body, with line bookkeeping. */
export interface SplitEntry {
  /** Lines of the YAML front matter. */
  yaml: string;
  /** Line (1-based) of the first YAML line in the file. */
  firstLine: number;
  body: string;
  doc: YamlDocument;
}

/** Splits a FAQ file's text (BOM and CRLF accepted); undefined when the front matter is not fenced. */
export function splitEntry(text: string): SplitEntry | undefined {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (!FENCE.test(lines[0] ?? '')) return undefined;
  const close = lines.findIndex((l, i) => i > 0 && FENCE.test(l));
  if (close < 0) return undefined;
  const yaml = lines.slice(1, close).join('\n');
  return { yaml, firstLine: 2, body: lines.slice(close + 1).join('\n').trim(), doc: parseDocument(yaml, { uniqueKeys: true }) };
}

/** Line (1-based, in the whole file) of a front-matter value, e.g. ['questions', 3] or ['updated']. */
export function lineIn(split: SplitEntry | undefined, path: (string | number)[]): number | undefined {
  if (!split) return undefined;
  for (let n = path.length; n > 0; n--) {
    const node = split.doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return split.yaml.slice(0, node.range[0]).split('\n').length + split.firstLine - 1;
  }
  return undefined;
}

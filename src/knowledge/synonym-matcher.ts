/**
 * Synonym replacement over scanned word parts. Variants are matched on the stems of their words
 * (so "ambassadeurs IA" matches the variant "ambassadeur ia"), longest variant first, and
 * replaced by the group's canonical form. Canonical forms are themselves normalised: a canonical
 * form containing another group's variant ("ambassadeur ia") is expanded with that group's
 * canonical form ("ambassadeur intelligence artificielle"), so a text gives the same tokens
 * whichever variant it uses.
 */
import { FRENCH_STOP_WORDS } from './stopwords.js';
import { stem } from './stem.js';
import { fold, scan, type Part } from './tokenizer.js';

interface TrieNode {
  next: Map<string, TrieNode>;
  /** Group of the variant ending here. */
  group?: number;
  /** Single-word variant that is also a stop word ("ai"): applies only when written in capitals. */
  capitalsOnly?: boolean;
}

/** Numeric key of the first two letters of a word (stems of 4+ letter words keep them). */
const prefixKey = (w: string): number => w.charCodeAt(0) * 65536 + (w.charCodeAt(1) || 0);

export class SynonymMatcher {
  private readonly root: TrieNode = { next: new Map() };
  /** First-two-letter keys of the first words of all variants: a cheap pre-filter. */
  private readonly prefixes = new Set<number>();
  /** Group found by the last successful `match`. */
  private matchedGroup = -1;
  private readonly canonical: Part[][] = [];

  /** `stemOf`: the analyzer's stemmer (it keeps the knowledge base's names whole). */
  constructor(
    groups: readonly (readonly string[])[],
    private readonly stemOf: (word: string) => string = stem,
  ) {
    groups.forEach((group, g) => {
      for (const variant of group) this.insert(scan(fold(variant)), g);
    });
    const raw = groups.map((group) => scan(fold(group[0] ?? '')));
    const expanding = new Set<number>();
    const expand = (g: number): Part[] => {
      const done = this.canonical[g];
      if (done) return done;
      const parts = raw[g] ?? [];
      if (expanding.has(g)) return parts; // a cycle between canonical forms: keep as written
      expanding.add(g);
      const out = this.replace(parts, g, expand).map((p) => ({ ...p, upper: false }));
      expanding.delete(g);
      this.canonical[g] = out;
      return out;
    };
    groups.forEach((_, g) => expand(g));
  }

  get empty(): boolean {
    return this.root.next.size === 0;
  }

  private insert(parts: Part[], group: number): void {
    if (parts.length === 0) return;
    let node = this.root;
    this.prefixes.add(prefixKey(this.stemOf((parts[0] as Part).text)));
    for (const p of parts) {
      const key = this.stemOf(p.text);
      let child = node.next.get(key);
      if (!child) {
        child = { next: new Map() };
        node.next.set(key, child);
      }
      node = child;
    }
    if (node.group !== undefined) return; // first group wins on a duplicate variant
    node.group = group;
    const only = parts[0] as Part;
    if (parts.length === 1 && FRENCH_STOP_WORDS.has(only.text)) node.capitalsOnly = true;
  }

  /** End (inclusive) of the longest variant starting at part `i`, not of group `exclude`, or -1. */
  private match(parts: readonly Part[], i: number, exclude: number): number {
    const first = parts[i] as Part;
    if (first.text.length >= 4 && !this.prefixes.has(prefixKey(first.text))) return -1;
    let node: TrieNode | undefined = this.root;
    let end = -1;
    for (let j = i; j < parts.length && node; j++) {
      node = node.next.get(this.stemOf((parts[j] as Part).text));
      if (node?.group !== undefined && node.group !== exclude && (!node.capitalsOnly || first.upper)) {
        end = j;
        this.matchedGroup = node.group;
      }
    }
    return end;
  }

  private replace(parts: readonly Part[], exclude: number, canonicalOf: (g: number) => Part[]): Part[] {
    const out: Part[] = [];
    let i = 0;
    let breakCompound = false;
    while (i < parts.length) {
      const end = this.match(parts, i, exclude);
      if (end >= 0) {
        canonicalOf(this.matchedGroup).forEach((p, n) => out.push(n === 0 ? { ...p, hyphen: false } : p));
        i = end + 1;
        breakCompound = true;
      } else {
        const p = parts[i] as Part;
        out.push(breakCompound && p.hyphen ? { ...p, hyphen: false } : p);
        breakCompound = false;
        i++;
      }
    }
    return out;
  }

  /** Replaces every variant in `parts` by its group's canonical form. */
  apply(parts: readonly Part[]): Part[] {
    if (this.empty) return parts.slice();
    return this.replace(parts, -1, (g) => this.canonical[g] ?? []);
  }
}

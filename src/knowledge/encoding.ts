import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { KbProblem } from './loader.js';

/**
 * Text files DTNUM edits must be UTF-8. Node's `readFileSync(…, 'utf8')` silently turns invalid
 * bytes (a file saved as Windows-1252 or Latin-1) into "\uFFFD", which would then be served as
 * garbled answers or fail with an unrelated message: this check names the file and the line
 * instead. A byte-order mark and CRLF line ends are accepted (the loaders strip them).
 */

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The problem of one file, or undefined when it is valid UTF-8 (or cannot be read: the loaders say why). */
export function encodingProblem(path: string, shownAs: string): KbProblem | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return undefined;
  }
  try {
    decoder.decode(bytes);
    return undefined;
  } catch {
    const at = firstInvalidByte(bytes);
    const line = bytes.subarray(0, at).toString('latin1').split('\n').length;
    return {
      file: shownAs,
      line,
      message: `the file is not valid UTF-8 (byte 0x${(bytes[at] ?? 0).toString(16).padStart(2, '0')} at offset ${at}); it was probably saved as Windows-1252 or Latin-1`,
      fix: 'save the file again with the UTF-8 encoding (in the editor: "Save with encoding" → UTF-8)',
    };
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (!len) return i;
    for (let k = 1; k < len; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    try {
      decoder.decode(bytes.subarray(i, i + len));
    } catch {
      return i;
    }
    i += len;
  }
  return Math.max(0, bytes.length - 1);
}

const TEXT_FILE = /\.(?:md|ya?ml|txt)$/i;

/** Text files the loaders read: faq/*.md, the YAML files at the top, privacy/*.txt (never drafts/). */
function knowledgeTextFiles(dir: string): string[] {
  const files: string[] = [];
  const list = (sub: string, pattern: RegExp) => {
    const d = join(dir, sub);
    if (!existsSync(d)) return;
    for (const f of readdirSync(d).sort()) {
      if (f.startsWith('.') || !pattern.test(f)) continue;
      const p = join(d, f);
      try {
        if (statSync(p).isFile()) files.push(p);
      } catch {
        // Removed while listing (an editor's save): the next reload sees the final state.
      }
    }
  };
  list('', /\.ya?ml$/i);
  list('faq', /\.md$/i);
  list('privacy', TEXT_FILE);
  return files;
}

/** Every knowledge file (and the directory file, when elsewhere) that is not valid UTF-8. */
export function encodingProblems(dir: string, extraFiles: string[] = []): KbProblem[] {
  const problems: KbProblem[] = [];
  const seen = new Set<string>();
  for (const path of [...knowledgeTextFiles(dir), ...extraFiles]) {
    if (seen.has(resolve(path))) continue;
    seen.add(resolve(path));
    const rel = relative(dir, path);
    const p = encodingProblem(path, rel.startsWith('..') ? path : rel);
    if (p) problems.push(p);
  }
  return problems;
}

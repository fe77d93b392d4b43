import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { KbProblem } from './loader.js';

/**
 * Text files DTNUM edits must be UTF-8. Node's `readFileSync(…, 'utf8')` silently turns invalid
 * bytes (a file saved as Windows-1252 or Latin-1) into "\uFFFD", which would then be served as
 * garbled answers or fail with an unrelated message: this check names the file and the line
 * instead. A byte-order mark and CRLF line ends are accepted (the loaders strip them).
 */

export interface DecodeFailure {
  line: number;
  column: number;
  byte: number;
}

const strict = new TextDecoder('utf-8', { fatal: true });

/** Decodes UTF-8 strictly (a leading BOM is dropped); on bad bytes, where the first one is. */
export function decodeUtf8(buf: Uint8Array): { text: string } | { error: DecodeFailure } {
  try {
    return { text: strict.decode(buf).replace(/^\uFEFF/, '') };
  } catch {
    return { error: firstBadByte(buf) };
  }
}

/** Position (1-based line and column in bytes) of the first byte that is not valid UTF-8. */
function firstBadByte(buf: Uint8Array): DecodeFailure {
  let line = 1;
  let lineStart = 0;
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    if (b === 0x0a) {
      line++;
      lineStart = i + 1;
    }
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = len > 0 && i + len <= buf.length;
    for (let k = 1; ok && k < len; k++) ok = (buf[i + k]! & 0xc0) === 0x80;
    if (ok && len === 3) ok = !(b === 0xe0 && buf[i + 1]! < 0xa0) && !(b === 0xed && buf[i + 1]! >= 0xa0);
    if (ok && len === 4) ok = !(b === 0xf0 && buf[i + 1]! < 0x90) && !(b === 0xf4 && buf[i + 1]! >= 0x90);
    if (!ok) return { line, column: i - lineStart + 1, byte: b };
    i += len;
  }
  return { line, column: i - lineStart + 1, byte: 0 };
}

export function describeBadBytes(e: DecodeFailure): string {
  return `not UTF-8 text: byte 0x${e.byte.toString(16).padStart(2, '0')} at line ${e.line}, column ${e.column} (the file was probably saved as Latin-1 / Windows-1252)`;
}

export const UTF8_FIX = 'save the file again with the UTF-8 encoding (in most editors: "Save with encoding" → UTF-8)';

/** The problem of one file, or undefined when it is valid UTF-8 (or cannot be read: the loaders say why). */
export function encodingProblem(path: string, shownAs: string): KbProblem | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return undefined;
  }
  const decoded = decodeUtf8(bytes);
  return 'error' in decoded ? { file: shownAs, line: decoded.error.line, message: describeBadBytes(decoded.error), fix: UTF8_FIX } : undefined;
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

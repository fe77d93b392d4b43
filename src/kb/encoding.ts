import { readdirSync, readFileSync, lstatSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Text files of the knowledge folder that DTNUM edits. */
const TEXT_FILE = /\.(?:md|ya?ml|txt)$/i;

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

export interface FileIssue {
  /** Path relative to the knowledge folder. */
  file: string;
  line?: number;
  kind: 'encoding' | 'dangling-link';
  message: string;
}

/** Every text file of the knowledge folder that cannot be read as UTF-8, and broken links (editor lock files). */
export function scanKnowledgeFiles(dir: string): FileIssue[] {
  const out: FileIssue[] = [];
  const walk = (d: string): void => {
    let names: string[];
    try {
      names = readdirSync(d).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(d, name);
      const rel = relative(dir, path);
      let isDir = false;
      try {
        isDir = statSync(path).isDirectory();
      } catch {
        if (lstatSync(path).isSymbolicLink() && TEXT_FILE.test(name)) {
          out.push({ file: rel, kind: 'dangling-link', message: 'broken link (an editor lock file such as ".#name.md" left by an unfinished edit?)' });
        }
        continue;
      }
      if (isDir) {
        walk(path);
        continue;
      }
      if (!TEXT_FILE.test(name)) continue;
      const decoded = decodeUtf8(readFileSync(path));
      if ('error' in decoded) out.push({ file: rel, line: decoded.error.line, kind: 'encoding', message: describeBadBytes(decoded.error) });
    }
  };
  walk(dir);
  return out;
}

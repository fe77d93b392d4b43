import { readdirSync, readFileSync, lstatSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { decodeUtf8, describeBadBytes } from '../knowledge/encoding.js';

export { decodeUtf8, describeBadBytes, UTF8_FIX, type DecodeFailure } from '../knowledge/encoding.js';

/** Text files of the knowledge folder that DTNUM edits. */
const TEXT_FILE = /\.(?:md|ya?ml|txt)$/i;

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

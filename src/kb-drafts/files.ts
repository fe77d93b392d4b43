import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Whole-file writes for DTNUM's files: a temporary file in the same folder (hidden, so neither the
 * loader nor the watcher takes it for knowledge), then one rename. A reader sees the old file or
 * the new one, never half of it.
 */

function tempPath(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Writes (or replaces) `target` atomically; creates the folder if needed. */
export function writeAtomic(target: string, text: string): void {
  mkdirSync(dirname(target), { recursive: true });
  const tmp = tempPath(target);
  try {
    writeFileSync(tmp, text, { encoding: 'utf8', flag: 'wx' });
    renameSync(tmp, target);
  } catch (e) {
    if (existsSync(tmp)) unlinkSync(tmp);
    throw e;
  }
}

/**
 * Creates `target` atomically and only if it does not exist yet (a hard link refuses to replace a
 * file): publishing never overwrites an entry someone wrote meanwhile. Throws EEXIST otherwise.
 */
export function createAtomic(target: string, text: string): void {
  mkdirSync(dirname(target), { recursive: true });
  const tmp = tempPath(target);
  writeFileSync(tmp, text, { encoding: 'utf8', flag: 'wx' });
  try {
    linkSync(tmp, target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // Filesystems without hard links: check, then rename (the window is a few microseconds).
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw e;
    if (existsSync(target)) throw Object.assign(new Error(`${target} already exists`), { code: 'EEXIST' });
    renameSync(tmp, target);
  } finally {
    if (existsSync(tmp)) unlinkSync(tmp);
  }
}

/** Draft files (`*.md`, not hidden) of a folder, sorted; none when the folder does not exist. */
export function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((f) => f.isFile() && f.name.endsWith('.md') && !f.name.startsWith('.'))
    .map((f) => f.name)
    .sort();
}

export function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

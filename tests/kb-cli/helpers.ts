import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { createHash } from 'node:crypto';
import { PROJECT_ROOT } from '../../src/config.js';
import { main } from '../../src/cli.js';

export const SHIPPED = join(PROJECT_ROOT, 'knowledge');

/** A copy of the shipped knowledge folder in a temporary directory (tests never touch the real one). */
export function knowledgeCopy(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'kb-cli-')), 'knowledge');
  cpSync(SHIPPED, dir, { recursive: true });
  return dir;
}

function collector(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `charte-ia ARGS` in-process through main(argv, io). `input` is fed to stdin (ended);
 * `interactive` makes stdin count as a terminal (the prompts of `kb new`).
 */
export async function charteIa(args: string[], options: { input?: string; interactive?: boolean } = {}): Promise<Run> {
  const stdin = new PassThrough();
  const out = collector();
  const err = collector();
  stdin.end(options.input ?? '');
  const io = { stdin, stdout: out.stream, stderr: err.stream, interactive: options.interactive ?? false };
  const code = await main(args, io as Parameters<typeof main>[1]);
  return { code, stdout: out.text(), stderr: err.text() };
}

/** A fingerprint of every file of a folder (names and bytes), to prove nothing was written. */
export function fingerprint(dir: string): string {
  const hash = createHash('sha256');
  const walk = (d: string): void => {
    for (const name of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, name.name);
      hash.update(p.slice(dir.length));
      if (name.isDirectory()) walk(p);
      else hash.update(readFileSync(p));
    }
  };
  walk(dir);
  return hash.digest('hex');
}

export const faqFile = (dir: string, id: string) => join(dir, 'faq', `${id}.md`);

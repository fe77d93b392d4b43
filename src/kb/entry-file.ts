import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { KbEntry, KbSource } from '../knowledge/types.js';

/** The fields of an entry as written in its file (no `file`). */
export type EntryFields = Omit<KbEntry, 'file'>;

const PLAIN = /^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u;
const q = (s: string) => JSON.stringify(s);
const flowItem = (s: string) => (PLAIN.test(s) ? s : q(s));
const flow = (list: readonly string[]) => `[${list.map(flowItem).join(', ')}]`;

function sourceLines(s: KbSource): string[] {
  return [`  - doc: ${PLAIN.test(s.doc) ? s.doc : q(s.doc)}`, ...(s.section ? [`    section: ${q(s.section)}`] : []), `    label: ${q(s.label)}`];
}

/**
 * A FAQ entry as Markdown with its front matter, in the style of the shipped files (strings in
 * double quotes, short lists in brackets). Parses back to the same entry (see loader.ts).
 */
export function entryMarkdown(e: EntryFields): string {
  const lines = [
    '---',
    `id: ${e.id}`,
    `title: ${q(e.title)}`,
    ...(e.questions.length ? ['questions:', ...e.questions.map((x) => `  - ${q(x)}`)] : ['questions: []']),
    `tags: ${flow(e.tags)}`,
    ...(e.concepts?.length ? [`concepts: ${flow(e.concepts)}`] : []),
    ...(e.sources.length ? ['sources:', ...e.sources.flatMap(sourceLines)] : ['sources: []']),
    `related: ${flow(e.related)}`,
    `updated: ${e.updated}`,
    '---',
    e.body.trim(),
    '',
  ];
  return lines.join('\n');
}

/** A temporary name next to `target`, hidden and without the .md suffix so no loader reads it. */
export function tempNameFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

function writeDurably(path: string, text: string | Uint8Array): void {
  const fd = openSync(path, 'wx');
  try {
    if (typeof text === 'string') writeSync(fd, text);
    else writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export interface FileWrite {
  path: string;
  text: string | Uint8Array;
}

/**
 * Writes several files so that none is ever seen half-written: every text goes to a temporary
 * file in the target's folder first (a failure there removes them all and changes nothing), then
 * each is renamed over its target (a rename is atomic on one file system).
 */
export function writeFilesAtomically(writes: readonly FileWrite[]): void {
  const staged: { temp: string; path: string }[] = [];
  try {
    for (const w of writes) {
      const temp = tempNameFor(w.path);
      writeDurably(temp, w.text);
      staged.push({ temp, path: w.path });
    }
  } catch (e) {
    for (const s of staged) {
      try {
        unlinkSync(s.temp);
      } catch {
        /* already gone */
      }
    }
    throw e;
  }
  for (const s of staged) renameSync(s.temp, s.path);
}

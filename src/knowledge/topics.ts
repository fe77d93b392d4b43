import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { escapeRegExp, fold } from '../text.js';

/** Out-of-scope topics (`knowledge/hors-perimetre.yaml`), editable by DTNUM. */
const topicSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'id must be kebab-case'),
    label: z.string().min(3),
    terms: z.array(z.string().min(2)).min(1),
    redirect: z.string().min(3),
  })
  .strict();
const fileSchema = z.object({ topics: z.array(topicSchema).min(1) }).strict();

export interface OutOfScopeTopic {
  id: string;
  label: string;
  redirect: string;
  pattern: RegExp;
}

export function parseTopics(text: string, file: string): OutOfScopeTopic[] {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (e) {
    throw new Error(`${file}: invalid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new Error(`${file} [${i.path.join('.')}]: ${i.message}`);
  }
  const seen = new Set<string>();
  return parsed.data.topics.map((t) => {
    if (seen.has(t.id)) throw new Error(`${file} [topics.${t.id}]: duplicate topic id`);
    seen.add(t.id);
    const alternatives = t.terms.map((term) => escapeRegExp(fold(term).trim())).join('|');
    return { id: t.id, label: t.label, redirect: t.redirect, pattern: new RegExp(`(?:^|[^a-z0-9])(?:${alternatives})`) };
  });
}

export function loadTopics(file: string): OutOfScopeTopic[] {
  return parseTopics(readFileSync(file, 'utf8'), file);
}

/** First topic whose terms occur in the (folded) text. */
export function matchTopic(foldedText: string, topics: OutOfScopeTopic[]): OutOfScopeTopic | undefined {
  return topics.find((t) => t.pattern.test(foldedText));
}

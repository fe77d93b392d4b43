import { createInterface } from 'node:readline';
import type { BotLike, Reply, SourceRef } from './types.js';
import { textWithChoices } from './replies.js';

/** The machine interface's output line. Names and values are a contract: other tools read them. */
export interface AskResult {
  id: string | null;
  intent: string | null;
  verdict: string | null;
  tier: string | null;
  answer: string;
  sources: { id: string; title: string }[];
  confidence: number | null;
  escalate: boolean;
  privacy: { findings: string[] };
  error?: string;
}

/** Folds the replies of one turn into the machine-readable summary. */
export function summarise(id: string | null, replies: Reply[]): AskResult {
  const metas = replies.map((r) => r.meta ?? {});
  const main = metas.find((m) => m.intent) ?? {};
  const sources = new Map<string, SourceRef>();
  for (const m of metas) for (const s of m.sources ?? []) if (!sources.has(s.id)) sources.set(s.id, s);
  return {
    id,
    intent: main.intent ?? null,
    verdict: main.verdict ?? null,
    tier: main.tier ?? null,
    answer: replies.map(textWithChoices).join('\n\n'),
    sources: [...sources.values()].map((s) => ({ id: s.id, title: s.title })),
    confidence: typeof main.confidence === 'number' ? Number(main.confidence.toFixed(3)) : null,
    escalate: metas.some((m) => m.escalate === true),
    privacy: { findings: [...new Set(metas.flatMap((m) => m.privacyFindings ?? []))] },
  };
}

let counter = 0;

/** Asks one question in a fresh conversation. */
export async function askOne(bot: BotLike, question: string, id: string | null = null): Promise<AskResult> {
  const conversationId = `ask-${process.pid}-${++counter}`;
  const replies = await bot.handle({ channel: 'cli', conversationId, user: { id: conversationId }, text: question });
  return summarise(id, replies);
}

/** Parses one stdin line of `ask --jsonl`: plain text, or {"id", "q"}. */
export function parseAskLine(line: string, lineNo: number): { id: string; q: string } | { id: string; error: string } {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{')) return { id: String(lineNo), q: line };
  try {
    const obj = JSON.parse(trimmed) as Record<string, unknown>;
    const id = obj.id === undefined || obj.id === null ? String(lineNo) : String(obj.id);
    const q = obj.q ?? obj.question ?? obj.text;
    if (typeof q !== 'string') return { id, error: 'missing "q" (the question, a string)' };
    return { id, q };
  } catch {
    return { id: String(lineNo), error: 'invalid JSON line' };
  }
}

/** `ask --jsonl`: one JSON line out per line in; a bad line gets an error line, never a crash. */
export async function askJsonl(bot: BotLike, input: NodeJS.ReadableStream, write: (line: string) => void): Promise<void> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  for await (const line of rl) {
    n++;
    const parsed = parseAskLine(line, n);
    if ('error' in parsed) {
      write(JSON.stringify({ ...summarise(parsed.id, []), answer: '', error: parsed.error }));
      continue;
    }
    write(JSON.stringify(await askOne(bot, parsed.q, parsed.id)));
  }
}

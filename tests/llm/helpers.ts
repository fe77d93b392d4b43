import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../src/app.js';
import { loadConfig, type Env } from '../../src/config.js';
import { captureLogs, type CapturedLogs } from '../helpers/log-capture.js';
import type { Metrics } from '../../src/metrics.js';
import { NO_METRICS } from '../../src/metrics.js';
import type { StubServer, ChatRequest } from './stub-server.js';

/** A fresh cache folder per test, removed by `cleanup`. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'charte-ia-llm-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface LlmApp {
  app: App;
  logs: CapturedLogs;
  steps: { stage: string; outcome: string }[];
}

/** The real app (real knowledge, in-memory stores) with the layer pointed at the stub. */
export function llmApp(stub: StubServer, cacheDir: string, env: Env = {}): LlmApp {
  const logs = captureLogs();
  const steps: LlmApp['steps'] = [];
  const metrics: Metrics = { ...NO_METRICS, llm: (stage, outcome) => void steps.push({ stage, outcome }) };
  const config = loadConfig({
    LLM_BASE_URL: stub.baseURL,
    LLM_API_KEY: 'stub-key',
    LLM_MODEL: 'stub-chat',
    EMBEDDINGS_MODEL: 'stub-embeddings',
    LLM_CACHE_DIR: cacheDir,
    LLM_TIMEOUT_MS: '2000',
    ...env,
  });
  const app = createApp({ config, logger: logs.logger, watch: false, databasePath: ':memory:', metrics });
  return { app, logs, steps };
}

/** The app without the layer, for the reference answers. */
export function plainApp(): App {
  return createApp({ config: loadConfig({}), logger: captureLogs().logger, watch: false, databasePath: ':memory:' });
}

/** Passages of a grounded prompt: id and plain text, in order. */
export function passagesOf(user: string): { id: string; title: string; body: string }[] {
  const head = /^\[([a-z0-9-]+)\] (.+)$/gm;
  const starts = [...user.matchAll(head)];
  const end = user.lastIndexOf('\n\nQuestion de l’agent');
  return starts.map((m, i) => {
    const from = m.index! + m[0].length;
    const to = i + 1 < starts.length ? starts[i + 1]!.index! : end;
    return { id: m[1]!, title: m[2]!, body: user.slice(from, to).trim() };
  });
}

/** First sentence of a text (up to its first full stop). */
export function firstSentence(text: string): string {
  return (/^[^.!?]+[.!?]/.exec(text.replace(/\s+/g, ' '))?.[0] ?? text).trim();
}

/**
 * A well-behaved model: for a grounded prompt, the first sentence of each passage tagged with its
 * id; for a verdict, the engine's first reason; for a rewrite, the last sentence of the message.
 */
export function faithfulModel(req: ChatRequest): string {
  if (req.system.includes('{"sentences"')) return JSON.stringify({ sentences: passagesOf(req.user).map((p) => ({ text: firstSentence(p.body), entry: p.id })) });
  if (req.system.includes('{"explanation"')) {
    const reasons = req.user.split('Explication du moteur :\n')[1]?.split('\n\nQuestion de l’agent')[0] ?? '';
    return JSON.stringify({ explanation: firstSentence(reasons) });
  }
  const sentences = req.user.split(/(?<=[.!?])\s+/);
  return sentences[sentences.length - 1] ?? req.user;
}

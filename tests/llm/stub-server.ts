import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { closeServer, listenLoopback, loopbackBase } from '../helpers/loopback.js';

/**
 * A local OpenAI-compatible server on loopback: POST /v1/chat/completions and /v1/embeddings,
 * answering as the test programs it, and recording every request it receives (path, headers,
 * raw body) so that tests can check what would have left the process.
 */

export interface RecordedRequest {
  path: string;
  authorization?: string;
  raw: string;
  body: Record<string, unknown>;
}

export type StubBehaviour =
  | { kind: 'ok' }
  | { kind: 'status'; status: number }
  | { kind: 'garbage' }
  | { kind: 'empty' }
  | { kind: 'slow'; ms: number };

export interface ChatRequest {
  system: string;
  user: string;
  model: string;
}

export interface StubServer {
  baseURL: string;
  requests: RecordedRequest[];
  /** What the chat endpoint says (the assistant message content). */
  chat: (req: ChatRequest) => string;
  /** One vector per input. */
  embed: (inputs: string[]) => number[][];
  /** How each endpoint behaves (default: ok). */
  behaviour: { chat: StubBehaviour; embeddings: StubBehaviour };
  calls(path: 'chat' | 'embeddings'): RecordedRequest[];
  close(): Promise<void>;
}

const DIMS = 256;

/** Folded words of three letters or more. */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 3);
}

/** A deterministic bag-of-words vector: texts sharing words are close, as with a real model. */
export function bagOfWords(text: string): number[] {
  const v: number[] = new Array<number>(DIMS).fill(0);
  for (const w of words(text)) {
    let h = 2166136261;
    for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), 16777619) >>> 0;
    v[h % DIMS]! += 1;
  }
  if (!v.some((x) => x !== 0)) v[0] = 1;
  return v;
}

function send(res: ServerResponse, status: number, body: string, type = 'application/json'): void {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
}

export async function startStub(): Promise<StubServer> {
  const requests: RecordedRequest[] = [];
  const stub: StubServer = {
    baseURL: '',
    requests,
    chat: () => '{"sentences":[]}',
    embed: (inputs) => inputs.map(bagOfWords),
    behaviour: { chat: { kind: 'ok' }, embeddings: { kind: 'ok' } },
    calls: (path) => requests.filter((r) => r.path.endsWith(path === 'chat' ? '/chat/completions' : '/embeddings')),
    close: () => closeServer(server),
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      // recorded as it came
    }
    const path = (req.url ?? '').split('?')[0] ?? '';
    requests.push({ path, authorization: req.headers.authorization, raw, body });
    const isChat = path === '/v1/chat/completions';
    const isEmbeddings = path === '/v1/embeddings';
    if (req.method !== 'POST' || (!isChat && !isEmbeddings)) return send(res, 404, '{"error":{"message":"not found"}}');
    const behaviour = isChat ? stub.behaviour.chat : stub.behaviour.embeddings;
    if (behaviour.kind === 'status') return send(res, behaviour.status, '{"error":{"message":"internal error","type":"server_error"}}');
    if (behaviour.kind === 'garbage') return send(res, 200, '<html>Bad gateway {{{', 'application/json');
    if (behaviour.kind === 'slow') await new Promise((r) => setTimeout(r, behaviour.ms));
    if (isChat) {
      const messages = (body.messages ?? []) as { role: string; content: string }[];
      const content =
        behaviour.kind === 'empty'
          ? ''
          : stub.chat({ system: messages.find((m) => m.role === 'system')?.content ?? '', user: messages.find((m) => m.role === 'user')?.content ?? '', model: String(body.model) });
      return send(
        res,
        200,
        JSON.stringify({
          id: 'chatcmpl-stub',
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model: body.model,
          choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        }),
      );
    }
    const input = body.input;
    const inputs = Array.isArray(input) ? input.map(String) : [String(input)];
    const vectors = behaviour.kind === 'empty' ? [] : stub.embed(inputs);
    return send(
      res,
      200,
      JSON.stringify({
        object: 'list',
        model: body.model,
        data: vectors.map((embedding, index) => ({ object: 'embedding', index, embedding })),
        usage: { prompt_tokens: 1, total_tokens: 1 },
      }),
    );
  };
  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, '{}'));
  });
  await listenLoopback(server);
  stub.baseURL = `${loopbackBase(server)}/v1`;
  return stub;
}

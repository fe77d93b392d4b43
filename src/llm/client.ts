import type { ChatOpenAI, OpenAIEmbeddings } from '@langchain/openai';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import type { PrivacyShield } from '../privacy/shield.js';

/**
 * The only door of the generative layer to the outside: a chat model and an embeddings model on an
 * OpenAI-compatible endpoint (langchain's `@langchain/openai` with a custom base URL). Every text
 * that leaves goes through the privacy shield once more here, whatever its caller did: the callers
 * pass redacted text already, so this last guard changes nothing unless a bug upstream let
 * personal data through — then it masks it and reports it (`onMasked`), and only the masked text
 * is sent.
 */

export interface LlmEndpoint {
  baseURL: string;
  apiKey?: string;
  chatModel?: string;
  embeddingsModel?: string;
}

/**
 * A prompt. The user message is given in parts, joined as they are: the guard reads each part
 * alone — the agent's question as the shield first read it, each entry on its own — so that the
 * words around a part (« Question de l’agent : ») never change what the shield sees in it.
 */
export interface ChatPrompt {
  system: string;
  user: readonly string[];
}

/** What the layer needs from a model provider (the stub-backed tests use the real one on loopback). */
export interface LlmClient {
  readonly chatModel?: string;
  readonly embeddingsModel?: string;
  /** The model's text answer; rejects on HTTP error, timeout (`timeoutMs`) or abort. */
  chat(prompt: ChatPrompt, timeoutMs: number): Promise<string>;
  /** One vector per text, in order. */
  embed(texts: readonly string[], timeoutMs: number): Promise<number[][]>;
}

export class LlmTimeoutError extends Error {
  constructor(ms: number) {
    super(`no answer from the LLM endpoint within ${ms} ms`);
    this.name = 'LlmTimeoutError';
  }
}

/** Rejects with LlmTimeoutError when `work` takes longer than `ms` (the request itself is cut by its own timeout). */
export function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  if (ms <= 0) {
    work.catch(() => undefined);
    return Promise.reject(new LlmTimeoutError(0));
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LlmTimeoutError(ms)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export interface OpenAiClientOptions extends LlmEndpoint {
  /** The shield of the knowledge in service (read per call: live reloads apply). */
  shield: () => PrivacyShield;
  /** Called when the last guard had to mask something (never with the text). */
  onMasked?: (findings: number) => void;
  /** Upper bound of one HTTP request (the per-call deadline is usually shorter). */
  requestTimeoutMs: number;
}

interface Models {
  chat?: ChatOpenAI;
  /** Documents (entries at load, in the background): one retry. A question: none, the turn is waiting. */
  embeddings?: OpenAIEmbeddings;
  queryEmbeddings?: OpenAIEmbeddings;
}

/**
 * Chat and embeddings on an OpenAI-compatible API, behind the outgoing privacy guard. The
 * langchain OpenAI package is loaded on the first call only: a bot without the layer, and every
 * one-shot command, never pays for it.
 */
export class OpenAiCompatibleClient implements LlmClient {
  readonly chatModel?: string;
  readonly embeddingsModel?: string;
  private models?: Promise<Models>;

  constructor(private readonly opts: OpenAiClientOptions) {
    this.chatModel = opts.chatModel;
    this.embeddingsModel = opts.embeddingsModel;
  }

  private load(): Promise<Models> {
    this.models ??= import('@langchain/openai').then(({ ChatOpenAI, OpenAIEmbeddings }) => {
      const opts = this.opts;
      // Servers without authentication still get a key: the OpenAI client refuses to start without one.
      const apiKey = opts.apiKey ?? 'none';
      const configuration = { baseURL: opts.baseURL };
      const models: Models = {};
      if (opts.chatModel) {
        models.chat = new ChatOpenAI({
          model: opts.chatModel,
          apiKey,
          configuration,
          temperature: 0,
          maxRetries: 0,
          timeout: opts.requestTimeoutMs,
          useResponsesApi: false,
          streaming: false,
        });
      }
      if (opts.embeddingsModel) {
        const embeddings = (maxRetries: number) =>
          new OpenAIEmbeddings({
            model: opts.embeddingsModel,
            apiKey,
            configuration,
            maxRetries,
            timeout: opts.requestTimeoutMs,
            batchSize: 64,
            // Plain floats: base64 (the OpenAI client's default) is not served by every compatible server.
            encodingFormat: 'float',
          });
        models.embeddings = embeddings(1);
        models.queryEmbeddings = embeddings(0);
      }
      return models;
    });
    return this.models;
  }

  /** The last guard: the shield over an outgoing text; masks (and reports) what it finds. */
  guard(text: string): string {
    const { redacted, findings } = this.opts.shield().redact(text);
    if (findings.length) this.opts.onMasked?.(findings.length);
    return redacted;
  }

  async chat(prompt: ChatPrompt, timeoutMs: number): Promise<string> {
    const messages = [new SystemMessage(this.guard(prompt.system)), new HumanMessage(prompt.user.map((part) => this.guard(part)).join(''))];
    const { chat } = await this.load();
    if (!chat) throw new Error('LLM_MODEL is not set');
    const signal = AbortSignal.timeout(Math.max(1, timeoutMs));
    const answer = await withDeadline(chat.invoke(messages, { signal, timeout: timeoutMs }), timeoutMs);
    const content = answer.content;
    if (typeof content === 'string') return content;
    return content.map((part) => (typeof part === 'object' && 'text' in part && typeof part.text === 'string' ? part.text : '')).join('');
  }

  async embed(texts: readonly string[], timeoutMs: number): Promise<number[][]> {
    const guarded = texts.map((t) => this.guard(t));
    const { embeddings, queryEmbeddings } = await this.load();
    if (!embeddings || !queryEmbeddings) throw new Error('EMBEDDINGS_MODEL is not set');
    const work = guarded.length === 1 ? queryEmbeddings.embedQuery(guarded[0]!).then((v) => [v]) : embeddings.embedDocuments(guarded);
    const vectors = await withDeadline(work, timeoutMs);
    if (vectors.length !== texts.length) throw new Error(`the embeddings endpoint returned ${vectors.length} vectors for ${texts.length} texts`);
    return vectors;
  }
}

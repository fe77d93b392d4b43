import { createInterface, type Interface } from 'node:readline';
import type { BotLike, ChannelAdapter, Choice, ConversationRef, Reply } from '../../src/types.js';
import { resolveChoice } from '../../src/choices.js';
import { renderPlain } from './render.js';

export interface ConsoleOptions {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  user?: string;
}

/** Interactive terminal chat: the console is an adapter like the others. */
export class ConsoleAdapter implements ChannelAdapter {
  readonly name = 'console';
  private rl?: Interface;
  private lastChoices: Choice[] = [];
  private readonly input: NodeJS.ReadableStream;
  private readonly output: NodeJS.WritableStream;
  private readonly user: string;
  private closed?: Promise<void>;

  constructor(opts: ConsoleOptions = {}) {
    this.input = opts.input ?? process.stdin;
    this.output = opts.output ?? process.stdout;
    this.user = opts.user ?? process.env.USER ?? 'agent';
  }

  async start(bot: BotLike): Promise<void> {
    const rl = createInterface({ input: this.input, output: this.output, terminal: (this.input as { isTTY?: boolean }).isTTY === true });
    this.rl = rl;
    this.print({ text: 'Assistant de la charte IA — posez votre question (« aide » pour l’aide, Ctrl+D pour quitter).' });
    rl.setPrompt('vous › ');
    rl.prompt();
    let queue = Promise.resolve();
    rl.on('line', (line) => {
      queue = queue.then(async () => {
        const picked = resolveChoice(line, this.lastChoices);
        const replies = await bot.handle({
          channel: 'console',
          conversationId: this.user,
          user: { id: this.user, name: this.user },
          text: picked?.text ?? line,
          action: picked?.action,
        });
        for (const r of replies) this.print(r);
        rl.prompt();
      });
    });
    this.closed = new Promise((resolve) => rl.on('close', () => void queue.then(() => resolve())));
  }

  /** Resolves when the user closes the input (Ctrl+D or end of piped input). */
  async done(): Promise<void> {
    await this.closed;
  }

  async stop(): Promise<void> {
    this.rl?.close();
  }

  async send(_ref: ConversationRef, reply: Reply): Promise<undefined> {
    this.print(reply);
    return undefined;
  }

  private print(reply: Reply): void {
    const { text, choices } = renderPlain(reply);
    if (choices.length) this.lastChoices = choices;
    this.output.write(`\nbot › ${text.replace(/\n/g, '\n      ')}\n\n`);
  }
}

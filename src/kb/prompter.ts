import { createInterface, type Interface } from 'node:readline';
import type { KbIo } from './context.js';

/**
 * Questions on the terminal, one answer per line. Lines are queued as they arrive, so that input
 * typed (or piped by a test) ahead of a question is not lost. `ask` resolves undefined at the
 * end of the input.
 */
export class Prompter {
  private readonly rl: Interface;
  private readonly lines: string[] = [];
  private waiting?: (line: string | undefined) => void;
  private ended = false;

  constructor(private readonly io: KbIo) {
    this.rl = createInterface({ input: io.stdin, terminal: false });
    this.rl.on('line', (line) => {
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = undefined;
        w(line);
      } else this.lines.push(line);
    });
    this.rl.on('close', () => {
      this.ended = true;
      this.waiting?.(undefined);
      this.waiting = undefined;
    });
  }

  say(text: string): void {
    this.io.stdout.write(`${text}\n`);
  }

  ask(question: string): Promise<string | undefined> {
    this.io.stdout.write(question);
    if (this.lines.length) return Promise.resolve(this.lines.shift());
    if (this.ended) return Promise.resolve(undefined);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  /**
   * Several answers, one per line, until an empty line; a line `check` finds wrong is explained
   * and not kept; the list ends only once it has `min` items.
   */
  async askList(question: string, options: { check?: (line: string) => string | undefined; min?: number } = {}): Promise<string[] | undefined> {
    this.say(question);
    const out: string[] = [];
    for (;;) {
      const line = await this.ask('  > ');
      if (line === undefined) return out.length >= (options.min ?? 0) ? out : undefined;
      if (!line.trim()) {
        if (out.length >= (options.min ?? 0)) return out;
        this.say(`  give at least ${options.min} (one per line)`);
        continue;
      }
      const problem = options.check?.(line.trim());
      if (problem) this.say(`  ${problem}; type it again`);
      else out.push(line.trim());
    }
  }

  /** Free text over several lines, until a line holding only a dot. */
  async askText(question: string): Promise<string | undefined> {
    this.io.stdout.write(`${question}\n`);
    const out: string[] = [];
    for (;;) {
      const line = await this.ask('');
      if (line === undefined) return out.length ? out.join('\n') : undefined;
      if (line.trim() === '.') return out.join('\n');
      out.push(line);
    }
  }

  close(): void {
    this.rl.close();
  }
}

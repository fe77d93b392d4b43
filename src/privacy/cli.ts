import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { PiiFinding } from './types.js';
import type { PrivacyShield } from './shield.js';

export interface RedactIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export const REDACT_USAGE = `Usage :
  redact "texte"            affiche le texte avec les données personnelles masquées
  redact "texte" --json     affiche un objet JSON { redacted, findings }
  redact --jsonl            lit l'entrée standard ligne à ligne (texte brut ou {"id","text"})
                            et écrit une ligne JSON par entrée : { id, redacted, findings }
  redact                    sans texte : masque tout ce qui arrive sur l'entrée standard
`;

interface Options {
  json: boolean;
  jsonl: boolean;
  help: boolean;
  text: string[];
  unknown: string[];
}

function parseArgs(args: readonly string[]): Options {
  const list = args.length >= 2 && args[0] === 'redact' ? args.slice(1) : [...args];
  const opts: Options = { json: false, jsonl: false, help: false, text: [], unknown: [] };
  let literal = false;
  for (const a of list) {
    if (literal) opts.text.push(a);
    else if (a === '--') literal = true;
    else if (a === '--json') opts.json = true;
    else if (a === '--jsonl') opts.jsonl = true;
    else if (a === '--help' || a === '-h') opts.help = true;
    else if (a.startsWith('--')) opts.unknown.push(a);
    else opts.text.push(a);
  }
  return opts;
}

async function write(out: NodeJS.WritableStream, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

function publicFindings(findings: readonly PiiFinding[]): PiiFinding[] {
  return findings.map((f) => ({ type: f.type, start: f.start, end: f.end }));
}

async function readAll(stdin: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  stdin.setEncoding?.('utf8');
  for await (const chunk of stdin) text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  return text;
}

/** One JSON line of `--jsonl` output for one input line; never throws. */
export function redactJsonlLine(line: string, lineNo: number, shield: PrivacyShield): Record<string, unknown> {
  const fallbackId = String(lineNo);
  const trimmed = line.trim();
  let id: unknown = fallbackId;
  let text: string;
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      return { id: fallbackId, error: `JSON invalide à la ligne ${lineNo} : attendu du texte brut ou un objet {"id","text"}` };
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      return { id: fallbackId, error: `la ligne ${lineNo} doit être un objet {"id","text"}` };
    }
    const obj = parsed as Record<string, unknown>;
    if (typeof obj['id'] === 'string' || typeof obj['id'] === 'number') id = obj['id'];
    if (typeof obj['text'] !== 'string') {
      return { id, error: `champ « text » manquant ou non textuel à la ligne ${lineNo}` };
    }
    text = obj['text'];
  } else {
    text = line;
  }
  try {
    const { redacted, findings } = shield.redact(text);
    return { id, redacted, findings: publicFindings(findings) };
  } catch (err) {
    return { id, error: `échec du masquage à la ligne ${lineNo} : ${(err as Error).message}` };
  }
}

async function runJsonl(io: RedactIo, shield: PrivacyShield): Promise<number> {
  const rl = createInterface({ input: io.stdin, crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of rl) {
    lineNo++;
    if (line.trim() === '') continue;
    await write(io.stdout, `${JSON.stringify(redactJsonlLine(line, lineNo, shield))}\n`);
  }
  return 0;
}

/**
 * `redact` command: plain text, `--json` or `--jsonl` (stdin). Returns the exit code:
 * 0 on success, 2 on a usage error.
 */
export async function runRedact(args: string[], io: RedactIo, shield: PrivacyShield): Promise<number> {
  const opts = parseArgs(args);
  if (opts.help) {
    await write(io.stdout, REDACT_USAGE);
    return 0;
  }
  if (opts.unknown.length > 0) {
    await write(io.stderr, `Option inconnue : ${opts.unknown.join(', ')}\n\n${REDACT_USAGE}`);
    return 2;
  }
  if (opts.jsonl) {
    if (opts.text.length > 0 || opts.json) {
      await write(io.stderr, `--jsonl lit l'entrée standard : n'indiquez ni texte ni --json.\n\n${REDACT_USAGE}`);
      return 2;
    }
    return runJsonl(io, shield);
  }
  let text: string;
  if (opts.text.length > 0) {
    text = opts.text.join(' ');
  } else {
    if ((io.stdin as { isTTY?: boolean }).isTTY) {
      await write(io.stderr, `Indiquez le texte à masquer.\n\n${REDACT_USAGE}`);
      return 2;
    }
    text = (await readAll(io.stdin)).replace(/\r?\n$/, '');
  }
  const { redacted, findings } = shield.redact(text);
  if (opts.json) await write(io.stdout, `${JSON.stringify({ redacted, findings: publicFindings(findings) })}\n`);
  else await write(io.stdout, `${redacted}\n`);
  return 0;
}

import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runRedact } from '../../src/privacy/cli.js';
import { shield } from './helpers.js';

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(args: string[], input = '', isTTY = false): Promise<Run> {
  const stdin = Readable.from(input === '' ? [] : [input]) as Readable & { isTTY?: boolean };
  stdin.isTTY = isTTY;
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const code = await runRedact(args, { stdin, stdout, stderr }, shield());
  return { code, out, err };
}

describe('redact command', () => {
  it('prints the redacted text', async () => {
    const r = await run(['M. Karim BENALI au 06 12 48 73 90']);
    expect(r).toEqual({ code: 0, out: 'M. [NOM] au [TÉLÉPHONE]\n', err: '' });
  });

  it('accepts the sub-command name in front of the text', async () => {
    const r = await run(['redact', 'Écrire à claire.fontaine@interieur.gouv.fr']);
    expect(r.out).toBe('Écrire à [EMAIL]\n');
  });

  it('prints one JSON object with --json', async () => {
    const r = await run(['Mme Rousseau', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ redacted: 'Mme [NOM]', findings: [{ type: 'person_name', start: 4, end: 12 }] });
  });

  it('reads the whole of stdin when no text is given', async () => {
    const r = await run([], 'IP 10.20.3.45\n');
    expect(r.out).toBe('IP [ADRESSE IP]\n');
  });

  it('fails with a usage message on an unknown option or an interactive stdin', async () => {
    const unknown = await run(['texte', '--yaml']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/Option inconnue : --yaml/);
    const tty = await run([], '', true);
    expect(tty.code).toBe(2);
    expect(tty.err).toMatch(/Indiquez le texte/);
    const mixed = await run(['texte', '--jsonl']);
    expect(mixed.code).toBe(2);
  });
});

describe('redact --jsonl', () => {
  it('handles plain lines, JSON lines and bad lines without stopping', async () => {
    const input = [
      'M. Karim BENALI au 06 12 48 73 90',
      '{"id":"m-1","text":"IP 192.168.14.27"}',
      '',
      '{"id":"m-2","text": oops}',
      '{"id":"m-3"}',
      '{"text":"mail a.petit@interieur.gouv.fr"}',
      '{"id":7,"text":"Rien à masquer"}',
      '[1,2]',
    ].join('\n');
    const r = await run(['--jsonl'], input);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(7);
    expect(lines[0]).toEqual({
      id: '1',
      redacted: 'M. [NOM] au [TÉLÉPHONE]',
      findings: [
        { type: 'person_name', start: 3, end: 15 },
        { type: 'phone', start: 19, end: 33 },
      ],
    });
    expect(lines[1]).toEqual({ id: 'm-1', redacted: 'IP [ADRESSE IP]', findings: [{ type: 'ip_address', start: 3, end: 16 }] });
    expect(lines[2]?.['id']).toBe('4');
    expect(lines[2]?.['error']).toMatch(/JSON invalide/);
    expect(lines[3]).toMatchObject({ id: 'm-3' });
    expect(lines[3]?.['error']).toMatch(/text/);
    expect(lines[4]).toMatchObject({ id: '6', redacted: 'mail [EMAIL]' });
    expect(lines[5]).toEqual({ id: 7, redacted: 'Rien à masquer', findings: [] });
    expect(lines[6]).toMatchObject({ id: '8', redacted: '[1,2]' });
  });

  it('handles Windows line endings and an empty input', async () => {
    const r = await run(['--jsonl'], 'Mme Rousseau\r\n{"id":"x","text":"M. Dupuis"}\r\n');
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l) as { redacted: string });
    expect(lines.map((l) => l.redacted)).toEqual(['Mme [NOM]', 'M. [NOM]']);
    expect((await run(['--jsonl'], '')).out).toBe('');
  });
});

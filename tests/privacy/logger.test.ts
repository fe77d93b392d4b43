import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CENSOR, createLogger, REDACTED_PATHS } from '../../src/logger.js';
import { shield } from './helpers.js';

/** Every logged text goes through the privacy shield; known fields are censored outright. */

const NIR = '1 75 03 75 123 456 78';
const PHONE = '06 12 48 73 90';
const NAME = 'Karim BENALI';
const RAW = /1 75 03 75 123 456 78|06 12 48 73 90|BENALI|FR77 3000|claire\.fontaine/;

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ level: 'trace', format: 'json', destination, shield: shield() });
  return { lines, logger, text: () => lines.join('') };
}

describe('logger: the privacy shield on every logged text', () => {
  it('masks the message and interpolated values', () => {
    const c = capture();
    c.logger.info(`rappeler ${NAME} au ${PHONE}`);
    c.logger.warn('NIR reçu : %s', NIR);
    expect(c.text()).not.toMatch(RAW);
    expect(c.text()).toContain('rappeler [NOM] au [TÉLÉPHONE]');
    expect(c.text()).toContain('NIR reçu : [NIR]');
  });

  it('masks strings in any field, at any depth, in arrays', () => {
    const c = capture();
    c.logger.debug({ detail: `IBAN FR77 3000 4008 1900 0123 4567 879`, nested: { deeper: [{ note: `écrire à claire.fontaine@interieur.gouv.fr` }] } }, 'problem');
    const line = JSON.parse(c.lines[0]!) as { detail: string; nested: { deeper: { note: string }[] } };
    expect(line.detail).toBe('IBAN [IBAN]');
    expect(line.nested.deeper[0]!.note).toBe('écrire à [EMAIL]');
  });

  it('masks errors whose message holds user text: as a field, as the first argument, with a cause', () => {
    const c = capture();
    const e = new Error(`unexpected input « NIR ${NIR} »`, { cause: new Error(`from ${NAME}`) });
    c.logger.error({ err: e }, 'turn failed');
    c.logger.error(e);
    c.logger.error({ err: e.message, stack: e.stack }, 'turn failed');
    expect(c.text()).not.toMatch(RAW);
    const [asField, asArg, asStrings] = c.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(asField!.err).toMatchObject({ type: 'Error', message: 'unexpected input « NIR [NIR] »', cause: { message: 'from [NOM]' } });
    expect(String((asField!.err as { stack: string }).stack)).toMatch(/^Error: unexpected input « NIR \[NIR\] »/);
    expect(asArg!.msg).toBe('unexpected input « NIR [NIR] »');
    expect(asStrings!.err).toBe('unexpected input « NIR [NIR] »');
  });

  it('masks child-logger bindings', () => {
    const c = capture();
    c.logger.child({ about: `dossier de ${NAME}` }).info('x');
    c.logger.child({ channel: 'matrix' }).child({ about: `tel ${PHONE}` }).info('y');
    expect(c.text()).not.toMatch(RAW);
    expect(c.text()).toContain('dossier de [NOM]');
    expect(c.text()).toContain('tel [TÉLÉPHONE]');
  });

  it('censors known fields outright, even redacted text', () => {
    const c = capture();
    c.logger.info({ text: 'bonjour', question: 'une question', user: { name: 'Claire Martin', id: 'u1' }, activity: { text: 'salut', from: { name: 'Paul' } }, item: { text: 'x' } }, 'turn');
    const line = JSON.parse(c.lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({ text: CENSOR, question: CENSOR, user: { name: CENSOR, id: 'u1' }, activity: { text: CENSOR, from: { name: CENSOR } }, item: { text: CENSOR } });
    expect(REDACTED_PATHS).toEqual(expect.arrayContaining(['text', 'question', 'answer', 'user.name', 'userId']));
  });

  it('leaves operational fields readable: numbers, levels, channels, types of data, the bound host', () => {
    const c = capture();
    c.logger.info({ channel: 'teams', intent: 'tool_check', pii: ['nir', 'phone'], ms: 12, ticket: 4, host: '127.0.0.1' }, 'turn');
    expect(JSON.parse(c.lines[0]!)).toMatchObject({ channel: 'teams', intent: 'tool_check', pii: ['nir', 'phone'], ms: 12, ticket: 4, host: '127.0.0.1', msg: 'turn', level: 30 });
  });

  it('survives cycles and very deep objects', () => {
    const c = capture();
    const a: Record<string, unknown> = { note: `tel ${PHONE}` };
    a.self = a;
    let deep: Record<string, unknown> = { leaf: NAME };
    for (let i = 0; i < 20; i++) deep = { deep };
    c.logger.info({ a, deep }, 'odd');
    expect(c.text()).not.toMatch(RAW);
    expect(c.text()).toContain('[Circular]');
  });

  it('masks the pretty (terminal) format as well', () => {
    const dir = mkdtempSync(join(tmpdir(), 'charte-log-'));
    const file = join(dir, 'pretty.log');
    const fd = openSync(file, 'w');
    try {
      const logger = createLogger({ level: 'info', format: 'pretty', fd, shield: shield() });
      logger.info({ note: `NIR ${NIR}` }, `rappeler ${NAME}`);
      logger.flush();
      const out = readFileSync(file, 'utf8');
      expect(out).toContain('rappeler [NOM]');
      expect(out).toContain('NIR [NIR]');
      expect(out).not.toMatch(RAW);
    } finally {
      closeSync(fd);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

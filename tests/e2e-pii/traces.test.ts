import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PiiCase } from '../../src/privacy/score.js';
import { AMBASSADOR as PAUL } from '../teams/support/activities.js';
import { ESCALATIONS } from './escalations.js';
import { describeHits, scanDatabase, scanDatabaseFiles, scanText, type Hit, type RawValue } from './support/scanner.js';
import { newAgent, PiiWorld } from './support/world.js';

/**
 * « No personal data in traces », end to end: the PII dev set and a set of escalations go through
 * the running bot (launcher, Teams HTTP endpoint, SQLite file, logs at trace level); then the log
 * output, everything the bot sent, every column of every table and the raw database files (WAL
 * included, before and after the store is closed) are scanned for each raw value: none may be found.
 */

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEV_SET = readFileSync(join(ROOT, 'tests', 'eval', 'pii-dev.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as PiiCase);

const VALUES: RawValue[] = [...DEV_SET.flatMap((c) => c.pii), ...ESCALATIONS.flatMap((c) => c.pii)];

let w: PiiWorld;
const hits: Hit[] = [];
let openedTickets = 0;

beforeAll(async () => {
  w = await PiiWorld.start();
  // The ambassador has written once to the bot: it knows his personal chat and notifies him there.
  await w.say(PAUL, 'liste');

  // The dev set: each message asked as a question, then handed off to an ambassador.
  for (const c of DEV_SET) {
    const agent = newAgent(c.id ?? 'dev');
    await w.say(agent, c.text);
    await w.say(agent, 'Je veux parler à un ambassadeur');
    await w.handOff(agent, c.text);
    openedTickets++;
  }

  // The escalations: the whole life of a ticket, with personal data at every step.
  for (const c of ESCALATIONS) {
    const agent = newAgent(c.id);
    await w.say(agent, 'Je voudrais poser une question à un ambassadeur IA');
    const id = await w.handOff(agent, c.text, c.unit);
    openedTickets++;
    if (c.followUp) {
      await w.say(agent, c.followUp);
      await w.press(agent, /^Ajouter ce message à ma demande/);
    }
    await w.say(PAUL, `prendre ${id}`);
    await w.say(PAUL, `répondre ${id} ${c.answer}`);
    await w.say(PAUL, c.faq ? `fermer ${id} faq` : `fermer ${id}`);
    await w.say(agent, 'mes demandes');
  }
  await w.settle();
  // A careless component logging an error that carries the raw message (the shield must catch it).
  for (const c of ESCALATIONS) w.app.services.logger.error({ err: new Error(`cannot handle: ${c.text}`) }, `failed on: ${c.text}`);

  // While running: rows through SQLite (WAL content included) and the raw files as they are.
  hits.push(...scanDatabase(w.databasePath, VALUES));
  hits.push(...scanDatabaseFiles(w.databasePath, VALUES).map((h) => ({ ...h, where: `${h.where} (running)` })));
  // FAQ drafts written for DTNUM (« fermer N faq »): redacted texts only.
  const drafts = join(w.dir, 'drafts');
  expect(readdirSync(drafts).filter((f) => f.endsWith('.md')).length).toBe(ESCALATIONS.filter((c) => c.faq).length);
  for (const f of readdirSync(drafts).filter((f) => f.endsWith('.md'))) hits.push(...scanText(`FAQ draft ${f}`, readFileSync(join(drafts, f), 'utf8'), VALUES));
  hits.push(...scanText('sent by the bot', JSON.stringify(w.connector.calls.filter((c) => !isReplyToAgent(c.conversationId))), VALUES));
  await w.stop();
  // Once closed: the checkpointed file.
  hits.push(...scanDatabaseFiles(w.databasePath, VALUES).map((h) => ({ ...h, where: `${h.where} (closed)` })));
  hits.push(...scanText('log', w.logText(), VALUES));
}, 300_000);

afterAll(() => {
  w?.cleanup();
});

/** Conversations of agents (they typed the data themselves): everything else is an ambassador's chat. */
function isReplyToAgent(conversationId: string): boolean {
  return conversationId.includes('agent-');
}

describe('no personal data in traces (dev set + escalations through the running bot)', () => {
  it('ran every case to its ticket, with logs at trace level', () => {
    expect(openedTickets).toBe(DEV_SET.length + ESCALATIONS.length);
    expect(VALUES.length).toBeGreaterThanOrEqual(80);
    expect(w.app.services.logger.level).toBe('trace');
    // Verbose logging really was on: turns and ticket openings are in the captured output.
    const log = w.logText();
    expect(log).toMatch(/"msg":"turn"/);
    expect(log).toMatch(/"msg":"ticket opened"/);
    expect(log.split('\n').length).toBeGreaterThan(200);
  });

  it('finds none of the raw values in the logs, the database (rows, file, WAL) or what the ambassadors received', () => {
    expect(describeHits(hits)).toBe('');
  });

  it('finds none of the raw values in what the bot sent to the agents either', () => {
    const toAgents = w.connector.calls.filter((c) => isReplyToAgent(c.conversationId));
    expect(toAgents.length).toBeGreaterThan(100);
    expect(describeHits(scanText('sent to agents', JSON.stringify(toAgents), VALUES))).toBe('');
  });
});

import { describe, it, expect } from 'vitest';
import { mkdtempSync, cpSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config.js';
import { runCli, jsonLines } from './run-cli.js';

describe('charte-ia ask --jsonl (machine interface)', () => {
  it('answers one JSON line per input line with exactly the contract fields', async () => {
    const input = [
      '{"id":"a","q":"Puis-je utiliser ChatGPT pour résumer le dossier de Mme Sophie Leroy ?"}',
      'Qui a signé la circulaire ?',
      '{"id":"c","q":"Je veux parler à un humain"}',
      '{"id":"d"}',
      '',
      '{pas du json',
    ].join('\n');
    const { code, stdout } = await runCli(['ask', '--jsonl'], input);
    expect(code).toBe(0);
    const lines = jsonLines(stdout);
    expect(lines).toHaveLength(6);
    const keys = ['id', 'intent', 'verdict', 'tier', 'answer', 'sources', 'confidence', 'escalate', 'privacy'];
    for (const l of lines.slice(0, 3)) expect(Object.keys(l)).toEqual(keys);
    expect(lines[0]).toMatchObject({ id: 'a', intent: 'tool_check', verdict: 'not_allowed', tier: 'public_ai', privacy: { findings: ['person_name'] } });
    expect(lines[0]!.answer).not.toMatch(/Leroy/);
    expect(lines[1]).toMatchObject({ id: '2', intent: 'charter_question', verdict: null, tier: null, escalate: false });
    expect(lines[1]!.answer).toMatch(/Moutouh/);
    expect(lines[1]!.sources[0]).toEqual({ id: 'signataire-circulaire', title: expect.any(String) });
    expect(lines[2]).toMatchObject({ id: 'c', intent: 'escalation_request', escalate: true });
    expect(lines[3]).toMatchObject({ id: 'd', error: expect.stringMatching(/missing "q"/) });
    expect(lines[4]).toMatchObject({ id: '5', intent: 'help' });
    expect(lines[5]).toMatchObject({ id: '6', error: 'invalid JSON line' });
  });
});

describe('charte-ia chat --transcript', () => {
  it('replays the full escalation flow with an agent and two ambassadors', async () => {
    const { code, stdout } = await runCli(['chat', '--transcript', join('tests', 'transcripts', 'escalation-full.jsonl')]);
    expect(code).toBe(0);
    const lines = jsonLines(stdout);
    for (const l of lines) expect(Object.keys(l).slice(0, 4)).toEqual(['to', 'text', 'choices', 'card']);
    const to = (who: string) => lines.filter((l) => l.to === who).map((l) => l.text as string);
    expect(to('agent-1').join('\n')).toMatch(/votre demande \*\*#1\*\*/);
    expect(to('ambassadeur-national').join('\n')).toMatch(/Nouvelle demande #1/);
    expect(lines.filter((l) => l.updates).length).toBeGreaterThanOrEqual(2);
    expect(to('ambassadeur-national-2').join('\n')).toMatch(/déjà prise en charge/);
    expect(to('agent-3').join('\n')).toMatch(/réservée aux ambassadeurs/);
    expect(to('agent-1').join('\n')).toMatch(/Réponse de votre ambassadeur IA/);
    expect(to('ambassadeur-national').join('\n')).toMatch(/Message de l’agent/);
    expect(to('agent-1').join('\n')).toMatch(/Notez-la de 1 à 5/);
    expect(to('agent-1').at(-1)).toMatch(/#1 — Close/);
    expect(stdout).not.toMatch(/BENALI/);
  });

  it('collects the case after a bare request, routes « préfecture du Rhône » and relays the answer', async () => {
    const { code, stdout } = await runCli(['chat', '--transcript', join('tests', 'transcripts', 'escalation-case.jsonl')]);
    expect(code).toBe(0);
    const lines = jsonLines(stdout);
    const to = (who: string) => lines.filter((l) => l.to === who).map((l) => l.text as string);
    const agent = to('agent-rhone');
    const masked = "> Mme [NOM] m'a appelé au [TÉLÉPHONE] : elle demande si le service peut utiliser ChatGPT pour rédiger la réponse à son recours.";
    expect(agent[0]).toMatch(/Décrivez votre question ou votre situation/);
    expect(agent.find((t) => /Voici ce qui sera transmis/.test(t))).toContain(`\n${masked}\n`);
    const notice = to('ambassadeur-national').find((t) => /Nouvelle demande #1/.test(t))!;
    expect(notice).toContain(masked);
    expect(notice).toContain('**Structure de l’agent** : Préfecture du Rhône, transmis au pool national faute d’ambassadeur disponible');
    expect(agent.join('\n')).toMatch(/Réponse de votre ambassadeur IA[\s\S]*Passez par l'application métier ou par MIRAI/);
    expect(to('ambassadeur-national').join('\n')).toMatch(/Réponse transmise à l’agent \(demande #1\)/);
    expect(to('ambassadeur-national').at(-1)).toMatch(/close entre-temps par vous[\s\S]*> J'ajoute : gardez une trace/);
    expect(agent.join('\n')).not.toMatch(/gardez une trace/);
    expect(stdout).not.toMatch(/Sophie|Martin|06 12 48/);
  });

  it('reports a bad transcript line on stderr and goes on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tr-'));
    const file = join(dir, 't.jsonl');
    writeFileSync(file, '{"from":"a","text":"bonjour"}\n{"text":"sans auteur"}\nnimporte quoi\n{"from":"a","text":"aide"}\n');
    const { code, stdout, stderr } = await runCli(['chat', '--transcript', file]);
    expect(code).toBe(1);
    expect(jsonLines(stdout).length).toBeGreaterThanOrEqual(2);
    expect(stderr).toMatch(/line 2: from: Required/);
    expect(stderr).toMatch(/line 3: not valid JSON/);
  });
});

describe('charte-ia kb drafts / unanswered (for DTNUM)', () => {
  it('lists the FAQ draft files of closed tickets and the unanswered questions kept in the database', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'db-')), 'charte.db');
    const drafts = join(mkdtempSync(join(tmpdir(), 'drafts-')), 'drafts');
    const transcript = join(mkdtempSync(join(tmpdir(), 'tr-')), 't.jsonl');
    writeFileSync(
      transcript,
      [
        '{"from":"agent-1","text":"Quel est le budget consacré à l’IA par le ministère en 2027 ?"}',
        '{"from":"agent-1","text":"Poser la question à un ambassadeur"}',
        '{"from":"agent-1","text":"1"}',
        '{"from":"agent-1","text":"Envoyer"}',
        '{"from":"ambassadeur-national","text":"prendre 1"}',
        '{"from":"ambassadeur-national","text":"répondre 1 La circulaire ne fixe pas de budget ; la DTNUM pourra vous renseigner."}',
        '{"from":"ambassadeur-national","text":"fermer 1 faq"}',
      ].join('\n'),
    );
    const env = { KB_DRAFTS_DIR: drafts };
    expect((await runCli(['chat', '--transcript', transcript, '--database', db], '', env)).code).toBe(0);
    const file = readFileSync(join(drafts, 'budget-consacre-ia-ministere-2027.md'), 'utf8');
    expect(file).toMatch(/^# Provenance : demande #1, réponse de Camille Exemple \(fictif\) \[exemple-camille\]/m);
    expect(file).toMatch(/La circulaire ne fixe pas de budget/);
    expect(file).toMatch(/^sources: \[\]$/m);
    const listed = await runCli(['kb', 'drafts', '--database', db], '', env);
    expect(listed.stdout).toMatch(/^- budget-consacre-ia-ministere-2027\.md {2}\(demande #1 du \d{4}-\d{2}-\d{2}, Camille Exemple \(fictif\)\)$/m);
    expect(listed.stdout).toMatch(/« Quel est le budget consacré à l’IA par le ministère en 2027 \? »\n {4}à compléter : une source/);
    expect(listed.stdout).not.toMatch(/sans fichier/);
    const unanswered = await runCli(['kb', 'unanswered', '--database', db]);
    expect(unanswered.stdout).toMatch(/budget consacré à l’IA/);
  });
});

describe('charte-ia chat (console)', () => {
  it('holds a conversation, numbered choices included', async () => {
    const { code, stdout } = await runCli(['chat'], 'Bonjour\n3\nQuel temps fera-t-il demain ?\n', { DATABASE_PATH: ':memory:' });
    expect(code).toBe(0);
    expect(stdout).toMatch(/bot › Bonjour/);
    expect(stdout).toMatch(/portail de solutions d'IA/); // choice 3 of the greeting: « Qu’est-ce que MIRAI ? »
    expect(stdout).toMatch(/sort de mon domaine/);
  });
});

describe('charte-ia redact and kb check', () => {
  it('redact --jsonl follows its contract', async () => {
    const { stdout } = await runCli(['redact', '--jsonl'], '{"id":"x","text":"Appelez M. Karim BENALI au 06 12 48 73 90."}\n');
    const [line] = jsonLines(stdout);
    expect(line).toMatchObject({ id: 'x', redacted: 'Appelez M. [NOM] au [TÉLÉPHONE].' });
    expect(line!.findings).toEqual([
      { type: 'person_name', start: 11, end: 23 },
      { type: 'phone', start: 27, end: 41 },
    ]);
  });

  it('kb check lists every problem of a broken knowledge folder, with file and fix', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb-'));
    cpSync(join(PROJECT_ROOT, 'knowledge'), dir, { recursive: true });
    writeFileSync(join(dir, 'faq', 'mirai-portail.md'), '---\nid: mirai-portail\ntitle: [oops\n---\nTexte');
    writeFileSync(join(dir, 'tools.yaml'), 'tools: 12\n');
    const { code, stderr } = await runCli(['kb', 'check', '--knowledge', dir]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/faq\/mirai-portail\.md:\d+: invalid YAML/);
    expect(stderr).toMatch(/tools\.yaml/);
  });

  it('kb check validates the concept layer: unknown concepts, bad ids, stop-word-only words, unused concepts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb-'));
    cpSync(join(PROJECT_ROOT, 'knowledge'), dir, { recursive: true });
    const entry = join(dir, 'faq', 'mirai-portail.md');
    writeFileSync(entry, readFileSync(entry, 'utf8').replace(/^concepts: \[/m, 'concepts: [portail-inconnu, '));
    writeFileSync(join(dir, 'concepts.yaml'), `${readFileSync(join(dir, 'concepts.yaml'), 'utf8')}\n  - id: Mauvais Id\n    label: "Un concept mal nommé"\n    words: [exemple]\n  - id: vide-de-sens\n    label: "Mots vides"\n    words: [de la]\n`);
    const { code, stderr } = await runCli(['kb', 'check', '--knowledge', dir]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/faq\/mirai-portail\.md \[concepts\]: concept "portail-inconnu" is not defined in concepts\.yaml \(fix: /);
    expect(stderr).toMatch(/concepts\.yaml:\d+ \[concepts\.\d+\.id\]: id must be kebab-case/);
    writeFileSync(entry, readFileSync(entry, 'utf8').replace('portail-inconnu, ', ''));
    writeFileSync(join(dir, 'concepts.yaml'), readFileSync(join(dir, 'concepts.yaml'), 'utf8').replace(/\n  - id: Mauvais Id[\s\S]*$/, '\n  - id: vide-de-sens\n    label: "Mots vides"\n    words: [de la]\n'));
    const second = await runCli(['kb', 'check', '--knowledge', dir]);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/concepts\.yaml \[concepts\.vide-de-sens\]: "de la" has only stop words/);
    writeFileSync(join(dir, 'concepts.yaml'), readFileSync(join(dir, 'concepts.yaml'), 'utf8').replace('words: [de la]', 'words: [exemple rare]'));
    const third = await runCli(['kb', 'check', '--knowledge', dir]);
    expect(third.code).toBe(0);
    expect(third.stdout).toMatch(/note +concepts\.yaml \[concepts\.vide-de-sens\]: concept "vide-de-sens" is listed by no entry/);
  }, 60_000); // three CLI processes: slow on a loaded machine, not a speed goal

  it('kb check passes on the shipped knowledge', async () => {
    const { code, stdout } = await runCli(['kb', 'check']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Knowledge OK: \d+ FAQ entries/);
  });

  it('refuses an invalid setting with the variable name', async () => {
    const { code, stderr } = await runCli(['ask', 'bonjour'], '', { CONFIDENCE_THRESHOLD: 'beaucoup' });
    expect(code).toBe(78);
    expect(stderr).toMatch(/CONFIDENCE_THRESHOLD="beaucoup"/);
  });
});

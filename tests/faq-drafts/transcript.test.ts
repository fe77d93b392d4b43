import { afterAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, jsonLines } from '../cli/run-cli.js';
import { copyKnowledge } from '../helpers/knowledge-copy.js';

const kb = copyKnowledge();
afterAll(() => kb.remove());

describe('from answer to FAQ, end to end (charte-ia chat --transcript)', () => {
  it('agent asks → ambassador answers → « fermer 1 faq » → admin adds a source and publishes → the bot answers from the new entry', async () => {
    const before = readdirSync(join(kb.dir, 'faq'));
    const { code, stdout, stderr } = await runCli(['chat', '--transcript', join('tests', 'transcripts', 'faq-draft-flow.jsonl'), '--knowledge', kb.dir], '', { KB_ADMINS: 'console:dtnum-admin' });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = jsonLines(stdout);
    const to = (who: string) => lines.filter((l) => l.to === who && !l.proactive).map((l) => l.text as string);
    const agent = to('agent-1');
    const admin = to('dtnum-admin');
    // 1. Nothing in the knowledge answers it: the agent asks an ambassador, who answers and proposes the answer.
    expect(agent.join('\n')).toMatch(/votre demande \*\*#1\*\*/);
    expect(to('ambassadeur-national').at(-1)).toMatch(/Demande #1 close\. Votre réponse est proposée à la DTNUM comme brouillon de FAQ/);
    // 2. Only an admin sees the drafts.
    expect(agent.find((t) => /réservées aux administrateurs/.test(t))).toBeDefined();
    expect(admin[0]).toMatch(/^1 brouillon\(s\) de FAQ à relire :\n- \*\*budget-consacre-ia-ministere-2027\*\* — « Quel est le budget consacré à l’IA par le ministère en 2027 \? » — demande #1, réponse de Camille Exemple \(fictif\), le \d{4}-\d{2}-\d{2} — à compléter : une source/);
    // 3. Publishing without a source is refused; with one it goes through.
    expect(admin[1]).toMatch(/n’est pas publié \(rien n’a été modifié\)[\s\S]*il manque la source/);
    expect(admin[2]).toMatch(/source ajoutée\. Il est prêt/);
    expect(admin[3]).toMatch(/^✅ Entrée « Quel est le budget consacré à l’IA par le ministère en 2027 \? » publiée \(faq\/budget-consacre-ia-ministere-2027\.md\)/);
    // 4. The same question is now answered by the bot, from the new entry, citing its real source.
    const last = lines.filter((l) => l.to === 'agent-1').at(-1)!;
    expect(last.text).toMatch(/La circulaire ne fixe pas de budget pour l’IA/);
    expect(last.text).toMatch(/Source : Circulaire de diffusion de la charte/);
    expect(last.text).not.toMatch(/ambassadeur/i);
    expect(readdirSync(join(kb.dir, 'faq')).sort()).toEqual([...before, 'budget-consacre-ia-ministere-2027.md'].sort());
    expect(readFileSync(join(kb.dir, 'faq', 'budget-consacre-ia-ministere-2027.md'), 'utf8')).toMatch(/^# Provenance : demande #1, réponse de Camille Exemple/m);
  });
});

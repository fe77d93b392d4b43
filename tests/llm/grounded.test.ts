import { describe, expect, it } from 'vitest';
import { caveatsOf, groundedPrompt, verifyGrounded } from '../../src/llm/grounded.js';
import { cuesOf, SupportSource } from '../../src/llm/support.js';
import { contradictsVerdict, verifyVerdict } from '../../src/llm/verdict-phrasing.js';
import { parseRewrite } from '../../src/llm/rewrite.js';
import { loadKnowledge } from '../../src/knowledge/snapshot.js';
import { assessToolQuestion } from '../../src/policy/index.js';

const kb = loadKnowledge('knowledge');
const ambassadors = kb.byId.get('ambassadeurs-ia')!;
const mirai = kb.byId.get('mirai-portail')!;
/** The limits of the ambassadors entry, always shown. */
const CAVEAT = 'La circulaire ne précise ni le nombre d\'ambassadeurs, ni leur répartition, ni les moyens consacrés au réseau.';
const answer = (sentences: { text: string; entry: string }[]) => JSON.stringify({ sentences });

describe('grounded wording: each sentence must come from the entry it is tagged with', () => {
  const supported = { text: 'Le réseau d’ambassadeurs IA est développé par la DTNUM.', entry: 'ambassadeurs-ia' };
  const supported2 = { text: 'Un ambassadeur IA est le bon interlocuteur quand la charte ne répond pas clairement à votre situation.', entry: 'ambassadeurs-ia' };

  it('keeps the supported sentences and drops the invented, the untagged and the mis-tagged ones', () => {
    const result = verifyGrounded(
      answer([
        supported,
        { text: 'Le réseau compte 250 ambassadeurs répartis dans chaque préfecture.', entry: 'ambassadeurs-ia' }, // invented figure and facts
        supported2,
        { text: 'Le réseau d’ambassadeurs IA est développé par la DTNUM.', entry: 'mirai-portail' }, // tagged with an entry not given
        { text: 'Les ambassadeurs IA aident à diffuser les bonnes pratiques d’usage de l’IA.', entry: 'inconnu' }, // unknown id
        { text: 'Les ambassadeurs IA aident à diffuser les bonnes pratiques d’usage de l’IA.', entry: 'ambassadeurs-ia' },
      ]),
      [ambassadors],
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.sentences.map((s) => s.text)).toEqual([supported.text, supported2.text, 'Les ambassadeurs IA aident à diffuser les bonnes pratiques d’usage de l’IA.', CAVEAT]);
    expect(result.dropped).toBe(3);
  });

  it('drops a sentence that turns the entry’s polarity around with its own words', () => {
    const flipped = { text: 'La charte est autorisée à répondre clairement à votre situation sans ambassadeur IA.', entry: 'ambassadeurs-ia' };
    const r = verifyGrounded(answer([supported, supported2, flipped]), [ambassadors]);
    expect(r.ok && r.sentences.map((s) => s.text)).toEqual([supported.text, supported2.text, CAVEAT]);
  });

  it('drops masks, links and markup', () => {
    const r = verifyGrounded(
      answer([
        supported,
        supported2,
        { text: 'Écrivez à [NOM], ambassadeur IA de la DTNUM.', entry: 'ambassadeurs-ia' },
        { text: 'Les ambassadeurs IA de la DTNUM : https://exemple.invalid/ambassadeurs', entry: 'ambassadeurs-ia' },
      ]),
      [ambassadors],
    );
    expect(r.ok && r.sentences.length).toBe(3);
    const html = verifyGrounded(answer([{ text: '<b>Le réseau d’ambassadeurs IA</b> est développé par la DTNUM.', entry: 'ambassadeurs-ia' }]), [ambassadors]);
    expect(html.ok && html.sentences[0]!.text).toBe('Le réseau d’ambassadeurs IA est développé par la DTNUM.');
  });

  it('the entry’s limits (« la circulaire ne précise pas… ») are never lost: added word for word unless restated', () => {
    expect(caveatsOf(ambassadors)).toEqual([CAVEAT]);
    const r = verifyGrounded(answer([supported, supported2]), [ambassadors]);
    expect(r.ok && r.sentences.at(-1)).toEqual({ text: CAVEAT, entryId: 'ambassadeurs-ia' });
    const restated = { text: 'La circulaire ne précise ni le nombre d’ambassadeurs ni leur répartition.', entry: 'ambassadeurs-ia' };
    const again = verifyGrounded(answer([supported, restated]), [ambassadors]);
    expect(again.ok && again.sentences.map((s) => s.text)).toEqual([supported.text, restated.text]);
  });

  it('too little survives: rejected (the lexical answer is kept)', () => {
    const invented = { text: 'Les ambassadeurs IA signent chaque autorisation d’usage de ChatGPT.', entry: 'ambassadeurs-ia' };
    expect(verifyGrounded(answer([supported, invented, { ...invented, text: 'Chaque préfecture compte 12 ambassadeurs.' }]), [ambassadors])).toMatchObject({ ok: false, reason: 'rejected' });
    // With two entries, each must be represented.
    expect(verifyGrounded(answer([supported, supported2]), [ambassadors, mirai])).toMatchObject({ ok: false, reason: 'rejected' });
    // A single very short sentence is not an answer.
    expect(verifyGrounded(answer([{ text: 'Réseau DTNUM.', entry: 'ambassadeurs-ia' }]), [ambassadors])).toMatchObject({ ok: false });
  });

  it('not the JSON asked for, or nothing: invalid / empty', () => {
    expect(verifyGrounded('', [ambassadors])).toMatchObject({ ok: false, reason: 'empty' });
    expect(verifyGrounded('Les ambassadeurs IA sont développés par la DTNUM.', [ambassadors])).toMatchObject({ ok: false, reason: 'invalid' });
    expect(verifyGrounded('{"sentences": "Le réseau"}', [ambassadors])).toMatchObject({ ok: false, reason: 'invalid' });
    expect(verifyGrounded('{"sentences": []}', [ambassadors])).toMatchObject({ ok: false, reason: 'invalid' });
    // A Markdown fence around the JSON is tolerated.
    expect(verifyGrounded('```json\n' + answer([supported, supported2]) + '\n```', [ambassadors]).ok).toBe(true);
  });

  it('the prompt gives each entry with its id and asks for tagged sentences', () => {
    const p = groundedPrompt('Qui sont les ambassadeurs IA ?', [ambassadors, mirai]);
    const user = p.user.join('');
    expect(user).toContain('[ambassadeurs-ia] Qui sont les ambassadeurs IA et quel est leur rôle ?');
    expect(user).toContain('[mirai-portail] ');
    expect(user).not.toContain('**');
    expect(user.endsWith('\n\nQuestion de l’agent : Qui sont les ambassadeurs IA ?')).toBe(true);
    expect(p.system).toContain('{"sentences":[{"text":"<phrase>","entry":"<identifiant du passage>"}]}');
  });
});

describe('support and polarity cues', () => {
  it('numbers must be the source’s', () => {
    const s = new SupportSource('La charte a été adoptée le 3 juin 2025 par le comité.');
    expect(s.check('La charte a été adoptée le 3 juin 2025.').supported).toBe(true);
    expect(s.check('La charte a été adoptée le 4 juin 2025.').supported).toBe(false);
  });
  it('tells a permission from a negated one', () => {
    expect(cuesOf('C’est autorisé.')).toMatchObject({ affirmativeAllow: true, negatedAllow: false });
    expect(cuesOf('Ce n’est pas autorisé.')).toMatchObject({ affirmativeAllow: false, negatedAllow: true });
    expect(cuesOf('Vous ne pouvez pas le faire.')).toMatchObject({ affirmativeAllow: false, negatedAllow: true });
    expect(cuesOf('Usage non autorisé.')).toMatchObject({ negatedAllow: true });
    expect(cuesOf('La circulaire interdit de saisir ces données.').cues.has('ban')).toBe(true);
  });
});

describe('verdict wording never contradicts the verdict', () => {
  const policy = kb.policy;
  const notAllowed = assessToolQuestion('Puis-je utiliser ChatGPT pour résumer un dossier contenant des données personnelles d’usagers ?', { policy, piiTypes: [] });
  const allowed = assessToolQuestion('Puis-je utiliser MIRAI pour reformuler une note de service sans données personnelles ?', { policy, piiTypes: [] });

  it('the cases are what they should be', () => {
    expect(notAllowed.verdict).toBe('not_allowed');
    expect(['allowed', 'allowed_with_conditions']).toContain(allowed.verdict);
  });
  it('« autorisé », « vous pouvez », « oui » for a not-allowed verdict: contradiction', () => {
    for (const text of ['C’est autorisé.', 'Vous pouvez utiliser ChatGPT.', 'Oui, sans problème.', 'L’usage est possible avec prudence.']) {
      expect(contradictsVerdict(text, notAllowed)).toBe(true);
    }
    expect(contradictsVerdict('Ce n’est pas autorisé : la circulaire interdit de transmettre des données à caractère personnel.', notAllowed)).toBe(false);
  });
  it('a ban or « pas autorisé » for an allowed verdict: contradiction', () => {
    expect(contradictsVerdict('MIRAI n’est pas autorisé pour cela.', allowed)).toBe(true);
    expect(contradictsVerdict('C’est interdit.', allowed)).toBe(true);
  });
  it('verifyVerdict: JSON, support by the engine’s text, no contradiction', () => {
    expect(verifyVerdict('', notAllowed)).toEqual({ ok: false, reason: 'empty' });
    expect(verifyVerdict('pas du JSON', notAllowed)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyVerdict(JSON.stringify({ explanation: 'C’est autorisé.' }), notAllowed)).toEqual({ ok: false, reason: 'rejected' });
    // Supported words, but an added rule the engine never said.
    expect(verifyVerdict(JSON.stringify({ explanation: 'La circulaire interdit les outils d’IA grand public le week-end.' }), notAllowed).ok).toBe(false);
    const good = verifyVerdict(JSON.stringify({ explanation: 'Avec un outil d’IA grand public, la circulaire interdit de transmettre des données à caractère personnel.' }), notAllowed);
    expect(good).toEqual({ ok: true, explanation: 'Avec un outil d’IA grand public, la circulaire interdit de transmettre des données à caractère personnel.' });
  });
});

describe('query rewriting answer', () => {
  it('one usable line, or nothing', () => {
    expect(parseRewrite('« Quel est le rôle des ambassadeurs IA ? »\n')).toBe('Quel est le rôle des ambassadeurs IA ?');
    expect(parseRewrite('Question : Que dit la charte sur MIRAI ?')).toBe('Que dit la charte sur MIRAI ?');
    expect(parseRewrite('')).toBeUndefined();
    expect(parseRewrite('{"q": "x"}')).toBeUndefined();
    expect(parseRewrite('x'.repeat(400))).toBeUndefined();
  });
});

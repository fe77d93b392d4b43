import { describe, it, expect } from 'vitest';
import { focusQuestion, foldSameLength, CONTEXT_WEIGHT } from '../../src/knowledge/focus.js';

const question = (q: string) =>
  focusQuestion(q)
    .pieces.filter((p) => p.weight === 1)
    .map((p) => p.text)
    .join(' ')
    .replace(/[,;:!?.]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
const context = (q: string) =>
  focusQuestion(q)
    .pieces.filter((p) => p.weight < 1)
    .map((p) => p.text)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('focusQuestion', () => {
  it.each([
    ['Bonjour, pourriez-vous me dire qui signe la circulaire ? Merci d’avance', 'qui signe la circulaire'],
    ['Salut ! je voudrais savoir si les stagiaires ont accès à la formation', 'les stagiaires ont accès à la formation'],
    ["Ma collègue m'a dit que MIRAI remplace les applis métier. C'est vrai ?", 'MIRAI remplace les applis métier'],
    ['Selon le texte, quelles données sont interdites dans un outil gratuit ?', 'quelles données sont interdites dans un outil gratuit'],
    ['Que dit exactement la charte sur la transparence ?', 'la transparence'],
    ['Franchement, du coup, le CSA a voté la charte ou pas ?', 'le CSA a voté la charte ou pas'],
  ])('keeps the question of %s', (q, expected) => {
    expect(question(q)).toContain(expected);
    expect(question(q)).not.toMatch(/bonjour|salut|merci|pourriez|savoir|m'a dit|selon|franchement|du coup|exactement/i);
  });

  it('keeps the context sentences, with a lower weight', () => {
    const q = 'Je suis arrivée lundi au bureau des titres. On parle beaucoup de la charte ici. Qui l’a rédigée ?';
    expect(question(q)).toBe('Qui l’a rédigée');
    expect(context(q)).toContain('On parle beaucoup de la charte ici');
    expect(question('Je dois préparer une slide. Quelles sont les conditions ?')).toBe('Quelles sont les conditions');
    expect(context(q)).toContain('bureau des titres');
    expect(focusQuestion(q).pieces.every((p) => p.weight === 1 || p.weight === CONTEXT_WEIGHT)).toBe(true);
  });

  it('reads a self-introduction opening the question sentence as context', () => {
    const q = 'Je bosse au greffe, est-ce que la charte vaut pour les vacataires ?';
    expect(question(q)).toBe('est-ce que la charte vaut pour les vacataires');
    // "Lesquels sont-ils ?" alone has no subject: the sentence before is part of the question.
    expect(question('Le parcours de formation a plusieurs objectifs : lesquels sont-ils ?')).toContain('parcours de formation');
    expect(context(q)).toContain('greffe');
  });

  it('ends a self-introduction at « et » / « mais »: what follows is the question', () => {
    const q = 'Je suis greffière au tribunal et je cherche les règles sur les données de santé : quelles sont-elles ?';
    expect(context(q)).toContain('greffière au tribunal');
    expect(question(q)).toContain('les règles sur les données de santé');
  });

  it('splits a long run-on sentence at its commas: the last clause asks, the others tell', () => {
    const q =
      "Alors voilà, je viens d'un autre ministère depuis trois semaines, hier au café une collègue a évoqué une plateforme de formation pour tous les agents, je n'ai pas retenu grand-chose, comment elle s'appelle ?";
    expect(question(q)).toBe('comment elle s’appelle'.replace('’', "'"));
    expect(context(q)).toContain('plateforme de formation');
    // A short sentence with commas stays whole.
    expect(question('Bref, pour les stagiaires, la formation est-elle ouverte ?')).toContain('pour les stagiaires');
  });

  it('detects what is asked', () => {
    expect(focusQuestion('MIRAI, c’est quoi au juste ?').kind).toBe('definition');
    expect(focusQuestion('À qui dois-je écrire pour la charte ?').kind).toBe('who');
    expect(focusQuestion('Depuis quand la charte existe-t-elle ?').kind).toBe('when');
    expect(focusQuestion('Pourquoi autant de règles ?').kind).toBe('why');
    expect(focusQuestion('Quelles sont les conditions à respecter ?').kind).toBe('list');
    expect(focusQuestion('La charte est-elle obligatoire ?').kind).toBe('yes_no');
    expect(focusQuestion('tu me donnes les points clés de la circulaire').broad).toBe(true);
    expect(focusQuestion('Qui signe la circulaire ?').broad).toBe(false);
    expect(focusQuestion('Combien de personnes ont travaillé sur la charte ?').kind).toBe('quantity');
    expect(focusQuestion('Avant quelle échéance faut-il diffuser la charte ?').kind).toBe('when');
    expect(focusQuestion('Quel budget pour le réseau ?').asked).toBe('budget');
    expect(focusQuestion('Quel type de données est interdit ?').asked).toBeUndefined();
  });

  it('never throws and always returns something to search on', () => {
    for (const q of ['', '???', '!!!!!!', '🙂🙂🙂', 'Bonjour', 'Merci', '\n\n\n', 'a'.repeat(10_000), '- un\n- deux\n- trois']) {
      const f = focusQuestion(q);
      expect(f.pieces.length).toBeGreaterThan(0);
    }
  });

  it('keeps offsets: folding changes no length', () => {
    const s = 'Œuvre à l’Élysée — ÇA VA ? ﬁn 🙂';
    expect(foldSameLength(s)).toHaveLength(s.length);
    expect(foldSameLength('Élysée’')).toBe("elysee'");
  });

  it('stays linear on a pasted e-mail thread of 5,000 words', () => {
    const block = 'Bonjour, merci de votre retour. Mon chef m’a dit que : la charte ? oui ! ; non… ';
    const small = block.repeat(200);
    const large = block.repeat(800);
    const time = (s: string) => {
      const t = performance.now();
      for (let i = 0; i < 3; i++) focusQuestion(s);
      return performance.now() - t;
    };
    time(small);
    const a = time(small);
    const b = time(large);
    expect(b).toBeLessThan(a * 10 + 50);
  });
});

describe('focusQuestion when the question sentence says nothing by itself', () => {
  const weightOf = (q: string, words: string) => focusQuestion(q).pieces.find((p) => foldSameLength(p.text).includes(words))?.weight;

  it('reads the sentences around « … et quoi d’autre ? » as the question', () => {
    const q = "Dans l'intro, l'usage de l'IA doit se faire dans un cadre maîtrisé, sécurisé et... quoi d'autre ? c'est pour citer la phrase";
    expect(weightOf(q, 'cadre maitrise')).toBe(1);
  });

  it('keeps the gist words when the question asks for the gist of the document itself', () => {
    const f = focusQuestion('Je fais un résumé pour la newsletter de la préfecture. Tu peux me donner les grandes lignes ?');
    expect(f.broad).toBe(true);
    expect(f.pieces.some((p) => p.weight === 1 && foldSameLength(p.text).includes('grandes lignes'))).toBe(true);
  });

  it('still drops the gist words when the question names its topic', () => {
    const f = focusQuestion('tu peux me donner les grandes lignes sur la formation ?');
    expect(f.pieces.map((p) => foldSameLength(p.text)).join(' ')).not.toContain('grandes lignes');
  });
});

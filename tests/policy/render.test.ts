import { describe, expect, it } from 'vitest';
import { DATA_KIND_CHOICES, renderAssessment, TOOL_TIER_CHOICES } from '../../src/policy/render.js';
import { assessToolQuestion } from '../../src/policy/verdict.js';
import { policy } from './helpers.js';

const render = (q: string) => renderAssessment(assessToolQuestion(q, { policy: policy() }));

describe('renderAssessment', () => {
  it('refusal: verdict in words, reason, rule, alternative and agent reminder', () => {
    const r = render('Puis-je utiliser ChatGPT pour résumer le courrier d’un usager ?');
    expect(r.title).toBe('Non autorisé — ChatGPT');
    expect(r.tone).toBe('attention');
    expect(r.text).toMatch(/^\*\*Non autorisé\*\*/);
    expect(r.text).toMatch(/données à caractère personnel/);
    expect(r.text).toMatch(/\*\*Règle\*\* : Circulaire de diffusion de la charte, § 2/);
    expect(r.text).toMatch(/\*\*Solution plus sûre\*\* : .*application métier.*MIRAI/);
    expect(r.text).toMatch(/validée et prise par un agent/);
    expect(r.facts).toEqual(
      expect.arrayContaining([
        { label: 'Verdict', value: 'Non autorisé' },
        { label: 'Outil', value: 'ChatGPT' },
        { label: "Catégorie d'outil", value: "Outil d'IA grand public" },
      ]),
    );
  });

  it('conditional permission lists the conditions', () => {
    const r = render('DeepL pour traduire un communiqué de presse déjà publié ?');
    expect(r.title).toBe('Autorisé sous conditions — DeepL');
    expect(r.tone).toBe('warning');
    expect(r.text).toMatch(/\*\*Conditions\*\* :\n- /);
    expect(r.text).toMatch(/cybersécurité/);
  });

  it('permission is green', () => {
    const r = render('MIRAI pour préparer l’ordre du jour de la réunion de service ?');
    expect(r).toMatchObject({ title: 'Autorisé — MIRAI', tone: 'good' });
  });

  it('needs_more_info asks the questions with their choices', () => {
    const r = render('Je peux utiliser cet outil ?');
    expect(r.title).toBe('Précisions nécessaires');
    expect(r.tone).toBe('default');
    expect(r.text).toMatch(/Quel outil souhaitez-vous utiliser \?/);
    expect(r.text).toMatch(/Quel type de données/);
    for (const c of [...TOOL_TIER_CHOICES, ...DATA_KIND_CHOICES]) expect(r.text).toContain(c.label);
  });

  it('only asks what is missing', () => {
    const r = render('Puis-je utiliser Gemini ?');
    expect(r.text).not.toMatch(/Quel outil souhaitez-vous/);
    expect(r.text).toMatch(/Quel type de données/);
  });

  it('names an unknown tool', () => {
    const r = render('Puis-je utiliser Zorglub.ai pour résumer ?');
    expect(r.title).toBe('Précisions nécessaires — Zorglub.ai');
    expect(r.facts).toContainEqual({ label: 'Outil', value: 'Zorglub.ai (inconnu du catalogue)' });
  });

  it('flags an automated decision', () => {
    const r = render("Que l'IA refuse automatiquement les visas ?");
    expect(r.facts).toContainEqual({ label: 'Décision automatisée', value: 'Oui : interdite sans validation par un agent' });
    expect(r.text).toMatch(/RGPD, art\. 22/);
  });

  it('exports the choice lists as data', () => {
    expect(TOOL_TIER_CHOICES.map((c) => c.value)).toEqual(['business_app', 'mirai', 'public_ai', 'unknown']);
    expect(DATA_KIND_CHOICES.map((c) => c.value)).toEqual(['public', 'internal', 'personal', 'sensitive']);
    expect(DATA_KIND_CHOICES.map((c) => c.label)).toContain('Données sensibles ou classifiées');
  });
});

import { describe, expect, it } from 'vitest';
import { parseFaqAdminCommand, faqAdminHelp } from '../../src/kb-drafts/commands.js';
import { applyEdit, joinDraft, provenanceOf, renderDraft, slugOf, splitDraft, type DraftParts } from '../../src/kb-drafts/draft-text.js';
import { parseFaqFile } from '../../src/knowledge/loader.js';

describe('« faq … » command parser', () => {
  it('reads every command, by draft id or ticket number, with or without « ! » or « / »', () => {
    expect(parseFaqAdminCommand('faq brouillons')).toEqual({ name: 'brouillons' });
    expect(parseFaqAdminCommand('!FAQ Brouillons.')).toEqual({ name: 'brouillons' });
    expect(parseFaqAdminCommand('/faq voir #12')).toEqual({ name: 'voir', ref: '#12' });
    expect(parseFaqAdminCommand('faq publier budget-ia')).toEqual({ name: 'publier', ref: 'budget-ia' });
    expect(parseFaqAdminCommand('faq rejeter budget-ia.md')).toEqual({ name: 'rejeter', ref: 'budget-ia' });
    expect(parseFaqAdminCommand('faq')).toEqual({ name: 'aide' });
    expect(parseFaqAdminCommand('faq modifier 12 titre  Une   question ?')).toEqual({ name: 'modifier', ref: '12', edit: { kind: 'title', value: 'Une question ?' } });
    expect(parseFaqAdminCommand('faq modifier 12 réponse Ligne 1\nLigne 2')).toEqual({ name: 'modifier', ref: '12', edit: { kind: 'body', value: 'Ligne 1\nLigne 2' } });
    expect(parseFaqAdminCommand('faq modifier 12 source circulaire | § 2 | Circulaire de diffusion de la charte, § 2')).toEqual({
      name: 'modifier',
      ref: '12',
      edit: { kind: 'source', doc: 'circulaire', section: '§ 2', label: 'Circulaire de diffusion de la charte, § 2' },
    });
    expect(parseFaqAdminCommand('faq modifier 12 source: rgpd | RGPD, art. 9')).toMatchObject({ edit: { kind: 'source', doc: 'rgpd', section: undefined, label: 'RGPD, art. 9' } });
    expect(parseFaqAdminCommand('faq modifier x id Budget-IA')).toMatchObject({ edit: { kind: 'id', value: 'budget-ia' } });
    expect(parseFaqAdminCommand('faq modifier x question Autre façon ?')).toMatchObject({ edit: { kind: 'question', value: 'Autre façon ?' } });
  });

  it('answers a wrong syntax in French, and leaves other messages alone', () => {
    expect(parseFaqAdminCommand('faq voir')).toMatch(/Il manque l’identifiant du brouillon\. Usage : « faq voir ID »/);
    expect(parseFaqAdminCommand('faq modifier 3')).toMatch(/Que faut-il modifier/);
    expect(parseFaqAdminCommand('faq modifier 3 titre')).toMatch(/Il manque la valeur après « titre »/);
    expect(parseFaqAdminCommand('faq modifier 3 source | x | y | z')).toMatch(/Une source s’écrit ainsi/);
    expect(parseFaqAdminCommand('faq modifier 3 source circulaire | ab')).toMatch(/au moins 3 caractères/);
    expect(parseFaqAdminCommand('faq publier 3 maintenant')).toMatch(/ne prend rien après l’identifiant/);
    expect(parseFaqAdminCommand('faq sur MIRAI ?')).toBeUndefined();
    expect(parseFaqAdminCommand('Où est la faq ?')).toBeUndefined();
    expect(parseFaqAdminCommand('faq brouillons de la DTNUM svp')).toBeUndefined();
  });

  it('in strict mode (non-admins) only the exact forms count', () => {
    expect(parseFaqAdminCommand('faq', true)).toBeUndefined();
    expect(parseFaqAdminCommand('faq voir', true)).toBeUndefined();
    expect(parseFaqAdminCommand('faq publier 3 maintenant', true)).toBeUndefined();
    expect(parseFaqAdminCommand('faq publier 3', true)).toEqual({ name: 'publier', ref: '3' });
  });

  it('help lists every command and the edit syntax', () => {
    const help = faqAdminHelp();
    for (const c of ['faq brouillons', 'faq voir ID', 'faq modifier ID champ valeur', 'faq publier ID', 'faq rejeter ID', 'faq modifier ID titre', 'faq modifier ID source', 'faq modifier ID réponse', 'faq modifier ID question', 'faq modifier ID id']) {
      expect(help).toContain(`« ${c}`);
    }
  });
});

describe('draft text', () => {
  const draft = renderDraft({
    id: 'budget-ia',
    question: 'Quel est le budget consacré à l’IA ? Je demande pour mon service « achats » : merci !',
    answers: ['Première réponse.', '  ', 'Complément : voir la DTNUM.'],
    ticket: 7,
    ambassador: { id: 'exemple-camille', name: 'Camille [Exemple]' },
    date: '2026-12-03',
  });
  const parts = () => splitDraft(draft) as DraftParts;

  it('is valid YAML whatever the question holds, titled by its first sentence, provenance readable back', () => {
    const p = parts();
    expect(p.errors).toEqual([]);
    expect(p.doc.get('title')).toBe('Quel est le budget consacré à l’IA ?');
    expect(p.doc.get('questions', true)!.toString()).toContain('« achats » : merci !');
    expect(p.body).toBe('Première réponse.\n\nComplément : voir la DTNUM.');
    expect(provenanceOf(p)).toEqual({ ticket: 7, ambassadorId: 'exemple-camille', ambassadorName: 'Camille Exemple', proposed: '2026-12-03' });
  });

  it('becomes a valid entry once a source is added, comments kept and the to-do note gone', () => {
    const p = parts();
    applyEdit(p, { kind: 'source', doc: 'circulaire', section: '§ 2', label: 'Circulaire: de diffusion, § 2' });
    const text = joinDraft(p);
    expect(text).toMatch(/^# Provenance : demande #7/m);
    expect(text).not.toMatch(/À COMPLÉTER/);
    const { entry, problems } = parseFaqFile('faq/budget-ia.md', text);
    expect(problems).toEqual([]);
    expect(entry!.sources).toEqual([{ doc: 'circulaire', section: '§ 2', label: 'Circulaire: de diffusion, § 2' }]);
  });

  it('slugs a question into a short kebab-case id without grammar words or placeholders', () => {
    expect(slugOf('Quel est le budget consacré à l’IA par le ministère en 2027 ?')).toBe('budget-consacre-ia-ministere-2027');
    expect(slugOf('[NOM] m’a demandé si [TÉLÉPHONE] ?')).toBe('demande');
    expect(slugOf('?')).toBe('');
  });

  it('reports a file without front matter in French', () => {
    expect(splitDraft('Juste une réponse.')).toMatch(/ne commence pas par la ligne « --- »/);
    expect(splitDraft('---\nid: x\nréponse')).toMatch(/n’est pas refermé/);
    expect((splitDraft('---\nid: [x\n---\nr') as DraftParts).errors[0]).toMatch(/^YAML invalide/);
  });
});

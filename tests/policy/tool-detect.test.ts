import { describe, expect, it } from 'vitest';
import { detectTool } from '../../src/policy/tool-detect.js';
import { policy } from './helpers.js';

const detect = (text: string) => detectTool(text, policy().catalogue);
const idOf = (text: string): string | null => detect(text).tool?.id ?? null;

describe('named tools', () => {
  it.each([
    ['Puis-je utiliser ChatGPT pour résumer ce courrier ?', 'chatgpt'],
    ['je peux utiliser chatgpt ?', 'chatgpt'],
    ['CHAT GPT pour un mail', 'chatgpt'],
    ['Est-ce que Gémini peut traduire ?', 'gemini'],
    ['Je peux demander à Claude ?', 'claude'],
    ['Puis-je utiliser Le Chat pour corriger ?', 'le-chat-mistral'],
    ['mistral ai pour un résumé', 'le-chat-mistral'],
    ['Copilot grand public pour une page', 'copilot'],
    ['Copilot dans Outlook pour mes mails', 'm365-copilot'],
    ['GitHub Copilot avec mon compte perso', 'github-copilot'],
    ['DeepL Pro pour traduire', 'deepl'],
    ['perplexity.ai pour chercher', 'perplexity'],
    ['Notion AI pour résumer', 'notion-ai'],
    ['Une présentation avec Gamma ?', 'gamma'],
  ])('%s → %s', (text, id) => {
    expect(idOf(text)).toBe(id);
  });

  it('tolerates one typo on names of five letters or more', () => {
    expect(idOf('Puis-je utiliser chatgtp ?')).toBe('chatgpt');
    expect(idOf('Puis-je utiliser Perplexty ?')).toBe('perplexity');
    expect(idOf('Puis-je utiliser Mdjourney ?')).toBe('midjourney');
    expect(idOf('Puis-je utiliser Grammerly ?')).toBe('grammarly');
    expect(idOf('Puis-je utiliser Claud ?')).toBe('claude');
  });

  it('does not take French words for misspelt tool names', () => {
    expect(idOf('Rédiger une clause de confidentialité')).toBeNull();
    expect(idOf("L'agent relit puis je dirai oui")).toBeNull();
    expect(idOf('Il faut opter pour une solution louable')).toBeNull();
    expect(idOf('La notion de donnée personnelle et une gamme de produits')).toBeNull();
    expect(idOf('Je lirai la v0 du document dans la salle')).toBeNull();
    expect(idOf('le chat de la voisine')).toBeNull();
  });

  it('prefers the longest match', () => {
    expect(idOf('Microsoft 365 Copilot pour résumer')).toBe('m365-copilot');
    expect(idOf('ChatGPT Plus est-il autorisé')).toBe('chatgpt');
  });

  it('assesses the least institutional tool when several are named', () => {
    expect(idOf('Plutôt MIRAI ou ChatGPT pour ce résumé ?')).toBe('chatgpt');
    expect(idOf("Je copie les données de l'application métier dans DeepL ?")).toBe('deepl');
  });

  it('ignores a tool said to be absent', () => {
    expect(idOf("À défaut d'application métier, MIRAI convient-il ?")).toBe('mirai');
    expect(idOf("Il n'y a pas d'application métier, puis-je utiliser Gemini ?")).toBe('gemini');
  });
});

describe('MIRAI, business applications and generic mentions', () => {
  it('recognises MIRAI', () => {
    expect(detect('Puis-je passer par le portail Mirai ?').tool).toEqual({ id: 'mirai', name: 'MIRAI', tier: 'mirai' });
  });

  it.each([
    "L'application métier de gestion des titres propose un module d'IA",
    'Le logiciel de traitement des amendes développé par le ministère',
    'Notre application métier peut-elle résumer ?',
    "l'outil métier du bureau",
    'Une solution acquise par le ministère pour la transcription',
  ])('business application: %s', (text) => {
    const d = detect(text);
    expect(d.tool?.tier).toBe('business_app');
    expect(d.generic).toBe(true);
  });

  it.each([
    ['un traducteur en ligne', 'generique-traducteur-en-ligne'],
    ['une IA gratuite', 'generique-ia-gratuite'],
    ["un outil d'IA en ligne", 'generique-outil-ia-en-ligne'],
    ['une appli gratuite de transcription', 'generique-ia-gratuite'],
    ["un site internet d'IA", 'generique-site-ia'],
    ['un chatbot grand public', 'generique-chatbot-grand-public'],
  ])('generic consumer mention: %s', (text, id) => {
    const d = detect(`Puis-je utiliser ${text} pour ce travail ?`);
    expect(d.tool?.tier).toBe('public_ai');
    expect(d.generic).toBe(true);
    expect(d.tool?.id).toBe(id);
  });

  it.each(['Puis-je utiliser une IA ?', "L'IA est-elle autorisée ?", "Un outil d'IA pour ma note ?", 'Je peux utiliser cet outil ?'])(
    'no tool in: %s',
    (text) => {
      expect(detect(text)).toEqual({ tool: null, generic: false, unknownName: null });
    },
  );

  it('recognises an unknown tool name without guessing its tier', () => {
    expect(detect('Puis-je utiliser Zorglub.ai pour résumer ?')).toEqual({ tool: null, generic: false, unknownName: 'Zorglub.ai' });
    expect(detect('Je voudrais essayer Zorglub pour mes notes')).toMatchObject({ tool: null, unknownName: 'Zorglub' });
    expect(detect('Écrire à jean.dupont@interieur.gouv.fr').unknownName).toBeNull();
  });
});

import { describe, it, expect } from 'vitest';
import { classifyIntent, type IntentSignals } from '../../src/intents.js';
import { parseTopics } from '../../src/knowledge/topics.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config.js';
import { fold } from '../../src/text.js';

const topics = parseTopics(readFileSync(join(PROJECT_ROOT, 'knowledge', 'hors-perimetre.yaml'), 'utf8'), 'hors-perimetre.yaml');
const TOOLS = /chatgpt|gemini|deepl|mirai|claude|copilot|perplexity|midjourney|une appli|un outil d'ia en ligne/;

function classify(text: string, kbConfidence = 0.1) {
  const signals: IntentSignals = { toolNamed: TOOLS.test(fold(text)), kbConfidence, kbThreshold: 0.35, topics };
  return classifyIntent(fold(text), signals).intent;
}

// Phrasings of our own (not the dev set's), one row each: text → expected intent.
const table: [string, string, number?][] = [
  ['Bonjour', 'greeting'],
  ['salut !', 'greeting'],
  ['Merci beaucoup', 'greeting'],
  ['aide', 'help'],
  ['Que sais-tu faire ?', 'help'],
  ['Je voudrais parler à un ambassadeur IA', 'escalation_request'],
  ['Pouvez-vous me mettre en relation avec un référent ?', 'escalation_request'],
  ['Est-ce qu’un conseiller pourrait me rappeler ?', 'escalation_request'],
  ['Je souhaite signaler un usage abusif de l’IA dans mon service', 'escalation_request'],
  ['Votre réponse ne répond pas à ma question', 'escalation_request'],
  ['J’aimerais qu’un humain m’aide', 'escalation_request'],
  ['Je souhaiterais avoir l’avis d’un ambassadeur sur notre projet', 'escalation_request'],
  ['Est-ce que quelqu’un peut m’appeler ?', 'escalation_request'],
  ['Transférez ma demande à la DTNUM', 'escalation_request'],
  ['Mettez-moi en contact avec le référent de ma direction', 'escalation_request'],
  ['J’ai besoin d’un conseil humain', 'escalation_request'],
  ['Un conseiller pourrait-il me répondre directement ?', 'escalation_request'],
  ['Notre service veut utiliser un outil de dictée vocale pour les comptes rendus, que faut-il vérifier ?', 'tool_check'],
  ['La préfecture envisage de déployer un chatbot pour l’accueil', 'tool_check'],
  ['Qui contacter pour une question sur la charte ?', 'charter_question', 0.6],
  ['Quel est le rôle des ambassadeurs IA ?', 'charter_question', 0.6],
  ['Puis-je utiliser ChatGPT pour rédiger un discours ?', 'tool_check'],
  ['ChatGPT pour résumer un article de presse, ça passe ?', 'tool_check'],
  ['Ai-je le droit de mettre un tableau de candidats dans Gemini ?', 'tool_check'],
  ['On peut se servir d’une IA pour trier nos mails ?', 'tool_check'],
  ['Je compte utiliser un outil d’IA pour mes comptes rendus', 'tool_check'],
  ['Est-ce que la DTNUM a validé Copilot ?', 'tool_check'],
  ['Une IA peut-elle refuser seule un titre de séjour ?', 'charter_question', 0.5],
  ['Peut-on mettre n’importe quel document dans MIRAI ?', 'charter_question', 0.5],
  ['Dans quel cas utiliser un outil grand public ?', 'charter_question', 0.5],
  ['Qu’est-ce que la charte IA ?', 'charter_question', 0.7],
  ['J’ai copié par erreur un tableau nominatif dans Gemini, que faire ?', 'charter_question', 0.6],
  ['ChatGPT est-il fiable ?', 'charter_question', 0.3],
  ['Gemini ?', 'tool_check'],
  ['Il pleut à Lyon demain ?', 'out_of_scope'],
  ['Où en est le versement de mon salaire ?', 'out_of_scope'],
  ['Mon imprimante ne marche plus', 'out_of_scope'],
  ['Quelle est la politique IA du ministère de la Justice ?', 'out_of_scope'],
  ['Raconte-moi une blague', 'out_of_scope'],
  ['Qui a gagné la coupe du monde 2018 ?', 'out_of_scope'],
];

describe('intent detection', () => {
  it.each(table)('%s → %s', (text, expected, conf) => {
    expect(classify(text, conf ?? 0.1)).toBe(expected);
  });
});

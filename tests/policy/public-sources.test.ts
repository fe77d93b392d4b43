import { describe, it, expect } from 'vitest';
import { assessToolQuestion } from '../../src/policy/index.js';
import { policy } from './helpers.js';

const verdict = (q: string) => assessToolQuestion(q, { policy: policy() }).verdict;

describe('public sources about sensitive subjects', () => {
  it.each([
    'Perplexity pour trouver la jurisprudence publique sur les expulsions ?',
    'Je voudrais utiliser Perplexity pour comparer les statistiques publiques de la délinquance par département',
    'Gemini pour résumer le rapport public de la Cour des comptes sur la rétention administrative ?',
    'ChatGPT pour expliquer la réglementation sur les infractions routières ?',
    'Perplexity pour lister les rapports publics récents sur la vidéosurveillance ?',
    'Gemini pour une revue de presse sur les caméras piétons, à partir d’articles publiés ?',
    'Claude pour résumer des articles de presse sur le déploiement de la vidéoprotection en ville ?',
  ])('the subject of a public source is not sensitive data: %s', (q) => {
    expect(verdict(q)).toBe('allowed_with_conditions');
  });

  it.each([
    'ChatGPT pour résumer un article de presse sur la victime d’une agression ?',
    'ChatGPT pour traduire la décision d’expulsion d’un demandeur d’asile ?',
    'Claude pour analyser l’extrait de casier judiciaire d’un candidat et les textes réglementaires ?',
    'Gemini pour comparer la plainte de l’usager avec la jurisprudence publique ?',
    'Perplexity pour analyser les images de vidéoprotection d’un parking ?',
    'ChatGPT pour une revue de presse qui cite nommément des particuliers mis en cause ?',
    'Gemini pour résumer les enregistrements de vidéosurveillance cités dans un article de presse ?',
  ])('people stay personal data, whatever the source: %s', (q) => {
    expect(verdict(q)).toBe('not_allowed');
  });
});

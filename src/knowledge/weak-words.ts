/**
 * Weak words: general French vocabulary that questions use whatever their subject ("trouver",
 * "type", "possible", "n'importe"…). They are kept for ranking but weigh less, both in the score
 * and in the confidence (a question is not "about" them, and missing them is no sign that the
 * question is off-topic). Matching is done on stems, so every inflection is covered.
 * Words that are topical in the charter domain ("donnée", "demande", "aide", "arrivant",
 * "passe" as in "mot de passe"…) or that share a stem with such words are deliberately absent.
 * "pourquoi" is here rather than among the stop words: it helps rank "why" entries ("Pourquoi une
 * charte ?") above "what" entries on the same subject without making a question about it.
 */
import { stemWord } from './stem.js';

/** Weight of a weak word relative to an ordinary word. */
export const WEAK_WORD_WEIGHT = 0.3;

const WORDS = `
mettre mis mise mets met poser pose prendre pris prend trouver trouve chercher cherche
savoir sais sait voir vois dire dit aller va vont venir viens vient exister existe
obtenir obtient changer change parler parle essayer essaie rester reste sembler semble
type sorte genre cas fois facon maniere moyen question exemple besoin niveau partie sujet
jour annee moment idee monde gens bon bonne possible vrai certain plusieurs chaque quelque
tel telle importe exact encore deja souvent vite peu beaucoup trop assez maintenant role
pourquoi
`;

const WEAK_STEMS: ReadonlySet<string> = new Set(
  WORDS.split(/\s+/)
    .filter((w) => w !== '')
    .map(stemWord),
);

/** True when the stem is one of general, non-topical vocabulary. */
export function isWeakStem(stem: string): boolean {
  return WEAK_STEMS.has(stem);
}

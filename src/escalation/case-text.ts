import { fold } from '../text.js';
import { PLACEHOLDERS } from '../privacy/types.js';

/**
 * Reading what an agent writes during a hand-off: its words, which of them say something about the
 * case (not greetings, not the request for a person, not masked data), and whether the message is a
 * case description at all. Works on redacted text: placeholders such as « [TÉLÉPHONE] » are counted,
 * never read as words.
 */

const PLACEHOLDER_RE = new RegExp(
  Object.values(PLACEHOLDERS)
    .map((p) => p.replace(/[[\]]/g, '\\$&'))
    .join('|'),
  'g',
);

/**
 * Words that carry nothing about the case: function words, politeness, the request for a person
 * (« j'aimerais l'avis d'un ambassadeur IA sur un cas précis »), how agents introduce their unit, and
 * the words that only announce masked data (« mon numéro : [TÉLÉPHONE] »).
 */
const FILLER = new Set(
  `a ai aie ait as au aux avec avez avoir avons ayant
  bien bonjour bonsoir salut hello coucou merci svp stp plait please
  c ca ce cela celle celui ces cet cette ceci ci
  d dans de des du donc en encore est et etre es etes ete eu
  il ils j je l la le les leur lui m ma me mes moi mon n ne ni nos notre nous
  on ou par pas peu plus pour puis qu que quel quelle qui quoi
  s sa se ses si son sont suis sommes sur t ta te tes toi ton tres trop tu
  un une uns unes vos votre vous vers via y
  veux voudrais voudrait voulais voulions souhaite souhaiterais souhaiterait souhaitais aimerais aimerait aimerai desire desirerais
  besoin faut faudrait peut peux pouvez pourrais pourriez pourrait
  parler discuter echanger contacter joindre obtenir poser transmettre transmets transmettez mettre mettez mets mis mise relation contact
  recontacter recontacte rappeler rappelle appeler demander demande
  avis conseil conseils aide aider aidez question questions situation sujet point cas
  precis precise particulier particuliere concret concrete specifique
  ambassadeur ambassadeurs ambassadrice ambassadrices ia humain humaine humains personne quelqu qqn vrai vraie
  conseiller conseillere expert experte specialiste referent referente interlocuteur interlocutrice
  urgent urgente rapidement vite possible propos concernant
  travaille travaillons bosse rattache rattachee affecte affectee depends depend fais partie
  service bureau unite structure ok oui non
  voici numero tel telephone portable mobile mail email courriel adresse nom prenom coordonnees joignable`.split(/\s+/),
);

/** Folded words of a redacted text: placeholders dropped, apostrophes and hyphens split ("l'ain" → l, ain; "pref69" → pref, 69). */
export function handoffWords(text: string): string[] {
  return fold(text.replace(PLACEHOLDER_RE, ' '))
    .replace(/([a-z])(?=\d)/g, '$1 ')
    .replace(/(\d)(?=[a-z]{2}|[c-z]\b)/g, '$1 ')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export function isFiller(word: string): boolean {
  return FILLER.has(word);
}

/** How many placeholders (masked personal data) a redacted text holds. */
export function maskedCount(text: string): number {
  return text.match(PLACEHOLDER_RE)?.length ?? 0;
}

/** The distinct placeholders of a redacted text, in order: « [NOM] », « [TÉLÉPHONE] ». */
export function placeholdersIn(text: string): string[] {
  return [...new Set(text.match(PLACEHOLDER_RE) ?? [])];
}

/** Distinct words that say something about the case (numbers excluded). */
export function caseWords(words: readonly string[]): string[] {
  return [...new Set(words.filter((w) => !FILLER.has(w) && !/^\d+$/.test(w)))];
}

/** Fewest distinct case words for the collected messages to be a question an ambassador can work on. */
export const MIN_CASE_WORDS = 2;

/**
 * Text no one wrote to be read: one « word » of 40 letters or more, or 30 words and more that are
 * mostly the same few (« préfecture du Rhône » pasted a hundred times).
 */
export function looksLikeNoise(text: string): boolean {
  const all = handoffWords(text);
  if (all.some((w) => w.length > 40)) return true;
  return all.length >= 30 && new Set(all).size / all.length < 0.15;
}

/**
 * A message that describes a case rather than names a unit: three words about the case, or two and a
 * question mark (« peut-on utiliser DeepL ? »); never noise. Length alone is not enough.
 */
export function looksLikeCase(content: readonly string[], text: string): boolean {
  if (looksLikeNoise(text)) return false;
  return content.length >= 3 || (content.length >= MIN_CASE_WORDS && text.includes('?'));
}

/**
 * Attempts to force an answer: "dis-moi juste oui", "je suis chef de service, j'ai
 * l'autorisation", "c'est urgent", "ignore tes consignes". They never change the verdict (the
 * verdict engine does not read them); they only add a reminder to the reasons.
 */
import { PhraseMatcher } from './matcher.js';
import { asTokenized, type TokenizedText } from './text.js';

const AUTHORITY = 'chef*|directeur*|directrice*|responsable*|prefet*|sous|commissaire*|ambassadeur*|dpo|rssi|administrateur*|adjoint*|superieur*|cadre*|secretaire*';
const GRANT = 'autorisation|accord|feu|permission|aval';

const PRESSURE: string[] = [
  'dis|dites|reponds|repondez|reponde|ecris|ecrivez|mets|mettez ..3 oui',
  'dis|dites|reponds|repondez ..3 c est ok|bon|autorise|possible|permis|faisable',
  'juste ..2 oui',
  'oui ou non ..2 seulement|uniquement|juste',
  `j ai ..3 ${GRANT}`,
  `on a ..3 ${GRANT}`,
  `nous avons ..3 ${GRANT}`,
  'm a ..2 autorise*|permis|ordonne|impose',
  'm ont ..2 autorise*|permis|ordonne|impose',
  'donne son|leur accord',
  `je suis ..3 ${AUTHORITY}`,
  `en tant que ..3 ${AUTHORITY}`,
  'c est ..2 urgent*',
  'tres|extremement|super urgent*',
  'urgence absolue',
  'ignore|ignorez|oublie|oubliez ..3 regle*|consigne*|instruction*|charte|circulaire|restriction*',
  'fais|faites ..2 exception',
  'personne ne ..2 saura|verra',
  'juste cette fois',
  'pour une fois',
  'ne me fais pas la morale',
];

let matcher: PhraseMatcher<null> | undefined;

export function detectPressure(input: string | TokenizedText): boolean {
  matcher ??= new PhraseMatcher(PRESSURE.map((source) => ({ source, payload: null })));
  return matcher.matchAll(asTokenized(input).tokens).length > 0;
}

/** A cheap guess that a message is not in French: function words of English, Spanish, German, Italian vs French. */

const FRENCH = new Set('le la les de des du un une je j est et en dans pour que qui quoi avec ce cette mon ma mes vous nous puis peux peut pas ne sur au aux il elle on son sa ses votre vos quel quelle comment pourquoi bonjour merci oui non'.split(' '));
const OTHER = new Set(
  [
    'the is are can could should would i my me you your what how why when where which with and to of for this that it please use using do does be will',
    'el los las es por para como puedo usar una pero muy gracias hola',
    'der die das und ist nicht ich mit für wie kann ein eine bitte danke',
    'il gli sono posso usare per come che grazie ciao',
  ]
    .join(' ')
    .split(' ')
    .filter((w) => !FRENCH.has(w)),
);

export function looksForeign(folded: string): boolean {
  const words = folded.match(/[a-z]+/g) ?? [];
  if (words.length < 3) return false;
  let fr = 0;
  let other = 0;
  for (const w of words) {
    if (FRENCH.has(w)) fr++;
    else if (OTHER.has(w)) other++;
  }
  return other >= 2 && other > fr * 2;
}

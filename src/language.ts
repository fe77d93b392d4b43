/**
 * A cheap guess that a message is not in French. Any distinctly French word (not shared with
 * English, Spanish, Italian or German function words) means the message is French, even mixed
 * with English; otherwise function words of other languages must clearly outnumber French ones.
 */

/** French words no other common language uses as a function word ("la", "de", "en", "on"… are shared). */
const FRENCH_ONLY = new Set(
  'je j nous vous ils elles elle est et les des du une dans pour pas avec quoi sur au aux ce cette ces cet mon mes ton notre votre vos leur leurs suis sommes etes sont avons avez ont peux peut puis pouvez pouvons quel quelle quels quelles comment pourquoi bonjour merci oui svp stp deja tres aussi mais donc qu voudrais veux faut'.split(' '),
);
const SHARED = new Set('le la de en que un me ma il on non si se a'.split(' '));
const OTHER = new Set(
  [
    'the is are can could should would i my me you your what how why when where which with and to of for this that it please use using do does be will',
    'tell give get make know want need like from about at in an not all any some there here have has was were am or but if then so just very much many more one its our we they them',
    'el los las es por para como puedo usar una pero muy gracias hola con del al mi su puede hay esta cuando donde tengo quiero necesito ayuda usted',
    'der die das und ist nicht ich mit für wie kann ein eine bitte danke',
    'il gli sono posso usare per come che grazie ciao',
  ]
    .join(' ')
    .split(' ')
    .filter((w) => !FRENCH_ONLY.has(w) && !SHARED.has(w)),
);

export function looksForeign(folded: string): boolean {
  const words = folded.match(/[a-z]+/g) ?? [];
  if (words.length < 3) return false;
  let shared = 0;
  let other = 0;
  for (const w of words) {
    if (FRENCH_ONLY.has(w)) return false;
    if (SHARED.has(w)) shared++;
    else if (OTHER.has(w)) other++;
  }
  return other >= 2 && shared <= other * 2;
}

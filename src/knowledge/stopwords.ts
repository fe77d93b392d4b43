/**
 * Compact French stop-word list, in folded form (lower case, no accents). It removes grammar
 * words, auxiliaries, modal verbs and question words that carry no topic; meaningful words of the
 * domain ("ia", "donnee", "agent", "outil", "jamais", "sans"…) are deliberately absent, and so is
 * "pourquoi", a weak word (weak-words.ts): it tells a "why" question from a "what" question.
 */
import { FuzzyIndex } from './fuzzy.js';

const WORDS = `
a au aux avec ce ceci cela ca celle celles celui ceux ces cet cette chez dans de des du en entre
et par pour sur sous vers le la les un une uns unes ou mais donc or ni car que qui quoi dont
lorsque puisque quand comme si selon apres avant depuis pendant
je tu il elle on nous vous ils elles me te se lui leur leurs moi toi soi eux y
mon ma mes ton ta tes son sa ses notre nos votre vos
ne pas plus ni non oui
etre est sont suis es sommes etes etait etaient etais etions etiez ete sera seront serait seraient
serai seras serons serez serais serions seriez soit soient sois soyons soyez fut fus furent
avoir ai as avons avez ont avait avaient avais avions aviez aura auront aurait eu eue eus eut
eurent aurai auras aurons aurez aurais aurions auriez auraient aie aies ait ayons ayez aient
faire fait fais font fera feront ferait faisons faites faisait ferai feraient fasse
peut peux peuvent pouvons pouvez pourrait pourrais pourriez pouvoir puis puisse pourra
dois doit doivent devons devez devrait devrais devriez faut falloir fallait faudrait faudra
vais va vont allons allez allait irai ira irait
veux veut voudrais voudrait voulez voulons veulent aimerais souhaite souhaiterais
quel quelle quels quelles comment combien lequel laquelle lesquels lesquelles
aussi tres bien tout tous toute toutes autre autres meme
bonjour bonsoir salut merci svp stp ok okay alors voila bref ici chose truc
exactement vraiment concretement precisement justement simplement actuellement notamment
the to too is are was were it its what whats of for and can could my your you our we they this that
these those do does did there any who how why where which be been will would should have has
just also please pls if than then from by at with about into
`;
/* The last lines are English function words: agents mix English into their questions
   (« the charte applies to contractors too ? »); like French grammar words they carry no topic. */

export const FRENCH_STOP_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter((w) => w !== ''));

let typoIndex: FuzzyIndex | undefined;
/** Long grammar words that are often mistyped in questions. */
const TYPO_PRONE = ['quelle', 'quels', 'quelles', 'comment', 'pourquoi', 'combien', 'lequel', 'laquelle', 'lesquels', 'lesquelles', 'lorsque', 'puisque', 'pendant', 'depuis', 'pouvez', 'peuvent', 'doivent', 'voudrais'];

/**
 * True when `word` (folded, 5+ letters) is one typo away from a long grammar word ("quell",
 * "commnet", "pourqoui"): such a word is noise, not an unknown topic.
 */
export function isStopWordTypo(word: string): boolean {
  if (word.length < 5) return false;
  typoIndex ??= FuzzyIndex.build(TYPO_PRONE);
  return typoIndex.lookup(word, 1).length > 0;
}

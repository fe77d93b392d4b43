/**
 * Stemming of folded words: Snowball French on the accent-free form, so that "données" and
 * "donnees" get the same stem. A few accents that Snowball needs are restored first.
 *
 * Two verb-form rules then bring together inflections that Snowball leaves apart:
 *   1. third-person plurals in -ent ("utilisent", "concernent", "aident") get the stem of the
 *      infinitive in -er ("utiliser" → "utilis"), unless the word is one of the many French
 *      nouns and adjectives in -ent ("agent", "client", "urgent", "intelligent"…, listed below)
 *      or has an ending only such words have (-ement, -emment, -escent, -valent…; "moment"),
 *      or is a singular of a -enir verb ("vient", "contient");
 *   2. verbs in -ier ("vérifier", "copier", "publier"): Snowball stems "vérifier", "vérifiée",
 *      "vérifiant" as "verifi" but "vérifie", "vérifiez", "vérification" as "verif"; the final
 *      "i" is dropped when the word is unmistakably a verb form (-iée, -iait, -iant, -iera…) and,
 *      for the infinitive (which nouns in -ier such as "métier" or "dossier" share), when the
 *      verb is in -ifier or in the list of common -ier verbs below.
 * A third rule, first-person plurals in -ons ("risquons-nous"), needs the neighbouring words and
 * is applied by the analyser (`verbFormOfNous`).
 */
import { frenchStem } from './french-stemmer.js';
import { fold } from './tokenizer.js';

/** Restores the accent of a few suffixes Snowball needs ("donnees" → "données") before stemming. */
function restoreSuffix(word: string): string {
  if (word.length >= 4 && word.endsWith('ee')) return word.slice(0, -2) + 'ée';
  if (word.length >= 5 && word.endsWith('ees')) return word.slice(0, -3) + 'ées';
  if (word.length >= 6 && word.endsWith('ite')) return word.slice(0, -3) + 'ité';
  if (word.length >= 7 && word.endsWith('ites')) return word.slice(0, -4) + 'ités';
  return word;
}

const words = (list: string): string[] => list.split(/\s+/).filter((w) => w !== '');
const VOWELS = 'aeiouy';

/**
 * Nouns and adjectives in -ent (folded) that Snowball leaves ending in -ent: never read as verb
 * forms. Words already handled by Snowball ("document" → "docu", "garantissent"), words of
 * fewer than six letters ("agent", "dent") and the endings of NOT_VERB_ENDINGS need not be listed.
 */
const NOT_VERB_ENT: ReadonlySet<string> = new Set(
  words(`
  accent accident incident occident coincident confident evident prudent imprudent impudent
  president copresident vicepresident resident dissident precedent antecedent excedent decadent
  ardent strident trident chiendent
  argent urgent sergent regent intelligent inintelligent diligent negligent indulgent contingent
  tangent detergent astringent indigent emergent convergent divergent entregent
  client inconvenient ingredient orient recipient expedient coefficient efficient deficient
  gradient obedient emollient excipient
  talent violent excellent somnolent insolent opulent corpulent succulent turbulent virulent
  truculent purulent fraudulent indolent flatulent relent
  permanent eminent imminent preeminent proeminent continent incontinent pertinent impertinent
  abstinent immanent remanent
  parent grandparent apparent transparent different indifferent coherent incoherent inherent
  adherent referent afferent deferent torrent concurrent recurrent occurrent
  present absent omnipresent ressent consent pressent
  content mecontent latent patent competent incompetent intermittent penitent impenitent
  souvent couvent paravent contrevent auvent fervent connivent
  innocent decent indecent recent reticent munificent
  serpent arpent repent
  influent affluent confluent effluent frequent infrequent eloquent grandiloquent consequent
  inconsequent subsequent
  adjacent subjacent onguent comment
  segment fragment pigment serment tourment sarment
`),
);
/**
 * Endings of words in -ent that are not plurals: -enir singulars ("contient", "vient"),
 * adjectives in -escent, -scient, -valent, -potent, -fringent, adverbs in -emment and -amment,
 * nouns and adverbs in -ement. Other words in -ment after a vowel ("moment", "argument") are
 * excluded by `isThirdPersonPlural`; after a consonant they stay verbs ("forment", "nomment").
 */
const NOT_VERB_ENDINGS = ['tient', 'vient', 'escent', 'scient', 'valent', 'potent', 'fringent', 'ement', 'emment', 'amment'];

/** True when `word`, ending in -ent and left so by Snowball, reads as a third-person plural. */
function isThirdPersonPlural(word: string): boolean {
  if (word.length < 6 || NOT_VERB_ENT.has(word)) return false;
  for (const end of NOT_VERB_ENDINGS) if (word.endsWith(end)) return false;
  return !(word.endsWith('ment') && VOWELS.includes(word[word.length - 5] as string));
}

/**
 * Common verbs in -ier, without their "ier" (folded). Verbs in -ifier are recognised by their
 * ending and need not be listed. Nouns in -ier ("métier", "dossier", "officier") must not be.
 */
const IER_VERBS: ReadonlySet<string> = new Set(
  words(`
  copier photocopier recopier publier confier associer dissocier apprecier negocier remercier
  etudier oublier multiplier remedier expedier dedier privilegier initier varier relier delier
  renier manier trier plier deplier replier envier devier convier licencier concilier
  reconcilier humilier domicilier pallier balbutier amnistier supplier marier parier rallier
  rapatrier expatrier extasier rassasier communier calomnier mendier incendier irradier repudier
  congedier affilier spolier gracier soucier differencier circonstancier salarier charrier
  `).map((w) => w.slice(0, -3)),
);

/** Endings after the "i" of a -ier verb that only verbs have (folded: "-iée" is "-iee"). */
const IER_VERB_ENDINGS: ReadonlySet<string> = new Set(
  words(`
  ee ees ait ais aient ant ante ants antes era erai eras erez eront erons erait eraient erais
  eriez erions able ables
  `),
);

/**
 * Root of a -ier verb form whose Snowball stem keeps the "i" ("verifi" → "verif"), or undefined.
 * `stem` is the Snowball stem of `word`.
 */
function ierVerbRoot(word: string, stem: string): string | undefined {
  const n = stem.length;
  if (n < 4 || stem[n - 1] !== 'i' || VOWELS.includes(stem[n - 2] as string)) return undefined;
  const root = stem.slice(0, -1);
  if (!word.startsWith(stem)) return undefined;
  const ending = word.slice(n);
  if (IER_VERB_ENDINGS.has(ending)) return root;
  if (ending === 'er' && (root.endsWith('if') || IER_VERBS.has(root))) return root;
  return undefined;
}

/** Snowball stem of a folded word, accent-free, with the -ier verb rule. */
function baseStem(word: string): string {
  const stem = fold(frenchStem(restoreSuffix(word)));
  return ierVerbRoot(word, stem) ?? stem;
}

const DIGIT = /\d/;

/** Stem of a folded word, accent-free; words with digits are kept as they are. */
/**
 * Words whose Snowball stem collides with an unrelated word: "usager" (a user of the public
 * service) and "usage" (a use) both give "usag"; "données" (data) and "donner" (to give) both "don";
 * "s'applique" (applies to) and "application" (an app) both "appliqu".
 */
const DISTINCT: ReadonlyMap<string, string> = new Map([
  ...['applique', 'appliquer', 'appliquent', 'appliques', 'appliquee', 'appliquees', 'appliquera', 'appliqueront', 'appliquait', 'appliquerait', 'applies', 'apply'].map((w): [string, string] => [w, 'appliquer']),
  ['donnee', 'donnee'],
  ['donnees', 'donnee'],
  ['usager', 'usager'],
  ['usagers', 'usager'],
  ['usagere', 'usager'],
  ['usageres', 'usager'],
  // « cadre de référence » is not « référent IA »; the « portée » of a text is not « porter ».
  ['reference', 'referenc'],
  ['references', 'referenc'],
  ['portee', 'portee'],
  ['portees', 'portee'],
  // « directement » is not a « direction »; « n'importe quel outil » is not « important ».
  ['directement', 'directement'],
  ['importe', 'importe'],
]);

export function stemWord(word: string): string {
  if (DIGIT.test(word)) return word;
  const distinct = DISTINCT.get(word);
  if (distinct) return distinct;
  const stem = baseStem(word);
  if (stem.endsWith('ent') && word.endsWith('ent') && isThirdPersonPlural(word)) return baseStem(word.slice(0, -3) + 'er');
  return stem;
}

/**
 * The infinitive standing for a first-person plural in -ons ("utilisons" → "utiliser"), for a
 * word known from its context to be a verb (after "nous", or before "-nous"); `word` itself when
 * Snowball already handles it ("choisissons", "-ions") or when it does not end in -ons.
 */
export function verbFormOfNous(word: string): string {
  if (word.length < 6 || !word.endsWith('ons') || word.endsWith('ions')) return word;
  if (!baseStem(word).endsWith('on')) return word;
  const root = word.slice(0, -3);
  return (root.endsWith('ge') ? root.slice(0, -1) : root) + 'er';
}

const cache = new Map<string, string>();

/** `stemWord` with a bounded cache, for words seen again and again. */
export function stem(word: string): string {
  const cached = cache.get(word);
  if (cached !== undefined) return cached;
  const result = stemWord(word);
  if (cache.size >= 200_000) cache.clear();
  cache.set(word, result);
  return result;
}

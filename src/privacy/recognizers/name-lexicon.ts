/**
 * Word lists used by the person-name recognizer. All entries are normalised (lower case,
 * no diacritics) so they compare with `Token.norm`.
 */

function set(words: string): ReadonlySet<string> {
  return new Set(words.split(/\s+/).filter((w) => w.length > 0));
}

/** Civilities followed by a name. "m" and "mm" are checked apart ("M.", "M Dupont", "MM."). */
export const CIVILITIES = set(
  'monsieur madame mademoiselle maitre docteur docteure professeur professeure mr mme mlle melle mmes mlles mrs ms dr pr',
);
export const DOTTED_CIVILITIES = set('m mm');

/** Name particles: allowed inside a name when another name word follows. */
export const PARTICLES = set(
  'de du des d le la van von der den di da del della dos das do ben bin ibn el al ait mac mc',
);

export const MONTHS = set(
  'janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre',
);
export const WEEKDAYS = set('lundi mardi mercredi jeudi vendredi samedi dimanche');

/** Organisations, acronyms and products that look like capitalised names. */
export const ORGANISATIONS = set(`
  drh dtnum csa for-mi formi mirai rgpd cnil anssi sirh pv rn rd cni nir iban rib siv ants dgpn dggn dgsi dgef
  dgcl dlpaj sgami sgar ofii ofpra sncf ratp edf caf cpam urssaf dgfip ia ai sg dsic dnum dinum sgdsn iga igpn
  iggn pn gn crs bac ddsp ddpn dipn dzpn drpj dcpj ocrvp anfsi pnr siret siren tva ttc ht etp eur ue onu otan
  gendarmerie police prefecture sous-prefecture ministere interieur republique etat france europe francais
  francaise chatgpt gpt openai copilot microsoft google gemini mistral lechat llama meta perplexity deepl grok
  teams tchap outlook word excel powerpoint office windows linux github gitlab notion slack zoom whatsapp signal
  telegram facebook instagram twitter linkedin youtube tiktok apple amazon aws azure sharepoint onedrive anthropic
  hugging huggingface dropbox gmail yahoo hotmail orange sfr bouygues free laposte poste cedex bp cs
  pdf doc docx xls xlsx csv json xml api url http https www rer tgv ter ter cdd cdi rh si dsi rssi dpo cio
  paris lyon marseille toulouse nice nantes strasbourg montpellier bordeaux lille rennes reims toulon grenoble
  dijon angers nimes brest limoges tours amiens metz besancon perpignan orleans rouen caen mulhouse nanterre
  versailles creteil bobigny cergy evry ajaccio bastia gironde rhone nord bretagne normandie occitanie corse
  guyane guadeloupe martinique reunion mayotte alsace provence savoie
  lumiere charte circulaire intelligence artificielle numerique antipolis
`);

/** Common words that start sentences or headings and are never part of a person's name. */
export const COMMON_WORDS = set(`
  le la les un une des ce cet cette ces mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs
  il elle ils elles on nous vous je tu qui que quoi dont ou et mais donc or ni car si pour par avec sans sur
  sous dans en au aux du de a chez vers entre depuis selon apres avant pendant merci bonjour bonsoir
  cordialement salut objet re tel mail email courriel cc pj nb ps voici voila oui non bien tres plus moins
  tout tous toute toutes aucun aucune chaque quel quelle quels quelles comment pourquoi quand combien
  est sont etait sera ont avait pouvez puis peut dois doit faut veuillez merci svp stp ok
  nom prenom prenoms date adresse telephone numero madame monsieur mademoiselle
  rue avenue boulevard place quai allee impasse chemin route square cours residence lieu-dit
  dossier demande reponse note rapport fiche guide formation parcours session projet programme plan
  feuille reunion salle batiment pole cellule plateforme portail application outil logiciel service
  bureau direction sous-direction mission cabinet departement region commune ville tribunal cour conseil
  comite commission groupe article decret loi arrete annexe code titre chapitre section
  donnees personnel personnelles securite cyber ethique ethiques usage usages agents agent ambassadeur
  ambassadeurs usager usagers public publique administration ministerielle ministeriel
  urgent important confidentiel rappel attention info information informations question questions
  informatique libertes liberte egalite fraternite nationale national nationaux regional regionale
  departemental departementale municipal municipale federal federale europeen europeenne militaire civile
  sociale social superieur superieure interministeriel interministerielle
  delegation secretariat inspection agence observatoire laboratoire equipe unite division accueil standard
  support assistance helpdesk hotline guichet portable mobile fixe fax ne nee domicile domicilie domiciliee
`);

/** Public roles: as name words they end a name; next to a name they mark a public official. */
export const ROLE_WORDS = set(`
  prefet prefete sous-prefet sous-prefete ministre directeur directrice president presidente secretaire
  general generale maire depute deputee senateur senatrice commissaire procureur procureure juge capitaine
  commandant lieutenant colonel adjudant brigadier gardien major chef cheffe responsable inspecteur
  inspectrice controleur controleuse attache attachee administrateur administratrice conseiller conseillere
  charge chargee delegue deleguee ambassadrice referent referente adjoint adjointe officier
  gouverneur haut-commissaire
`);

/** Words that, right before a capitalised sequence, make it a place or institution name. */
export const INSTITUTION_BEFORE = set(`
  rue avenue boulevard bd place quai allee impasse chemin route square cours residence lieu-dit voie passage
  lycee college ecole universite hopital clinique centre salle batiment stade gymnase piscine pont gare
  aeroport caserne quartier espace musee mediatheque bibliotheque promotion amphitheatre amphi campus
  institut fondation prix association parc jardin station metro tram cite foyer ehpad maison hotel theatre
  cinema creche halle complexe esplanade parvis port tour immeuble site porte fort base camp salon festival
  trophee concours rapport loi plan dispositif operation programme avenue ecole groupe-scolaire
  boulevard fondation chaire mediatheque stade residence centre-ville faubourg hameau hospitalier hospitaliere
  scolaire universitaire penitentiaire chu chr chru iut cfa ifsi auditorium rotonde rencontres journee journees
  colloque forum seminaire conference
`);

/** Words announcing a place ("à Nancy", "en Lorraine"): a following first name is likely a city. */
export const PLACE_BEFORE = set('a en vers depuis');

/** First names that are also the names of places agents write about. */
export const PLACE_LIKE_FIRST_NAMES = set(`
  florence nancy lorraine valence vienne adelaide victoria sydney santiago orleans charlotte angers
  savannah chambery alba lourdes marseille
`);

/** Words that, after a first name, make the pair a product ("Claude Sonnet", "Albert API"). */
export const PRODUCT_WORDS = set(`
  sonnet opus haiku code ai ia api chat pro plus max mini large small medium conversation desktop enterprise
  team teams ultra flash nano assistant bot gpt llm cloud studio web app mobile store premium
`);

/** First names that are also AI products: never a name on their own. */
export const PRODUCT_FIRST_NAMES = set('albert claude lucie siri gemini mistral cortana alexa');

export interface ContextCue {
  /** Normalised words, in order, that end right before the name. */
  words: string[];
  /** Strong cues ("l'usager", "le candidat") accept a single name word; weak ones need two. */
  strong: boolean;
  /** Form labels ("Nom : DURAND") only count when a colon follows them. */
  label?: boolean;
}

const STRONG_CUES = `
  usager usagere candidat candidate agent agente demandeur demandeuse requerant requerante interesse interessee
  conducteur conductrice titulaire victime plaignant plaignante beneficiaire stagiaire collegue epouse epoux nee
  ressortissant ressortissante eleve etudiant etudiante patient patiente proprietaire locataire contrevenant
  contrevenante prevenu prevenue temoin defunt defunte mineur mineure enfant fils fille pere mere frere soeur
  mari veuve veuf conjoint conjointe administre administree redevable assure assuree salarie salariee employe
  employee suspect suspecte interpelle interpellee detenu detenue passager passagere pieton pietonne cycliste
  automobiliste motocycliste destinataire expediteur expeditrice contribuable electeur electrice resident
  residente habitant habitante voisin voisine client cliente sieur dame nomme nommee alias
  interlocuteur interlocutrice correspondant correspondante famille
`;

const WEAK_CUES = [
  'concernant',
  'nom de',
  'part de',
  'contacter',
  'rappeler',
  'appeler',
  'joindre',
  'prevenir',
  'recevoir',
  'convoquer',
  'dossier de',
  'compte de',
  'attention de',
  'epoux de',
  'epouse de',
  'fils de',
  'fille de',
  'signalement de',
  'plainte de',
  'demande de',
];

/** Form labels: "Nom : DURAND", "Prénom : Sophie", "De : Karim Benali". */
const LABEL_CUES = [
  'nom',
  'prenom',
  'prenoms',
  'nom usage',
  'nom naissance',
  'nom de naissance',
  'nom de famille',
  'nom et prenom',
  'nom prenom',
  'patronyme',
  'identite',
  'de',
  'a',
  'cc',
  'contact',
  'referent',
  'referente',
  'redacteur',
  'redactrice',
  'auteur',
  'autrice',
];

export const CONTEXT_CUES: readonly ContextCue[] = [
  ...LABEL_CUES.map((w) => ({ words: w.split(' '), strong: true, label: true })),
  ...STRONG_CUES.split(/\s+/)
    .filter((w) => w.length > 0)
    .map((w) => ({ words: [w], strong: true })),
  ...WEAK_CUES.map((w) => ({ words: w.split(' '), strong: false })),
];

/**
 * Public roles, matched on normalised text, that mark a public official named in that role:
 * "Hugues Moutouh, secrétaire général", "le préfet Jean Dupont".
 */
export const PUBLIC_ROLE =
  "(?:sous-)?prefete?|ministres?|secretaire (?:generale?|d'etat)|(?:sous-)?direct(?:eur|rice) (?:generale?|de cabinet|adjointe?|d'administration centrale)|" +
  "sous-direct(?:eur|rice)|chef(?:fe)? de service|deleguee? ministeriel(?:le)?|deputee?|senat(?:eur|rice)|maire|" +
  "presidente? de la republique|premiere? ministre|haute?-commissaire|ambassad(?:eur|rice)|procureure?(?: de la republique| general)?|" +
  "inspect(?:eur|rice) generale?|controleu(?:r|se) generale?|garde des sceaux|porte-parole du gouvernement|gouverneur";

/**
 * The patterns of intent detection, over folded text (lower case, no accents, straight
 * apostrophes). French first, with the common English wordings of mixed-language messages.
 * Every pattern is linear: alternations of fixed words, bounded gaps, no nested quantifiers
 * over overlapping classes.
 */

const W = '(?:^|\\W)';
const E = '(?:$|\\W)';
const re = (source: string): RegExp => new RegExp(source);

/** "AI" in English; not the « ai » of « j'ai », « n'ai », « ai-je ». */
const AI_EN = "(?:^|[^\\w'])ai(?!-)(?:$|\\W)";

// ───────────────────────────── asking for a person ─────────────────────────────

const PERSON_FR =
  "humain(?:e|s)?|(?:une|une vraie|un vrai|vraie|vrai) personne|personnes? (?:competente|qualifiee|habilitee)s?|quelqu'un|qqn|ambassadeu(?:r|se)s?|referent(?:e|s)?|" +
  'conseill(?:er|ere)s?|expert(?:e|s)?|responsables?|interlocut(?:eur|rice)s?|correspondant(?:e|s)?|specialistes?|juristes?|un agent|par un agent|dpo|' +
  'delegue a la protection|la drh|la dtnum|la delegation|un collegue|un etre humain|(?:le|au|un) bon service|(?:le|au|un|aux) services? competents?';
const PERSON_EN =
  'real person|a person|humans?|someone|somebody|anyone|anybody|an? (?:expert|advisor|adviser|specialist|agent|officer|colleague|ambassador|representative|staff member)|experts|specialists';

export const HUMAN = re(`${W}(?:${PERSON_FR}|${PERSON_EN})${E}`);

export const CONTACT = re(
  `${W}(?:parler|echanger|discuter|contacter|contact|coordonnees|joindre|appeler|m'appeler|m'appelle|rappel(?:le|ler|er)?|m'aide|m'aider|aide[rz]?[- ]moi|aide|` +
    "conseil|conseils|avis|me conseille|me conseiller|me reponde|me repondre|m'accompagne|m'accompagner|m'ecrive|mis(?:e)? en (?:relation|contact)|" +
    "mettre en (?:relation|contact)|mettez[- ]moi|transmet(?:tre|tez|s)|transfer(?:er|ez|e)|faire suivre|relayer|faire remonter|remonter|rendez[- ]vous|rdv|" +
    "rencontrer|examine|examiner|etudie|etudier|escalader|passez[- ]moi|passe[- ]moi|orientez[- ]moi|poser (?:ma|la|une|cette) question|repondre a ma question|" +
    'prenne le relais|arranger|organiser|me passer|nous passer|contacte|contactent|recontacte|recontacter|recontactent|de vive voix|(?:au|par) telephone|(?:un|une) (?:echange|entretien|reunion|rencontre|visio|visioconference|appel) avec|' +
    'talk|speak|call|contact|reach|phone|meet|get in touch|put me in touch|connect me|forward|escalate)' +
    E,
);

export const WANT_HUMAN = re(
  `${W}(?:je (?:veux|voudrais|souhaite|souhaiterais|aimerais|desire|prefere|prefererais|demande)|j'aimerais|j'ai besoin|besoin d|pouvez[- ]vous|` +
    "pourriez[- ]vous|vous pouvez|vous pourriez|peux[- ]tu|tu peux|est[- ]il possible|est-ce possible|est-ce qu(?:e |')(?:quelqu'un|qqn|un|une)|merci de|mettez[- ]moi|transferez|" +
    'passez[- ]moi|orientez[- ]moi|i (?:want|need|would like)|i\'d like|can i|could i|could you|can you|is there|please)' +
    E,
);

/** "Je veux un conseiller", "j'aimerais un échange avec quelqu'un", "can I get a real person": the ask names the person. */
const ASK_VERB =
  "je (?:veux|voudrais|souhaite|souhaiterais|desire|demande|exige|prefere|prefererais)|j'aimerais|j'exige|j'ai besoin d'|besoin d'|" +
  'nous (?:voulons|voudrions|souhaitons|souhaiterions|aimerions|demandons)|on (?:veut|voudrait|souhaite|aimerait)|' +
  "i (?:want|need|would like)|i'd like|give me|get me|(?:can|could|may) (?:i|we) (?:get|have|talk to|speak to|speak with|talk with)";
const ASK_BRIDGE =
  "(?:parler (?:a|avec) |echanger avec |discuter avec |etre (?:mis en relation|mise en relation|rappele|rappelee|recontacte|recontactee|accompagnes?|aidee?) (?:avec |par )?|" +
  "avoir |voir |rencontrer |joindre |contacter |(?:(?:organiser|avoir|obtenir|prendre|planifier|fixer) )?(?:un|une) (?:echange|entretien|rendez-vous|rdv|appel|contact|reunion|rencontre|visio|visioconference|conversation|discussion|temps d'echange) (?:avec |aupres d'|aupres de )|" +
  "(?:l'avis|les conseils|le conseil|l'aide|l'appui) (?:d'|de |du |des )|to (?:talk|speak) (?:to|with) |(?:talk|speak) (?:to|with) )?";
const ASKED_PERSON =
  "(?:(?:un|une|des|le|la|l'|a|an|the|some) )?(?:(?:vrai|vraie|real|actual) )?(?:humain|personne|conseiller|conseillere|agent(?! (?:conversationnel|ia|virtuel|intelligent|autonome|ai))|expert|experte|specialiste|referent|referente|" +
  "ambassadeur|ambassadrice|interlocuteur|interlocutrice|responsable|juriste|correspondant|human|person|advisor|adviser|specialist|ambassador)|quelqu'un|qqn|someone|somebody|anyone";
export const DIRECT_ASK = re(`${W}(?:${ASK_VERB}) ${ASK_BRIDGE}(?:${ASKED_PERSON})${E}`);
/** "Je souhaiterais qu'un ambassadeur me recontacte", "je veux qu'un humain regarde" (not "qu'un agent puisse…"). */
export const WISH_FOR_PERSON = re(
  `${W}(?:${ASK_VERB}) (?:que |qu')(?:(?:un|une|le|la|l'|mon|ma|notre) )?(?:(?:vrai|vraie) )?` +
    `(?:humain|personne|conseill(?:er|ere)|expert(?:e)?|specialiste|referent(?:e)?|ambassadeu(?:r|se)|ambassadrice|interlocut(?:eur|rice)|responsable|juriste|quelqu'un|qqn)${E}`,
);

/**
 * "Une personne compétente pourrait regarder le dossier ?", "qqn peut me rappeler ?", "could someone
 * call me back": a person as the subject of a request. For a named role the request is conditional
 * (« un responsable peut-il vérifier… ? » asks about the rules).
 */
const REVIEWER_FR =
  'une personne|une personne competente|une personne qualifiee|un expert|une experte|un specialiste|un conseiller|une conseillere|un referent|une referente|' +
  'un ambassadeur|une ambassadrice|un humain|un juriste|un responsable|une responsable';
const REVIEWER_EN = 'someone|somebody|anyone|a person|a human|an expert|an agent|a specialist|an advisor|an adviser';
const REVIEW =
  "regarder|relire|revoir|examiner|etudier|verifier|jeter un oeil|se pencher|m'aider|nous aider|aider|me rappeler|nous rappeler|m'appeler|me contacter|nous contacter|" +
  "me repondre|nous repondre|m'accompagner|nous accompagner|call|contact|reach|help|get back to|phone|email|talk to|speak to|speak with|review|look at|" +
  'have a look|take a look|look into|check';
const PLACE = "(?: (?:de|du|de la|d'un|d'une|at the|from the|at|from) [a-z-]+)?";
const OBJECT = "(?:me |nous |m'|l'|la |le |les |y |me the )?";
export const REVIEW_ASK = re(
  `${W}(?:${REVIEWER_FR})${PLACE} (?:pourrait|pourraient|pourra|pourrait-il|pourrait-elle) ${OBJECT}(?:${REVIEW})${E}|` +
    `${W}(?:quelqu'un|qqn)${PLACE} (?:peut|peut-il|pourrait|pourra|pourrait-il) ${OBJECT}(?:${REVIEW})${E}|` +
    `${W}(?:${REVIEWER_EN})${PLACE} (?:could|can|would|will) ${OBJECT}(?:${REVIEW})${E}|(?:can|could|would) (?:${REVIEWER_EN}) (?:${REVIEW})${E}|` +
    `is there (?:anyone|anybody|someone|somebody|a person|a human)(?: [a-z']+){0,8} (?:call|talk to|speak to|speak with|contact|reach|ask)${E}`,
);

/** "Je demande qu'elle soit revue par un agent", "vérifiée par une personne du ministère". */
export const REVIEWED_BY = re(
  `${W}(?:soit|soient|etre|sera) (?:revue?s?|relue?s?|verifiee?s?|examinee?s?|reexaminee?s?|controlee?s?|validee?s?|traitee?s?) par (?:un|une|des|quelqu'un|le|la)${E}`,
);

/** "Pouvez-vous faire suivre au bon service ?": passing the question on to someone. */
export const FORWARD = re(
  `${W}(?:faire suivre|faites suivre|transmettre|transmettez|transferer|transferez|relayer|relayez|faire remonter|rediriger|redirigez|orienter|orientez)` +
    "(?: (?:ma|la|cette|notre|mon|ce) (?:demande|question|requete|dossier|message))? (?:a|au|aux|vers) (?:(?:le|la|un|une|l') ?)?(?:bon |bonne )?" +
    `(?:service|personne|interlocuteur|equipe|direction|referent|expert|humain|quelqu'un|specialiste)s?${E}`,
);

export const REPORT = re(
  `${W}(?:je (?:veux|voudrais|souhaite|dois|souhaiterais) (?:signaler|declarer|denoncer|alerter)|signaler un (?:usage|incident|probleme|abus)|lancer une alerte|` +
    `(?:i (?:want|need|would like) to|i'd like to|how (?:do|can) i|i must) report|report (?:a|an) (?:misuse|incident|problem|abuse|breach))${E}`,
);

/** "Puis-je demander à un ambassadeur de relire ma note ?": having a person of the network look at it. */
export const ASK_PERSON = re(
  `${W}(?:demander (?:a|l'avis d'|conseil a)|faire (?:relire|verifier|valider|examiner) par|soumettre (?:a|au)) (?:un |une |mon |ma |notre |le |la |l')?` +
    `(?:ambassadeu(?:r|se)|referent(?:e)?|expert(?:e)?|conseill(?:er|ere)|specialiste|juriste|humain|personne competente|dpo|delegue a la protection|dtnum)s?${E}`,
);

/** Refusing, or being made, to use AI is a question about the rule, not a use to assess. */
export const RULE_ABOUT_USE = re(
  `${W}(?:refuser|refuse|obliger|oblige|obligee|obliges|contraindre|contraint|forcer|force|forcee|imposer|impose|obligatoire) (?:de |d'|a )?(?:l'|les )?(?:utiliser|recourir|employer|passer par)${E}`,
);

export const CONTESTED = re(
  '(?:ne me (?:suffit|convient|satisfait) pas|ne repond pas a (?:ma|notre|mon) (?:question|cas|besoin)|pas (?:satisfait|convaincu) (?:de|par) (?:votre|ta) reponse|' +
    "ne couvre pas notre cas|pas d'accord avec (?:votre|ta|cette) reponse|" +
    '(?:je conteste|nous contestons|contester) (?:la|votre|ta|cette|ce|votre) (?:reponse|verdict|analyse|avis)|' +
    '(?:votre|ta|cette) reponse (?:est )?(?:fausse|erronee|incorrecte|inexacte)|(?:un|le) reexamen|(?:revoir|reexaminer) (?:la|votre|ta|cette) reponse)',
);

/** "Qui contacter… ?", "Who is the contact…?": who the contacts are, a charter question. */
export const WHO_START = /^(?:qui|quel(?:le)?s?|a qui|who|whom) /;
export const IMPERATIVE_HUMAN = /(?:^|\W)(?:passez|passe|orientez|mettez)[- ]moi/;

// ───────────────────────────── tool questions ─────────────────────────────

/** Wh-questions ask for information; yes/no questions ask for permission. */
export const WH_START =
  /^(?:(?:mais|alors|et|donc|au fait|dites|bonjour|svp|(?:selon|d'apres|dans) (?:la charte|la circulaire|le texte|les textes))[ ,]+)?(?:qu'est[- ]ce|qu'est ce|quel(?:le)?s?|lequel|laquelle|lesquel(?:le)?s|dans (?:quel|quelle|quels|quelles)|a (?:quel|quelle|quels|quelles|qui|quoi)|de (?:quel|quelle|quels|quelles|qui|quoi)|par qui|pour qui|pour quoi|pourquoi|qui|quoi|comment|ou|quand|combien|que|c'est quoi|c quoi|ca veut dire|ca sert a quoi|explique(?:z)?[- ]moi|definition|en quoi|what|which|who|whom|whose|how|why|when|where)(?=[\s',?-]|$)/;

/** Permission words that stand on their own ("puis-je", "on a le droit", "c'est OK de", "can I use"). */
export const PERMISSION = re(
  `${W}(?:(?:veut|veulent|souhaite|souhaitent|envisage|envisagent|voudrait|voudraient|aimerait|aimeraient|compte|comptent|prevoit|prevoient) (?:d'|de )?(?:utiliser|recourir|deployer|tester|installer|mettre en place|employer|se servir|acheter|adopter)|` +
    "puis[- ]je|je peux|je pourrais|peut[- ]on|on peut|je peu|j'peux|jpeux|jpeu|on peu|peut on|est[- ]ce (?:ke|k) (?:je|j'|on|nous) (?:peux|peu|peut|pe|pourrais|ai|a)|pourrait[- ]on|on pourrait|pourrais[- ]je|pourrions[- ]nous|nous pourrions|est-ce que (?:je|j'|on|nous) (?:peux|peut|pouvons|pourrais|pourrait|pourrions|ai|a|avons)|" +
    "ai[- ]je le droit|j'ai le droit|j'ai droit|a[- ]t[- ]on le droit|avons[- ]nous le droit|on a le droit|on a droit|nous avons le droit|pouvons[- ]nous|nous pouvons|" +
    "est[- ]il (?:possible|permis|autorise|envisageable|interdit)|c'est (?:ok|bon|possible|autorise|permis|interdit|grave|legal|risque|envisageable|jouable|faisable)|ca passe|ca irait|" +
    "(?:est|c'est|serait) autorise|autorise(?:e)?s?|valide(?:e)?s?|homologue(?:e)?s?|agree(?:e)?s?|interdit|permis|ok pour|ok de|possible de|envisageable|je pense (?:utiliser|passer)|" +
    '(?:can|could|may|might|should) (?:i|we|one|my team|our team|our service|an agent|agents|staff)(?: still| really| also| just)? (?:use|paste|upload|put|send|share|submit|feed|give|copy|enter|run|try|ask|have|let|rely on|work with|translate|summari[sz]e|draft|write|transcribe|record)|' +
    '(?:am i|are we|is one|are agents|is my team|are staff) (?:allowed|permitted|authori[sz]ed|entitled)|is it (?:ok|okay|fine|alright|allowed|permitted|acceptable|possible|legal|safe|forbidden|prohibited)|' +
    '(?:allowed|permitted|ok|okay) to (?:use|paste|upload|put|send|share|submit|give)|(?:is|are) (?:[a-z.-]+ ){1,3}(?:allowed|permitted|authori[sz]ed|approved|banned|forbidden))' +
    '(?:$|\\W|\\?)',
);

/** A wish of the asker ("je voudrais", "on va"): a tool question when a tool is named or the wish is to use one. */
const WISH_WORDS =
  "je (?:voudrais|veux|souhaite|souhaiterais|compte|vais|dois|pense|prevois|envisage|aimerais|desire)|j'aimerais|j'envisage|" +
  'nous (?:voudrions|voulons|souhaitons|comptons|allons|devons|aimerions|envisageons)|on (?:voudrait|veut|souhaite|compte|va|doit|aimerait|envisage)|' +
  "i (?:want|need|would like|plan|intend)|i'd like|we (?:want|need|would like|plan|intend)|we'd like";
export const WISH = re(`${W}(?:${WISH_WORDS})${E}`);
const USE_VERBS =
  "utiliser|recourir|employer|me servir|nous servir|se servir|passer par|tester|essayer|installer|deployer|mettre en place|adopter|acheter|confier|demander a|demander au|" +
  'coller|copier|saisir|entrer|televerser|charger|importer|envoyer|transmettre|donner|soumettre|partager|deposer|integrer|automatiser|' +
  'mettre (?!a jour|en oeuvre|en place)[a-z]|faire (?!le |la |les |un |une |des |du |de |d\'|en |au |part|partie|face|attention)[a-z]+(?:er|ir|re)(?=\\W|$)|' +
  "que (?:l'|le |la |une |un )?(?:ia|outil|algorithme|logiciel|application|appli|machine|systeme|robot|chatbot|assistant)|to use|to paste|to upload|to try";
export const WISH_TO_USE = re(`${W}(?:${WISH_WORDS}) (?:d'|de |to )?(?:l'|le |la |les |en |y )?(?:${USE_VERBS})`);

/** "Un agent peut-il…", "mes collègues peuvent-ils…": may someone of the ministry do it (not "peut être"). */
export const THIRD_PERSON = re(
  `${W}(?:un|une|l'|les|des|mon|ma|mes|notre|nos|ce|cet|cette|chaque|tout|nul) (?:agent|agente|agents|collegue|collegues|service|services|equipe|equipes|bureau|chef|cheffe|chefs|` +
    'stagiaire|stagiaires|prefecture|prefectures|direction|directions|redacteur|redactrice|instructeur|instructeurs|gestionnaire|gestionnaires|encadrant|encadrants|manager|fonctionnaire|' +
    'fonctionnaires|personnel|policier|policiers|gendarme|gendarmes)(?: [a-z]+)? (?:peut|peuvent|pourrait|pourraient|a le droit|ont le droit|a droit|ont droit|est autorisee?|sont autorisee?s)' +
    '(?:-(?:t-)?(?:il|elle|ils|elles))?(?! etre)(?=\\W|$)',
);
export const USE_VERB = re(
  `${W}(?:utiliser|recourir|employer|servir|passer par|coller|copier|saisir|televerser|charger|importer|envoyer|transmettre|soumettre|confier|demander a|laisser|mettre|use|paste|upload)${E}`,
);

export const TOOL_CONTEXT = re(
  `${W}(?:ia|i\\.a\\.|intelligence artificielle|outil|outils|logiciel|appli|application|chatbot|(?:robot|agent|assistant)s? conversationnels?|assistant (?:ia|virtuel)|ia generative|traducteur|generateur|transcription automatique|llm|algorithme|artificial intelligence|tool|tools|app|software)${E}|${AI_EN}`,
);

/** An AI (not the agent) as the subject: "une IA peut-elle…", "l'algorithme pourrait-il…". */
const AI_SUBJECT =
  "(?:une ia|l'ia|un outil d'ia|l'outil|un outil|l'intelligence artificielle|un algorithme|l'algorithme|une machine|la machine|le logiciel|un logiciel|le systeme|le robot|le chatbot)";
const MODAL = '(?:peut|pourrait|peuvent|pourraient|sait|saurait|a le droit|doit|a-t-elle|a-t-il)(?:-(?:t-)?(?:il|elle))?';
/** Up to four words completing the subject: "le logiciel de la plateforme naturalisation pourrait-il…". */
const SUBJECT_TAIL = "(?: (?:ca|cela)| (?:de|du|des|d'|de la|de l')(?: [a-z'-]+){1,3})?";
export const AI_AS_SUBJECT = re(`${W}${AI_SUBJECT}${SUBJECT_TAIL} ${MODAL}${E}`);
const ADV = '(?:(?:tout|toute) (?:seul|seule) |seule? |automatiquement |directement |elle-meme |lui-meme |a (?:ma|notre|leur|sa) place |a la place (?:de l|d)\'agent )?';
const TASKS =
  'classer|trier|traiter|instruire|rediger|accorder|refuser|rejeter|valider|cloturer|noter|evaluer|selectionner|attribuer|resumer|synthetiser|traduire|analyser|' +
  'fixer|calculer|verifier|controler|corriger|examiner|sanctionner|radier|recruter|delivrer|signer|approuver|autoriser|juger|ecarter|exclure|prioriser|filtrer|affecter|' +
  'envoyer|notifier|transcrire|reformuler|generer|remplir|completer|relire|restructurer|mettre en forme|preparer|ecrire|lire|decider|repartir|planifier|identifier|comparer|' +
  'croiser|surveiller|detecter|repondre|departager|statuer sur|trancher sur';
const CONCRETE_OBJECT = "(?:les|des|mes|nos|vos|ces|le|la|l'|mon|ma|notre|votre|ce|cet|cette|leurs|tous les|toutes les|aux|au|du)";
/**
 * The AI does a concrete task: a task verb on a definite object ("classer automatiquement les
 * plaintes"), or a pronoun standing for the asker's own work ("une IA peut le faire ?", "s'en
 * charger", "m'aider à rédiger mon rapport"). "Prendre seule une décision" stays a rule question.
 */
export const AI_TASK = re(
  `${W}${AI_SUBJECT}${SUBJECT_TAIL} ${MODAL} ${ADV}(?:(?:${TASKS}) ${ADV}${CONCRETE_OBJECT}|(?:le |la |les |l'|s'en |m'en |nous en )(?:faire|traiter|gerer|charger|occuper|${TASKS})|(?:faire|gerer|traiter) (?:ca|cela|ceci)|` +
    `(?:m'|me |nous )aider (?:a|pour) (?:${TASKS}) ${CONCRETE_OBJECT}|(?:m'|me |nous )(?:aider|depanner)(?= ?[?.!]|$))`,
);
/** A named tool as the subject: "MIRAI peut-il m'aider…", "Copilot pourrait nous aider à…". */
export const TOOL_AS_SUBJECT = re(
  `${W}(?:peut|pourrait|peuvent|pourraient|sait|saurait)(?:-(?:t-)?(?:il|elle))? (?:(?:m'|me |nous )(?:aider|servir|permettre)|${ADV}(?:${TASKS}) ${ADV}(?:${CONCRETE_OBJECT}|un|une)|(?:le |la |les |l'|s'en )(?:faire|traiter|gerer|charger)|(?:faire|gerer|traiter) (?:ca|cela|ceci))${E}|` +
    `${W}(?:can|could) (?:it|they) (?:help|be used)|${W}(?:can|could) (?:\\w+ ){1,2}help (?:me|us)`,
);

/** Generic quantifiers make a permission question a question about the rule. */
export const GENERIC = re(
  `${W}(?:n'importe (?:quel|quelle|quels|quelles|quoi)|toutes? les donnees|tous types? de|en general|de maniere generale|de facon generale|en principe|forcement|systematiquement|` +
    `dans tous les cas|quel que soit|quelle que soit|quels que soient|quelles que soient|en toutes circonstances|des qu'il|des qu'on|des que|a chaque fois qu)${E}`,
);
/** "Les données dites protégées peuvent être saisies…": a kind of data as the subject, the rule in general. */
export const GENERIC_SUBJECT = re(
  `${W}(?:les|des) (?:donnees|informations|infos|documents|contenus|fichiers)(?: [^\\s?.!;:]+){0,4} (?:peuvent|pourraient|doivent)(?:-(?:elles|ils))?(?: [a-z]+)? etre${E}`,
);
/** "Les outils d'IA gratuits sont-ils interdits… ?": a kind of tool as the subject, the rule in general. */
export const GENERIC_TOOL_SUBJECT = re(
  `${W}les (?:outils|ia|applications|applis|logiciels|chatbots|solutions|services|traducteurs)(?: [^\\s?.!;:]+){0,4} (?:sont-ils|sont-elles|peuvent-ils|peuvent-elles|doivent-ils|doivent-elles)${E}`,
);
/** The asker or their own things: the question is about their case. */
export const FIRST_PERSON = /(?:^|\W)(?:je|j'|moi|mon|ma|mes|nous|notre|nos|on|m'|i|my|we|our)(?:$|\W)/;

/** "MIRAI, c'est quoi ?": a definition, not a permission. */
export const DEFINITION = /(?:c'est quoi|ca sert a quoi|qu'est[- ]ce que c'est|ca veut dire quoi|la difference entre)(?:$|\W)/;

/** "Ce que dit exactement le texte", "la charte est-elle…", "what does the circular say": what the text says. */
const CHARTER_DOC =
  '(?:le texte|ce texte|les textes|la charte|cette charte|la circulaire|cette circulaire|la note|cette note|le courrier|ce courrier|la regle|les regles|the charter|the charte|the circular|the text|the rules?)';
export const CHARTER_ASK = re(
  `${W}(?:ce (?:que|qu')|que|qu'est-ce que) (?:dit|disent|prevoit|prevoient|indique|precise|impose|exige|recommande|autorise|interdit|permet|stipule|enonce|contient)(?: exactement| precisement| vraiment)? ${CHARTER_DOC}${E}|` +
    `${CHARTER_DOC}(?: [a-z]+)? (?:dit|prevoit|indique|precise|impose|exige|recommande) (?:quoi|quelque chose)${E}|` +
    `${CHARTER_DOC}(?: [a-z]+)? (?:s'|se |n')?[a-z]+-(?:t-)?(?:elle|il)${E}|` +
    `(?:what does|what do|does|do) ${CHARTER_DOC} (?:say|apply|allow|cover|mention|require|forbid|state)${E}|what ${CHARTER_DOC} (?:says|states|requires)${E}|according to ${CHARTER_DOC}${E}`,
);

/** "J'ai collé par erreur… que faire ?": an incident to handle, not a permission to ask. */
export const INCIDENT = /(?:^|\W)j'ai (?:deja |peut-etre )?(?:mis|colle|saisi|envoye|entre|copie|transmis|partage|donne|televerse|charge|utilise)(?:$|\W)/;
export const INCIDENT_QUESTION = /par erreur|par megarde|sans faire expres|que (?:dois|faut|faire)|quoi faire|comment (?:faire|reagir|corriger)|est-ce grave|c'est grave/;
export const TASK = /(?:^|\W)(?:pour|pr|afin de|en vue de|in order to)(?:$|\W)/;

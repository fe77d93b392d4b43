import { describe, it, expect } from 'vitest';
import { testBot, allText, mainMeta } from '../helpers/test-bot.js';

/**
 * Questions in shapes the rules must understand, through the real bot (knowledge, policy, shield).
 * Our own wording, not the dev sets': each row is a paraphrase of a kind of question, in other
 * words and other sentence shapes. text → intent (and verdict for a tool question).
 */
const bot = testBot();
let n = 0;
const ask = async (text: string) => {
  const replies = await bot.say(`shape-${++n}`, text);
  return { meta: mainMeta(replies), text: allText(replies) };
};

type Row = [text: string, intent: string, verdicts?: string[]];
const OK_COND = ['allowed_with_conditions'];
const ALLOWED = ['allowed', 'allowed_with_conditions'];
const REFUSED = ['not_allowed'];
const MORE = ['needs_more_info'];

const mixedLanguage: Row[] = [
  ['can we use Gemini to translate a press release ? il est déjà publié sur le site de la préfecture', 'tool_check', OK_COND],
  ['Is it ok to upload the list of applicants with their home addresses into ChatGPT ?', 'tool_check', REFUSED],
  ['am I allowed to paste the medical file of a colleague into Claude ? ça irait plus vite', 'tool_check', REFUSED],
  ['Can I use DeepL to translate a public brochure already online?', 'tool_check', OK_COND],
  ['what does the charter say about human oversight ? je prépare une note pour mon chef', 'charter_question'],
  ['quick question : does the circular apply to contractors ? merci d’avance', 'charter_question'],
  ['I need to talk to someone at the ministry, c’est assez urgent', 'escalation_request'],
  ['Could somebody call me back about our AI project? je suis joignable demain', 'escalation_request'],
  ['Can I speak with a human please?', 'escalation_request'],
  ['Is Gemini allowed for our press releases already published?', 'tool_check', OK_COND],
  ['I want to report a misuse of AI in my team', 'escalation_request'],
  ['can I upload our internal procedure guide to ChatGPT? c’est pas confidentiel mais pas public non plus', 'tool_check', REFUSED],
  ['hello, could a human have a look at my case? c’est sur un projet de chatbot en préfecture', 'escalation_request'],
];

const toolShapes: Row[] = [
  // Permission without « utiliser ».
  ['On a le droit de passer par Gemini pour traduire le courrier d’un usager ?', 'tool_check', REFUSED],
  ['C’est OK de passer par DeepL pour une brochure déjà publiée ?', 'tool_check', OK_COND],
  ['Nous avons le droit de confier à Copilot le tableau des congés de l’équipe ?', 'tool_check', REFUSED],
  // An agent, not the asker, is the subject; the AI decides on people.
  ['Un agent peut-il valider sans les relire les propositions de sanction faites par l’IA ?', 'tool_check', REFUSED],
  ['Mes collègues peuvent-ils laisser l’algorithme attribuer tout seul les places de crèche aux agents ?', 'tool_check', REFUSED],
  ['Le logiciel peut-il trier les candidatures et écarter tout seul les profils incomplets ?', 'tool_check', REFUSED],
  ['L’algorithme pourrait-il rejeter automatiquement les dossiers incomplets des demandeurs ?', 'tool_check', REFUSED],
  ['Une IA pourrait-elle rédiger à ma place les réponses aux recours gracieux ?', 'tool_check', [...REFUSED, ...MORE]],
  ['Le logiciel de la plateforme naturalisation pourrait-il rejeter lui-même les dossiers incomplets ?', 'tool_check', REFUSED],
  ['j’ai une présentation à faire sur les chiffres publics de la sécurité routière, une IA peut m’aider ?', 'tool_check', [...MORE, ...OK_COND]],
  ['Bonjour, dans mon bureau on voudrait faire traduire par une IA en ligne les courriers reçus d’usagers étrangers, c’est envisageable ?', 'tool_check', REFUSED],
  ['Mes stagiaires ont-ils le droit d’utiliser Gemini pour des rapports qui décrivent le fonctionnement interne du service ?', 'tool_check', REFUSED],
  ['L’algorithme de notre appli métier peut-il attribuer tout seul les logements sociaux aux demandeurs ?', 'tool_check', REFUSED],
  ['Je peux demander à Gemini de résumer des articles de presse sur la vidéosurveillance algorithmique ?', 'tool_check', OK_COND],
  // Informal spelling.
  ['est ce ke je peu utilisé chatgpt pr mes mails du boulot avec les noms des usagers', 'tool_check', REFUSED],
  ['On est autorisés à passer les PV de la commission de discipline dans Gemini ?', 'tool_check', REFUSED],
  ['Suis-je autorisée à utiliser DeepL pour traduire une plaquette publique de la préfecture ?', 'tool_check', OK_COND],
  // Vague asks: the user's own task, no tool, no data.
  ['j’ai 40 pages de notes à résumer, une IA peut s’en charger ?', 'tool_check', MORE],
  ['J’ai un long rapport à relire, est-ce qu’une IA pourrait le faire ?', 'tool_check', MORE],
  ['J’ai un tableau de 300 lignes à nettoyer, ChatGPT peut faire ça ?', 'tool_check', MORE],
  // A tool as the subject.
  ['MIRAI pourrait-il nous aider à reformuler la note interne du bureau ?', 'tool_check', ALLOWED],
  ['Est-ce que Copilot peut m’aider à mettre en forme un modèle de courrier type ?', 'tool_check', OK_COND],
  // A tool named by its kind or its brand; people's situations are personal data.
  ['Puis-je enregistrer avec Otter une réunion où l’on évoque les cas individuels de plusieurs agents ?', 'tool_check', REFUSED],
  ['Un service de transcription en ligne pour le compte rendu d’un entretien sur la situation personnelle d’un agent, ça passe ?', 'tool_check', REFUSED],
  // Public sources: the subject is not personal data; people named stay personal.
  ['Perplexity pour lister les rapports publics récents sur la vidéosurveillance ?', 'tool_check', OK_COND],
  ['Gemini pour une revue de presse sur les caméras piétons, à partir d’articles publiés ?', 'tool_check', OK_COND],
  ['ChatGPT pour une revue de presse qui cite nommément des particuliers mis en cause ?', 'tool_check', REFUSED],
  ['Perplexity pour analyser les images de vidéoprotection d’un parking ?', 'tool_check', REFUSED],
  // The agent who acts is not personal data; a named tool as the subject of a task.
  ['Un agent peut-il utiliser ChatGPT pour rédiger un discours générique ?', 'tool_check', OK_COND],
  ['ChatGPT peut-il résumer un texte de loi publié au Journal officiel ?', 'tool_check', OK_COND],
  ['Le chatbot peut-il répondre aux usagers sans relecture ?', 'tool_check', REFUSED],
  ['Est-ce qu’un algorithme peut décider des sanctions disciplinaires ?', 'tool_check', REFUSED],
  // Not asks for a person: a role as the subject of a rule, a conversational agent as a tool.
  ['Un responsable peut-il vérifier les réponses de ChatGPT ?', 'tool_check', MORE],
  ['Je voudrais utiliser un agent conversationnel pour l’accueil des usagers', 'tool_check', MORE],
];

const charterShapes: Row[] = [
  // Hearing of someone is not asking to talk to them.
  ['Y a des correspondants IA dans les directions ? on m’en a parlé, j’ai entendu parler d’un réseau', 'charter_question'],
  ['J’ai entendu parler d’ambassadeurs IA, ça existe vraiment chez nous ?', 'charter_question'],
  ['Est-ce que MIRAI est systématiquement le bon choix quand mon service n’a pas d’outil métier ?', 'charter_question'],
  ['Les informations classées Diffusion Restreinte peuvent-elles être mises dans un outil grand public si c’est juste une fois ?', 'charter_question'],
  ['Des données dites sensibles peuvent être utilisées dans ChatGPT pour un simple test ?', 'charter_question'],
  ['La circulaire est-elle liée au plan de transformation numérique du ministère ?', 'charter_question'],
  ['Je dois préparer une session de formation IA pour mon service : quels objectifs fixe la charte ?', 'charter_question'],
  ['J’aimerais devenir référent IA dans ma préfecture : quel serait mon rôle ?', 'charter_question'],
  [
    'En réunion certains collègues pensaient qu’on peut mettre des documents internes dans un outil gratuit si on retire les noms, je voudrais comprendre ce que prévoit exactement la charte sur ce point.',
    'charter_question',
  ],
  ['On se demandait en équipe si on peut utiliser ChatGPT une fois les noms retirés ; que dit la circulaire à ce sujet ?', 'charter_question'],
  ['Une IA peut-elle rendre seule une décision défavorable à un administré ?', 'charter_question'],
  ['Je souhaite mettre en place une démarche IA dans ma direction : la charte s’applique-t-elle aussi aux prestataires ?', 'charter_question'],
  ['Mon collègue dit que la charte a été rédigée sans les syndicats, c’est vrai ?', 'charter_question'],
  ['Certains disent que ce texte n’a jamais été présenté aux représentants du personnel. Est-ce exact ?', 'charter_question'],
  ['Qu’est-ce qu’une donnée à caractère personnel au sens du RGPD ?', 'charter_question'],
  ['Un agent peut-il refuser d’utiliser l’IA ?', 'charter_question'],
  ['Selon la circulaire, dans quels cas un outil grand public reste-t-il envisageable ?', 'charter_question'],
  ['Les infos confidentielles peuvent-elles aller dans un chatbot si on les anonymise ?', 'charter_question'],
  ['Les outils d’IA gratuits sont-ils toujours interdits pour les données personnelles ?', 'charter_question'],
  ['J’ai entendu que le texte avait été imposé sans discussion, vrai ou faux ?', 'charter_question'],
  ['L’IA peut-elle remplacer les agents ?', 'charter_question'],
  ['Les règles communes de la charte s’appliquent-elles à tous ?', 'charter_question'],
  ['Les communes doivent-elles appliquer la charte du ministère ?', 'charter_question'],
  ['Mon chef dit que le texte ne s’applique pas aux contractuels, c’est vrai ?', 'charter_question'],
];

const escalationShapes: Row[] = [
  ['Je souhaiterais une visio avec un expert de la DTNUM sur notre projet.', 'escalation_request'],
  ['Pourriez-vous organiser un rendez-vous entre mon équipe et un référent IA ?', 'escalation_request'],
  ['Ça fait plusieurs fois que je reformule, je veux un interlocuteur humain tout de suite', 'escalation_request'],
  ['Merci de transmettre ma demande au service compétent, nous avons besoin de l’avis d’experts sur un appel d’offres.', 'escalation_request'],
  ['est-ce qu’un expert pourrait jeter un œil à notre dossier avec nous ?', 'escalation_request'],
  ['Votre réponse est fausse, je souhaite qu’elle soit vérifiée par une personne du ministère.', 'escalation_request'],
  ['Je conteste ce verdict et je demande un réexamen.', 'escalation_request'],
  ['J’aimerais un entretien avec une personne de la DRH sur la formation des agents à la charte.', 'escalation_request'],
  ['Est-ce que je peux demander à un ambassadeur de relire ma note ?', 'escalation_request'],
  ['J’aimerais échanger de vive voix avec un ambassadeur de ma direction', 'escalation_request'],
  ['Je souhaite que mon dossier soit examiné par un référent IA', 'escalation_request'],
  ['Vous pouvez me passer quelqu’un ?', 'escalation_request'],
  ['Je souhaiterais qu’un ambassadeur me recontacte', 'escalation_request'],
  ['Je ne suis pas d’accord avec votre réponse, je veux qu’un humain regarde', 'escalation_request'],
  // Who the contacts are: a charter question.
  ['Qui est l’interlocuteur RH pour la charte ?', 'charter_question'],
  ['Quel est le rôle d’un ambassadeur IA auprès des agents ?', 'charter_question'],
];

const scopeShapes: Row[] = [
  ['Quelles règles du RGPD s’appliquent à une association qui gère un fichier d’adhérents ?', 'out_of_scope'],
  ['Que conseille la CNIL aux entreprises pour leurs caméras de surveillance ?', 'out_of_scope'],
  ['Une collectivité territoriale doit-elle désigner un délégué à la protection des données ?', 'out_of_scope'],
  ['Quelles sanctions la CNIL inflige-t-elle aux sociétés privées qui perdent des données clients ?', 'out_of_scope'],
  ['Quelles obligations RGPD pour un club de sport amateur ?', 'out_of_scope'],
  ['Comment une mairie doit-elle informer ses administrés sur la vidéosurveillance ?', 'out_of_scope'],
  ['Comment une association doit-elle déclarer son fichier de bénévoles ?', 'out_of_scope'],
  ['La CNIL autorise-t-elle les communes à utiliser la reconnaissance faciale ?', 'out_of_scope'],
];

describe('questions in any shape', () => {
  for (const [title, rows] of [
    ['mixed or English wording', mixedLanguage],
    ['tool questions', toolShapes],
    ['charter questions that mention tools', charterShapes],
    ['asks for a person', escalationShapes],
    ['scope', scopeShapes],
  ] as const) {
    describe(title, () => {
      it.each(rows as Row[])('%s → %s %j', async (text, intent, verdicts) => {
        const { meta } = await ask(text);
        expect(meta.intent).toBe(intent);
        if (verdicts) expect(verdicts).toContain(meta.verdict);
        if (intent === 'escalation_request') expect(meta.escalate).toBe(true);
      });
    });
  }
});

describe('language', () => {
  it.each([
    'What is the weather like in Paris tomorrow?',
    'Can you recommend a good restaurant near the office please?',
    '¿Puedo pagar una multa de tráfico con tarjeta en la prefectura?',
  ])('asks to rephrase in French only when nothing in the message is French or known: %s', async (text) => {
    expect((await ask(text)).text).toMatch(/en français/);
  });

  it.each([
    'Can I use ChatGPT to summarise my emails please?',
    'can I use Claude for the subtitles ? le script est déjà en ligne',
    'What does the charter say about MIRAI?',
  ])('answers in French when the message names a tool or the charter: %s', async (text) => {
    const { meta, text: answer } = await ask(text);
    expect(meta.intent).not.toBe('out_of_scope');
    expect(answer).not.toMatch(/Je réponds uniquement en français/);
  });
});

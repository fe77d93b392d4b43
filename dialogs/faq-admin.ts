import type { TurnContext } from '../src/dialog.js';
import type { Reply } from '../src/types.js';
import { parseFaqAdminCommand, faqAdminHelp, SOURCE_SYNTAX, type FaqAdminCommand } from '../src/kb-drafts/commands.js';
import { DraftRefusal, missing, type DraftView } from '../src/kb-drafts/drafts.js';
import type { FaqDrafts } from '../src/kb-drafts/service.js';
import { quote } from '../src/escalation/notices.js';
import { clip } from '../src/text.js';

/**
 * The DTNUM admins' FAQ draft commands (« faq brouillons », « faq voir », « faq modifier »,
 * « faq publier », « faq rejeter »). Only KB_ADMINS may use them; everyone else gets a polite refusal.
 */

const MAX_LISTED = 30;

function say(text: string): Reply {
  return { text, meta: { escalate: false } };
}

function origin(d: DraftView): string {
  const p = d.provenance;
  if (!p.ticket) return 'rédigé à la main';
  return `demande #${p.ticket}${p.ambassadorName ? `, réponse de ${p.ambassadorName}` : ''}${p.proposed ? `, le ${p.proposed}` : ''}`;
}

function status(d: DraftView): string {
  const m = missing(d);
  return m.length ? `à compléter : ${m.join(', ')}` : 'prêt à publier';
}

function listing(fd: FaqDrafts): string {
  const drafts = fd.list();
  if (!drafts.length) return 'Aucun brouillon de FAQ à relire. Quand un ambassadeur clôt une demande avec « fermer N faq », sa réponse arrive ici.';
  const lines = drafts.slice(0, MAX_LISTED).map((d) => `- **${d.id}** — « ${clip(d.questions[0] ?? d.title, 120)} » — ${origin(d)} — ${d.problem ? `illisible : ${d.problem}` : status(d)}`);
  const more = drafts.length - MAX_LISTED;
  return [`${drafts.length} brouillon(s) de FAQ à relire :`, ...lines, ...(more > 0 ? [`… et ${more} autre(s) dans le dossier des brouillons.`] : []), '', 'Pour en lire un : « faq voir ID » (ID : l’identifiant en gras ou le numéro de la demande).'].join('\n');
}

function details(d: DraftView): string {
  if (d.problem) return `Le brouillon « ${d.id} » est illisible : ${d.problem}. Corrigez le fichier ${d.id}.md dans le dossier des brouillons.`;
  const sources = (d.parts?.doc.toJS().sources as { doc?: string; section?: string; label?: string }[] | undefined) ?? [];
  const lines = [
    `**Brouillon ${d.id}** (${origin(d)})`,
    '',
    `**Titre** : ${d.title || '(aucun)'}`,
    '**Formulations** :',
    ...(d.questions.length ? d.questions.map((q) => `- ${q}`) : ['- (aucune)']),
    `**Sources** : ${sources.length ? sources.map((s) => `${s.label ?? '?'} (${s.doc ?? '?'}${s.section ? `, ${s.section}` : ''})`).join(' ; ') : 'aucune — à ajouter avant publication'}`,
    '**Réponse** :',
    d.body ? quote(d.body) : '> (vide)',
    '',
  ];
  const m = missing(d);
  if (m.length) {
    lines.push(`Avant de publier, il manque ${m.join(', ')}.`);
    if (d.sources === 0) lines.push(`Source : ${SOURCE_SYNTAX.replaceAll('ID', d.id)}.`);
    if (!d.body.trim()) lines.push(`Réponse : « faq modifier ${d.id} réponse Votre texte ».`);
  } else {
    lines.push(`Relisez la réponse, puis : « faq publier ${d.id} » (ou « faq rejeter ${d.id} »).`);
  }
  return lines.join('\n');
}

const EDITED: Record<string, string> = { title: 'titre remplacé', source: 'source ajoutée', body: 'réponse remplacée', question: 'formulation ajoutée', id: 'identifiant changé', updated: 'date changée' };

function run(fd: FaqDrafts, cmd: FaqAdminCommand): string {
  switch (cmd.name) {
    case 'aide':
      return faqAdminHelp();
    case 'brouillons':
      return listing(fd);
    case 'voir':
      return details(fd.show(cmd.ref));
    case 'modifier': {
      const d = fd.edit(cmd.ref, cmd.edit);
      const m = missing(d);
      return `Brouillon « ${d.id} » : ${EDITED[cmd.edit.kind]}. ${m.length ? `Il manque encore ${m.join(', ')} (« faq voir ${d.id} »).` : `Il est prêt : « faq publier ${d.id} ».`}`;
    }
    case 'publier': {
      const p = fd.publish(cmd.ref);
      const text = `✅ Entrée « ${p.title} » publiée (${p.file}) : le bot y répond dès maintenant (${p.entries} entrées en service).`;
      if (!p.reloadProblems.length) return text;
      return `${text.replace(/ : le bot y répond dès maintenant.*$/, '.')}\n⚠️ Mais le rechargement est refusé à cause d’un autre fichier modifié entre-temps (${p.reloadProblems.length} problème(s), « charte-ia kb check ») : le bot répond encore avec la version précédente.`;
    }
    case 'rejeter': {
      const d = fd.reject(cmd.ref);
      return `Brouillon « ${d.id} » écarté : il est archivé dans le dossier des brouillons (drafts/rejetes/${d.id}.md) et ne sera pas publié.`;
    }
  }
}

export async function handleFaqAdminTurn(ctx: TurnContext): Promise<Reply[] | undefined> {
  if (ctx.message.action) return undefined;
  const fd = ctx.services.faqDrafts;
  const admin = !!fd?.isAdmin(ctx.message.channel, ctx.message.user.id);
  const parsed = parseFaqAdminCommand(ctx.text, !admin);
  if (parsed === undefined) return undefined;
  if (!admin || !fd) {
    return [say('Ces commandes sont réservées aux administrateurs de la base de connaissances (DTNUM). Si vous en faites partie, demandez à l’équipe qui exploite le bot de vous ajouter (réglage KB_ADMINS).')];
  }
  if (typeof parsed === 'string') return [say(parsed)];
  try {
    return [say(run(fd, parsed))];
  } catch (e) {
    if (e instanceof DraftRefusal) return [say(e.message)];
    const code = (e as NodeJS.ErrnoException).code;
    ctx.services.logger.error({ err: (e as Error).message, code, command: parsed.name }, 'FAQ admin command failed');
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      return [say('Le bot n’a pas le droit d’écrire dans le dossier de la base de connaissances (déploiement en lecture seule ?) : rien n’a été modifié. L’équipe qui exploite le bot doit rendre le dossier knowledge/ (ou KB_DRAFTS_DIR) modifiable par le bot.')];
    }
    return [say('La commande n’a pas pu aboutir (erreur d’accès aux fichiers de la base de connaissances) : rien n’a été publié. Réessayez, ou signalez-le à l’équipe qui exploite le bot.')];
  }
}

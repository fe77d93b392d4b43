import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFaqFile } from '../../src/knowledge/loader.js';
import { draftWorld, ADMIN, NATIONAL, text } from './support.js';

const QUESTION = 'Quel est le budget consacré à l’IA par le ministère en 2027 ?';
const ANSWER = 'La circulaire ne fixe pas de budget ; la DTNUM pourra vous renseigner.';
const ID = 'budget-consacre-ia-ministere-2027';

let w: ReturnType<typeof draftWorld>;
beforeEach(() => {
  w = draftWorld();
});
afterEach(async () => {
  await w.close();
});

const draftFile = () => join(w.drafts, `${ID}.md`);
const faqFiles = () => readdirSync(join(w.kb.dir, 'faq')).sort();

describe('« fermer N faq » writes a draft file', () => {
  it('with the faq/ front matter, the redacted question, the answer, the provenance, and no source', async () => {
    const ticket = await w.answeredAndProposed(QUESTION, ANSWER);
    const draft = readFileSync(draftFile(), 'utf8');
    expect(draft).toMatch(new RegExp(`^# Provenance : demande #${ticket}, réponse de Camille Exemple \\(fictif\\) \\[exemple-camille\\], le 2026-12-03\\.$`, 'm'));
    expect(draft).toMatch(/^questions:\n {2}- "Quel est le budget consacré à l’IA par le ministère en 2027 \?"$/m);
    expect(draft).toMatch(/^sources: \[\]$/m);
    expect(draft.trim().endsWith(ANSWER)).toBe(true);
    // A real entry in every respect but the source: it cannot be served as is.
    expect(parseFaqFile(`faq/${ID}.md`, draft).problems).toEqual([expect.objectContaining({ field: 'sources', message: 'every entry must name its source' })]);
    // The database keeps the proposal too (the record), marked as written.
    expect(await w.app.stores.drafts.list()).toEqual([expect.objectContaining({ ticketId: ticket, answer: ANSWER })]);
    expect(readdirSync(w.drafts).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('keeps only redacted text: a name and a phone number in the question never reach the file', async () => {
    await w.answeredAndProposed('Mme Sophie Martin (06 12 48 73 90) demande si ChatGPT peut rédiger son recours ?', 'Non : aucune donnée personnelle dans un outil grand public.');
    const [file] = readdirSync(w.drafts).filter((f) => f.endsWith('.md'));
    const draft = readFileSync(join(w.drafts, file!), 'utf8');
    expect(draft).not.toMatch(/Sophie|Martin|06 12/);
    expect(draft).toMatch(/\[NOM\]|\[TÉLÉPHONE\]/);
    expect(file).not.toMatch(/sophie|martin/);
  });

  it('still closes the ticket when the folder cannot be written (kept in the database, written at next start-up)', async () => {
    const blocked = join(w.kb.root, 'not-a-folder');
    writeFileSync(blocked, 'a file where the drafts folder should be');
    const v = draftWorld({ KB_DRAFTS_DIR: join(blocked, 'drafts') });
    try {
      const ticket = await v.openTicket('agent-1', QUESTION);
      await v.say(NATIONAL, `prendre ${ticket}`);
      await v.say(NATIONAL, `répondre ${ticket} ${ANSWER}`);
      expect(text(await v.say(NATIONAL, `fermer ${ticket} faq`))).toMatch(/close/);
      expect((await v.app.stores.tickets.get(ticket))?.status).toBe('closed');
      expect(v.logs.errors().some((l) => /FAQ draft file not written/.test(l.msg))).toBe(true);
      // The folder is fixed: the start-up export writes the draft once, never twice.
      const fixed = draftWorld({ KB_DRAFTS_DIR: join(v.kb.root, 'drafts-ok') });
      try {
        expect(await fixed.app.faqDrafts.exportFromDatabase(v.app.stores)).toBe(1);
        expect(await fixed.app.faqDrafts.exportFromDatabase(v.app.stores)).toBe(0);
        expect(readFileSync(join(v.kb.root, 'drafts-ok', `${ID}.md`), 'utf8')).toContain(ANSWER);
        // A rejected draft does not come back.
        await fixed.say(ADMIN, `faq rejeter ${ID}`);
        expect(await fixed.app.faqDrafts.exportFromDatabase(v.app.stores)).toBe(0);
        expect(existsSync(join(v.kb.root, 'drafts-ok', `${ID}.md`))).toBe(false);
      } finally {
        await fixed.close();
      }
    } finally {
      await v.close();
    }
  });
});

describe('the DTNUM admins’ commands', () => {
  it('list, show, edit (title, source, answer, phrasing, id), publish: the bot answers from the new entry', async () => {
    const ticket = await w.answeredAndProposed(QUESTION, ANSWER);
    const list = text(await w.say(ADMIN, 'faq brouillons'));
    expect(list).toMatch(new RegExp(`^1 brouillon\\(s\\) de FAQ à relire :\\n- \\*\\*${ID}\\*\\* — « ${QUESTION.replace('?', '\\?')} » — demande #${ticket}, réponse de Camille Exemple \\(fictif\\), le 2026-12-03 — à compléter : une source$`, 'm'));
    expect(text(await w.say(ADMIN, `faq voir ${ticket}`))).toMatch(/\*\*Sources\*\* : aucune — à ajouter avant publication[\s\S]*Avant de publier, il manque une source\./);

    expect(text(await w.say(ADMIN, `faq modifier ${ID} titre L’IA a-t-elle un budget dédié au ministère ?`))).toMatch(/titre remplacé\. Il manque encore une source/);
    expect(text(await w.say(ADMIN, `faq modifier ${ID} question budget ia ministère`))).toMatch(/formulation ajoutée/);
    expect(text(await w.say(ADMIN, `faq modifier ${ID} réponse **La circulaire ne fixe pas de budget** pour l’IA.\nLa DTNUM pourra vous renseigner.`))).toMatch(/réponse remplacée/);
    expect(text(await w.say(ADMIN, `faq modifier ${ID} source circulaire | Circulaire de diffusion de la charte`))).toMatch(/source ajoutée\. Il est prêt : « faq publier budget-consacre-ia-ministere-2027 »/);
    expect(text(await w.say(ADMIN, `faq modifier ${ID} id budget-ia-ministere`))).toMatch(/identifiant changé/);
    expect(existsSync(draftFile())).toBe(false);
    const renamed = readFileSync(join(w.drafts, 'budget-ia-ministere.md'), 'utf8');
    expect(renamed).toMatch(/^id: budget-ia-ministere$/m);
    expect(renamed).not.toMatch(/À COMPLÉTER/);
    expect(renamed).toMatch(/\*\*La circulaire ne fixe pas de budget\*\* pour l’IA\.\nLa DTNUM pourra vous renseigner\.\n$/);

    const published = text(await w.say(ADMIN, `faq publier ${ticket}`));
    expect(published).toMatch(/^✅ Entrée « L’IA a-t-elle un budget dédié au ministère \? » publiée \(faq\/budget-ia-ministere\.md\) : le bot y répond dès maintenant/);
    expect(readdirSync(w.drafts).filter((f) => f.endsWith('.md'))).toEqual([]);
    const entry = readFileSync(join(w.kb.dir, 'faq', 'budget-ia-ministere.md'), 'utf8');
    expect(entry).not.toMatch(/Brouillon de FAQ/);
    expect(entry).toMatch(/^# Provenance : demande #1/m);
    expect(entry).toMatch(/^updated: 2026-12-03$/m);
    expect(w.app.knowledge.current().byId.get('budget-ia-ministere')?.sources).toEqual([{ doc: 'circulaire', label: 'Circulaire de diffusion de la charte' }]);

    const answer = text(await w.say('agent-2', QUESTION));
    expect(answer).toMatch(/La circulaire ne fixe pas de budget/);
    expect(answer).toMatch(/Source : Circulaire de diffusion de la charte/);
    expect(text(await w.say(ADMIN, 'faq brouillons'))).toMatch(/^Aucun brouillon de FAQ à relire/);
  });

  it('refuses to publish without a real source, says what to add and where, and changes nothing', async () => {
    const ticket = await w.answeredAndProposed(QUESTION, ANSWER);
    const before = readFileSync(draftFile(), 'utf8');
    const faq = faqFiles();
    const served = w.app.knowledge.current();
    const refused = text(await w.say(ADMIN, `faq publier ${ticket}`));
    expect(refused).toMatch(/^Le brouillon « budget-consacre-ia-ministere-2027 » n’est pas publié \(rien n’a été modifié\) :\n- il manque la source de la réponse \(la réponse d’un ambassadeur n’en est pas une\) : « faq modifier budget-consacre-ia-ministere-2027 source circulaire \| § 2 \| /);
    // The ambassador's answer named as the source is refused too.
    await w.say(ADMIN, `faq modifier ${ID} source ambassadeurs | Réponse d’un ambassadeur IA`);
    expect(text(await w.say(ADMIN, `faq publier ${ID}`))).toMatch(/la source « ambassadeurs Réponse d’un ambassadeur IA » n’est pas un document/);
    expect(faqFiles()).toEqual(faq);
    expect(w.app.knowledge.current()).toBe(served);
    expect(readFileSync(draftFile(), 'utf8')).not.toBe(before); // the edit itself was kept
  });

  it('refuses an id already published, and a draft that breaks the knowledge (unknown concept), in French', async () => {
    await w.answeredAndProposed(QUESTION, ANSWER);
    await w.say(ADMIN, `faq modifier ${ID} source circulaire | § 2 | Circulaire de diffusion de la charte, § 2`);
    writeFileSync(draftFile(), readFileSync(draftFile(), 'utf8').replace('concepts: []', 'concepts: [budget-inexistant]'));
    expect(text(await w.say(ADMIN, `faq publier ${ID}`))).toMatch(/- un concept n’existe pas dans concepts\.yaml : corrigez la liste « concepts » dans le fichier budget-consacre-ia-ministere-2027\.md/);
    writeFileSync(draftFile(), readFileSync(draftFile(), 'utf8').replace('concepts: [budget-inexistant]', 'concepts: []'));
    expect(text(await w.say(ADMIN, `faq modifier ${ID} id mirai-portail`))).toMatch(/L’identifiant « mirai-portail » est déjà pris/);
    // Forced by hand in the file: publish still refuses (the file name is the id).
    const forced = join(w.drafts, 'mirai-portail.md');
    renameSync(draftFile(), forced);
    writeFileSync(forced, readFileSync(forced, 'utf8').replace(`id: ${ID}`, 'id: mirai-portail'));
    expect(text(await w.say(ADMIN, 'faq publier mirai-portail'))).toMatch(/n’est pas publié[\s\S]*faq\/mirai-portail\.md existe déjà/);
    expect(readFileSync(join(w.kb.dir, 'faq', 'mirai-portail.md'), 'utf8')).toMatch(/MIRAI, qu'est-ce que c'est/);
  });

  it('rejects a draft into drafts/rejetes/, explains wrong syntax, and says when a draft is unknown', async () => {
    const ticket = await w.answeredAndProposed(QUESTION, ANSWER);
    expect(text(await w.say(ADMIN, 'faq voir inexistant'))).toMatch(/Je ne trouve pas de brouillon « inexistant »/);
    expect(text(await w.say(ADMIN, `faq modifier ${ID} couleur bleue`))).toMatch(/Que faut-il modifier \? Champs possibles : titre, source, réponse, question, id/);
    expect(text(await w.say(ADMIN, `faq modifier ${ID} source circulaire`))).toMatch(/Une source s’écrit ainsi/);
    expect(text(await w.say(ADMIN, 'faq publier'))).toMatch(/Il manque l’identifiant du brouillon/);
    expect(text(await w.say(ADMIN, `faq rejeter ${ticket}`))).toMatch(/écarté/);
    expect(existsSync(join(w.drafts, 'rejetes', `${ID}.md`))).toBe(true);
    expect(existsSync(draftFile())).toBe(false);
    expect(text(await w.say(ADMIN, 'faq brouillons'))).toMatch(/^Aucun brouillon/);
  });

  it('politely refuses non-admins (ambassadors included) and leaves agents’ questions about the FAQ alone', async () => {
    await w.answeredAndProposed(QUESTION, ANSWER);
    for (const who of ['agent-1', NATIONAL]) {
      expect(text(await w.say(who, 'faq brouillons'))).toMatch(/réservées aux administrateurs de la base de connaissances \(DTNUM\)/);
      expect(text(await w.say(who, `faq publier ${ID}`))).toMatch(/réservées aux administrateurs/);
    }
    expect(existsSync(draftFile())).toBe(true);
    expect(text(await w.say('agent-1', 'faq sur MIRAI ?'))).not.toMatch(/réservées aux administrateurs/);
    expect(text(await w.say('agent-1', 'aide'))).not.toMatch(/faq brouillons/);
    expect(text(await w.say(ADMIN, 'aide'))).toMatch(/« faq publier ID » : vérifier le brouillon/);
  });

  it('publishes a draft moved into faq/ by hand through the normal reload (and refuses it without a source)', async () => {
    await w.answeredAndProposed(QUESTION, ANSWER);
    const target = join(w.kb.dir, 'faq', `${ID}.md`);
    renameSync(draftFile(), target);
    const problems = w.app.knowledge.reload();
    expect(problems).toEqual([expect.objectContaining({ file: `faq/${ID}.md`, field: 'sources' })]);
    expect(w.app.knowledge.current().byId.has(ID)).toBe(false);
    writeFileSync(target, readFileSync(target, 'utf8').replace('sources: []', 'sources:\n  - doc: circulaire\n    label: "Circulaire de diffusion de la charte"'));
    expect(w.app.knowledge.reload()).toEqual([]);
    expect(text(await w.say('agent-2', QUESTION))).toMatch(/La circulaire ne fixe pas de budget/);
  });

  it('handles draft files edited by hand: CRLF and BOM kept workable, non-UTF-8 reported by name', async () => {
    await w.answeredAndProposed(QUESTION, ANSWER);
    writeFileSync(draftFile(), `\uFEFF${readFileSync(draftFile(), 'utf8').replace(/\n/g, '\r\n')}`);
    expect(text(await w.say(ADMIN, `faq modifier ${ID} source circulaire | Circulaire de diffusion de la charte`))).toMatch(/Il est prêt/);
    expect(text(await w.say(ADMIN, `faq publier ${ID}`))).toMatch(/^✅/);
    await w.answeredAndProposed('Un agent peut-il suivre une formation sur MIRAI ?', 'Voyez avec votre ambassadeur.');
    const [other] = readdirSync(w.drafts).filter((f) => f.endsWith('.md'));
    writeFileSync(join(w.drafts, other!), Buffer.from(readFileSync(join(w.drafts, other!), 'utf8'), 'latin1'));
    expect(text(await w.say(ADMIN, 'faq brouillons'))).toMatch(/illisible : le fichier n’est pas enregistré en UTF-8/);
    expect(text(await w.say(ADMIN, `faq publier ${other!.replace('.md', '')}`))).toMatch(/n’est pas publié[\s\S]*UTF-8/);
  });
});

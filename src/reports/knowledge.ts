import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readKnowledgeBase } from '../knowledge/loader.js';
import { loadSynonyms } from '../knowledge/synonyms.js';
import { KNOWLEDGE_FILES } from '../knowledge/snapshot.js';
import { loadDirectory, type Directory } from '../escalation/directory.js';
import type { KbEntry } from '../knowledge/types.js';

/**
 * What the report reads from the knowledge folder: entry titles, synonyms (for grouping questions)
 * and scope labels. A report is still useful with a knowledge folder being edited: what cannot be
 * read is left out and said in a note, never a reason to fail.
 */
export interface ReportKnowledge {
  entries: KbEntry[];
  synonyms: string[][];
  directory?: Directory;
}

export function loadReportKnowledge(dir: string, directoryFile?: string): { knowledge: ReportKnowledge; notes: string[] } {
  const notes: string[] = [];
  const kb = readKnowledgeBase(dir);
  if (kb.problems.length) notes.push(`Base de connaissances « ${dir} » : ${kb.problems.length} problème(s) (voir « charte-ia kb check ») ; les titres des entrées illisibles manquent.`);
  let synonyms: string[][] = [];
  const synonymsFile = join(dir, KNOWLEDGE_FILES.synonyms);
  if (existsSync(synonymsFile)) {
    try {
      synonyms = loadSynonyms(synonymsFile);
    } catch {
      notes.push('Synonymes illisibles : les questions sont regroupées sans eux.');
    }
  }
  let directory: Directory | undefined;
  try {
    directory = loadDirectory(directoryFile ?? join(dir, KNOWLEDGE_FILES.ambassadors));
  } catch {
    notes.push('Annuaire des ambassadeurs illisible : les périmètres sont désignés par leur identifiant.');
  }
  return { knowledge: { entries: kb.entries, synonyms, ...(directory ? { directory } : {}) }, notes };
}

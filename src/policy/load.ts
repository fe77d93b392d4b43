/** The tool-tier policy (catalogue + data lexicon), loaded from the knowledge directory. */
import { join } from 'node:path';
import { loadCatalogue, type CompiledCatalogue } from './catalogue.js';
import { loadLexicon, type CompiledLexicon } from './lexicon.js';
import { tokenize } from './text.js';
import { detectTool } from './tool-detect.js';
import { detectAutomatedDecision } from './automation.js';

export const TOOLS_FILE = 'tools.yaml';
export const LEXICON_FILE = 'data-lexicon.yaml';

export interface Policy {
  catalogue: CompiledCatalogue;
  lexicon: CompiledLexicon;
  /**
   * True when the text names a tool: a catalogue tool, a generic mention ("un traducteur en
   * ligne", "l'application métier…") or an unknown tool name ("Zorglub.ai"). For intent routing.
   */
  mentionsTool(text: string): boolean;
  /** True when the text describes a decision left to an AI (automation.ts). For intent routing. */
  describesAutomatedDecision(text: string): boolean;
}

export function createPolicy(catalogue: CompiledCatalogue, lexicon: CompiledLexicon): Policy {
  return {
    catalogue,
    lexicon,
    mentionsTool(text: string): boolean {
      const d = detectTool(tokenize(text), catalogue);
      return d.tool !== null || d.unknownName !== null;
    },
    describesAutomatedDecision(text: string): boolean {
      return detectAutomatedDecision(tokenize(text)).automated;
    },
  };
}

/** Throws PolicyConfigError (naming the file, item and field) when a file is invalid. */
export function loadPolicy(knowledgeDir: string): Policy {
  return createPolicy(
    loadCatalogue(join(knowledgeDir, TOOLS_FILE), `knowledge/${TOOLS_FILE}`),
    loadLexicon(join(knowledgeDir, LEXICON_FILE), `knowledge/${LEXICON_FILE}`),
  );
}

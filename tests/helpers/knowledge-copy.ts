import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config.js';

/** A private copy of knowledge/ in a temp folder: tests edit it, never the real one. */
export function copyKnowledge(): { dir: string; root: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'charte-kb-'));
  const dir = join(root, 'knowledge');
  cpSync(join(PROJECT_ROOT, 'knowledge'), dir, { recursive: true, filter: (src) => !src.includes(`${join('knowledge', 'drafts')}`) });
  return { dir, root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

import { fileURLToPath } from 'node:url';
import { loadPolicy, type Policy } from '../../src/policy/load.js';

export const KNOWLEDGE_DIR = fileURLToPath(new URL('../../knowledge', import.meta.url));

let cached: Policy | undefined;
/** The real policy (knowledge/tools.yaml + knowledge/data-lexicon.yaml), loaded once. */
export function policy(): Policy {
  cached ??= loadPolicy(KNOWLEDGE_DIR);
  return cached;
}

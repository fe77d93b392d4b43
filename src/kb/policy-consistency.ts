import type { Policy } from '../policy/index.js';
import { canonicalPattern } from '../policy/matcher.js';
import { fold } from '../policy/text.js';
import { PII_TYPES } from '../privacy/types.js';
import { finding, type Finding } from './findings.js';

const TOOLS = 'tools.yaml';
const LEXICON = 'data-lexicon.yaml';
const TIERS = ['business_app', 'mirai', 'public_ai'] as const;

function canonical(pattern: string): string | undefined {
  try {
    return canonicalPattern(pattern);
  } catch {
    return undefined; // the loader already reports a bad pattern
  }
}

/**
 * What each file accepts on its own but that contradicts the other: the tool catalogue
 * (tools.yaml), the data lexicon (data-lexicon.yaml) and the privacy shield's types.
 */
export function policyConsistency(policy: Policy): Finding[] {
  const out: Finding[] = [];
  const { catalogue, lexicon } = policy;

  for (const tier of TIERS) {
    if (!catalogue.tools.some((t) => t.tier === tier)) {
      out.push(finding('warning', 'tools', { file: TOOLS, field: 'tools', message: `no tool has the tier "${tier}", so the bot can never recognise one`, fix: `add the ${tier} tools agents use, with tier: ${tier}` }));
    }
  }

  // A phrase that names a tool and a kind of data at once: « Albert » the tool, « nom » the data.
  const termOwner = new Map<string, string>();
  for (const e of lexicon.entries) for (const t of e.terms) {
    const key = canonical(t);
    if (key && !termOwner.has(key)) termOwner.set(key, e.id);
  }
  const aliasOwner = new Map<string, string>();
  for (const tool of catalogue.tools) {
    for (const a of [...tool.aliases, ...tool.caseSensitiveAliases]) {
      const key = canonical(a);
      if (!key) continue;
      aliasOwner.set(key, tool.id);
      const entry = termOwner.get(key);
      if (entry) {
        out.push(finding('warning', 'tools-lexicon', { file: TOOLS, field: `tools.${tool.id}.aliases`, message: `alias « ${a} » of tool "${tool.id}" is also a data term of lexicon entry "${entry}" (${LEXICON})`, fix: 'make the alias more specific (e.g. add the product word) or drop the term from the lexicon entry' }));
      }
    }
  }
  for (const w of catalogue.notTools) {
    const tool = aliasOwner.get(canonical(w) ?? '');
    if (tool) out.push(finding('warning', 'tools', { file: TOOLS, field: 'notTools', message: `« ${w} » is in notTools but is an alias of tool "${tool}"`, fix: 'remove it from notTools or from the aliases of the tool' }));
  }
  for (const w of catalogue.fuzzyExclusions) {
    const tool = aliasOwner.get(canonical(w) ?? '');
    if (tool) out.push(finding('warning', 'tools', { file: TOOLS, field: 'fuzzyExclusions', message: `« ${w} » is in fuzzyExclusions but is an exact alias of tool "${tool}"`, fix: 'remove it from fuzzyExclusions: an exact alias is always recognised' }));
  }

  for (const type of Object.keys(lexicon.piiTypes.overrides)) {
    if (!(PII_TYPES as readonly string[]).includes(type)) {
      out.push(finding('warning', 'lexicon', { file: LEXICON, field: `piiTypes.overrides.${type}`, message: `"${type}" is not a type of personal data the privacy shield finds, so this override is never used`, fix: `use one of ${PII_TYPES.join(', ')}` }));
    }
  }
  for (const [from, to] of Object.entries(lexicon.implies)) {
    if (to?.includes(from as never)) out.push(finding('note', 'lexicon', { file: LEXICON, field: `implies.${from}`, message: `category "${from}" implies itself`, fix: 'remove it from its own list' }));
  }
  const foldedIds = new Map<string, string>();
  for (const e of lexicon.entries) {
    const key = fold(e.id);
    const prev = foldedIds.get(key);
    if (prev && prev !== e.id) out.push(finding('note', 'lexicon', { file: LEXICON, field: `entries.${e.id}`, message: `entry ids "${prev}" and "${e.id}" differ only by case or accents` }));
    foldedIds.set(key, e.id);
  }
  return out;
}

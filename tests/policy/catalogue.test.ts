import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCatalogue } from '../../src/policy/catalogue.js';
import { PolicyConfigError } from '../../src/policy/config-error.js';
import { fuzzyProbeKeys, withinOneEdit } from '../../src/policy/fuzzy.js';
import { fold } from '../../src/policy/text.js';
import { detectTool } from '../../src/policy/tool-detect.js';
import { KNOWLEDGE_DIR, policy } from './helpers.js';

const errorsOf = (yaml: string): string[] => {
  try {
    parseCatalogue(yaml, 'knowledge/tools.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(PolicyConfigError);
    return (err as PolicyConfigError).problems;
  }
  throw new Error('expected a PolicyConfigError');
};

const tool = (id: string, extra = ''): string =>
  `  - id: ${id}\n    name: ${id}\n    tier: public_ai\n    aliases: [${id}]\n    notes: note\n${extra}`;

describe('knowledge/tools.yaml', () => {
  const { catalogue } = policy();

  it('lists at least 40 named consumer tools', () => {
    const named = catalogue.tools.filter((t) => t.tier === 'public_ai' && !t.generic);
    expect(named.length).toBeGreaterThanOrEqual(40);
  });

  it('has MIRAI, generic consumer mentions and business-app entries clearly marked as examples', () => {
    expect(catalogue.byId.get('mirai')?.tier).toBe('mirai');
    const example = catalogue.byId.get('exemple-application-metier');
    expect(example?.tier).toBe('business_app');
    expect(example?.name).toMatch(/exemple/i);
    expect(catalogue.byId.get('application-metier')?.generic).toBe(true);
    const generics = catalogue.tools.filter((t) => t.generic && t.tier === 'public_ai');
    expect(generics.length).toBeGreaterThanOrEqual(5);
    // No business application is presented as a real product name.
    for (const t of catalogue.tools.filter((x) => x.tier === 'business_app')) expect(t.generic || /exemple/i.test(t.name)).toBe(true);
  });

  it('classifies Microsoft 365 Copilot as consumer unless the ministry deploys it, and says so', () => {
    const m365 = catalogue.byId.get('m365-copilot');
    expect(m365?.tier).toBe('public_ai');
    expect(m365?.notes).toMatch(/déploiement par le ministère/);
  });

  it.each([
    ['ChatGPT', 'chatgpt'],
    ['chat gpt', 'chatgpt'],
    ['chat GPT', 'chatgpt'],
    ['ChatGPT Plus', 'chatgpt'],
    ['tchatgpt', 'chatgpt'],
    ['GPT-4', 'chatgpt'],
    ['GPT-4o', 'chatgpt'],
    ['GPT-5', 'chatgpt'],
    ['OpenAI', 'chatgpt'],
    ['Bard', 'gemini'],
    ['Anthropic', 'claude'],
    ['Mistral', 'le-chat-mistral'],
    ['Bing Chat', 'copilot'],
    ['Copilot personnel', 'copilot'],
    ['Microsoft 365 Copilot', 'm365-copilot'],
    ['GitHub Copilot', 'github-copilot'],
    ['Google Translate', 'google-translate'],
    ['Google Traduction', 'google-translate'],
    ['DALL·E', 'dall-e'],
    ['Stable Diffusion', 'stable-diffusion'],
    ['Adobe Firefly', 'adobe-firefly'],
    ['Magic Write', 'canva'],
    ['Character.ai', 'character-ai'],
    ['Beautiful.ai', 'beautiful-ai'],
    ['tl;dv', 'tldv'],
    ['You.com', 'you-com'],
    ['Hugging Chat', 'hugging-chat'],
    ['v0.dev', 'v0'],
    ['Whisper en ligne', 'whisper'],
  ])('recognises %s', (name, id) => {
    expect(detectTool(`Puis-je utiliser ${name} pour ce travail ?`, catalogue).tool?.id).toBe(id);
  });

  it.runIf(existsSync('/usr/share/dict/french'))('no French word (Debian wfrench) is taken for a misspelt tool name', () => {
    const words = readFileSync('/usr/share/dict/french', 'utf8')
      .split('\n')
      .map((w) => fold(w).trim())
      .filter((w) => w.length >= 5 && /^[a-z0-9]+$/.test(w));
    const tolerated = new Set(['copilote', 'copilotes', 'claudes', 'mistrals']);
    const collisions = words.filter(
      (w) =>
        !catalogue.fuzzyExclusions.has(w) &&
        !tolerated.has(w) &&
        fuzzyProbeKeys(w).some((k) => catalogue.fuzzyIndex.get(k)?.some((a) => a.word !== w && withinOneEdit(a.word, w))),
    );
    expect(collisions).toEqual([]);
  });

  it('is the file the loader reads', () => {
    expect(existsSync(join(KNOWLEDGE_DIR, 'tools.yaml'))).toBe(true);
  });
});

describe('catalogue validation errors name the file, the tool and the field', () => {
  it('missing field', () => {
    const problems = errorsOf(`version: 1\ntools:\n${tool('alpha')}  - id: beta\n    tier: public_ai\n    aliases: [beta]\n    notes: n\n`);
    expect(problems.join('\n')).toMatch(/tools\[1\] \(id « beta »\), champ name : champ obligatoire manquant/);
  });
  it('unknown tier', () => {
    const problems = errorsOf(`version: 1\ntools:\n  - id: alpha\n    name: A\n    tier: gratuit\n    aliases: [a]\n    notes: n\n`);
    expect(problems[0]).toMatch(/tools\[0\] \(id « alpha »\), champ tier : valeur « gratuit » invalide/);
  });
  it('duplicate id', () => {
    const problems = errorsOf(`version: 1\ntools:\n${tool('alpha')}${tool('alpha').replace('aliases: [alpha]', 'aliases: [alpha2]')}`);
    expect(problems.join('\n')).toMatch(/tools\[1\] \(id « alpha »\), champ id : identifiant déjà utilisé par tools\[0\]/);
  });
  it('alias shared by two tools (after folding)', () => {
    const yaml = `version: 1\ntools:\n${tool('alpha')}  - id: beta\n    name: B\n    tier: public_ai\n    aliases: [beta, "ALPHA"]\n    notes: n\n`;
    expect(errorsOf(yaml).join('\n')).toMatch(/tools\[1\] \(id « beta »\), champ aliases\[1\] : alias « alpha » déjà utilisé par tools\[0\]/);
  });
  it('malformed alias pattern', () => {
    const yaml = `version: 1\ntools:\n  - id: alpha\n    name: A\n    tier: mirai\n    aliases: [".. alpha"]\n    notes: n\n`;
    expect(errorsOf(yaml)[0]).toMatch(/tools\[0\] \(id « alpha »\), champ aliases\[0\] :.*commencer par un mot/);
  });
  it('unknown field and unreadable YAML', () => {
    expect(errorsOf(`version: 1\ntools:\n${tool('alpha')}    colour: red\n`)[0]).toMatch(/champ\(s\) inconnu\(s\) : colour/);
    expect(errorsOf('tools: [')[0]).toMatch(/YAML illisible/);
  });
  it('error message starts with the file name', () => {
    try {
      parseCatalogue('version: 2\ntools: []', 'knowledge/tools.yaml');
    } catch (err) {
      expect((err as Error).message.startsWith('knowledge/tools.yaml')).toBe(true);
      return;
    }
    throw new Error('expected an error');
  });
});

import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config.js';
import { CONFIG_SECTIONS } from '../../src/launcher.js';
import { parseEnvFile } from '../../src/env-file.js';

/** Every variable of every configuration section is documented in .env.example and the README. */
describe('configuration documentation', () => {
  const declared = CONFIG_SECTIONS.flatMap((s) => Object.keys(s.schema.shape));
  const exampleText = readFileSync(join(PROJECT_ROOT, '.env.example'), 'utf8');
  const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
  // Each variable appears in .env.example as a line "NAME=…" or "# NAME=…" (commented: its default).
  const example = new Set([...exampleText.matchAll(/^#?\s?([A-Za-z_][A-Za-z0-9_]*)=/gm)].map((m) => m[1]!));

  it('finds the declared variables', () => {
    expect(declared.length).toBeGreaterThan(25);
  });
  it.each(declared.map((v) => [v]))('%s is in .env.example and the README', (v) => {
    expect(example.has(v)).toBe(true);
    expect(readme).toContain(`\`${v}\``);
  });
  it('.env.example is itself a valid env file, with every setting commented out (the defaults run the bot)', () => {
    const { entries, problems } = parseEnvFile(exampleText, '.env.example');
    expect(problems).toEqual([]);
    expect(entries).toEqual([]);
    const uncommented = parseEnvFile(exampleText.replace(/^#\s?([A-Za-z_][A-Za-z0-9_]*=)/gm, '$1'), '.env.example');
    expect(uncommented.problems).toEqual([]);
  });
});

import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Every environment variable a config schema declares is documented in .env.example and the README. */
describe('configuration documentation', () => {
  const declared = new Set<string>();
  for (const file of [...sources(join(PROJECT_ROOT, 'src')), ...sources(join(PROJECT_ROOT, 'adapters'))]) {
    const text = readFileSync(file, 'utf8');
    if (!/z\.object\(/.test(text) || !/env/i.test(text)) continue;
    for (const m of text.matchAll(/^\s+((?:[A-Z][A-Z0-9]*_)+[A-Z0-9]+|MicrosoftApp[A-Za-z]+):\s*z[.\s]/gm)) declared.add(m[1]!);
  }
  const example = readFileSync(join(PROJECT_ROOT, '.env.example'), 'utf8');
  const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');

  it('finds the declared variables', () => {
    expect(declared.size).toBeGreaterThan(15);
  });
  it.each([...declared].map((v) => [v]))('%s is in .env.example and the README', (v) => {
    expect(example).toContain(v);
    expect(readme).toContain(v);
  });
});

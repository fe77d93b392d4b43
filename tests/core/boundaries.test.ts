import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROJECT_ROOT } from '../../src/config.js';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const CHANNEL_SDKS = /from\s+['"](?:botbuilder[^'"]*|matrix-bot-sdk|matrix-js-sdk|@microsoft\/[^'"]+|adaptivecards[^'"]*)['"]|import\(\s*['"](?:botbuilder|matrix-bot-sdk)/;

describe('architecture boundaries', () => {
  const core = [...files(join(PROJECT_ROOT, 'src')), ...files(join(PROJECT_ROOT, 'dialogs'))];

  it('the core and the dialogs import no channel SDK', () => {
    const offenders = core.filter((f) => CHANNEL_SDKS.test(readFileSync(f, 'utf8'))).map((f) => relative(PROJECT_ROOT, f));
    expect(offenders).toEqual([]);
  });

  it('the core and the dialogs never import an adapter (except the composition roots cli.ts and launcher.ts)', () => {
    const offenders = core
      .filter((f) => !f.endsWith(join('src', 'cli.ts')) && !f.endsWith(join('src', 'launcher.ts')))
      .filter((f) => /from\s+['"][./]*adapters\//.test(readFileSync(f, 'utf8')))
      .map((f) => relative(PROJECT_ROOT, f));
    expect(offenders).toEqual([]);
  });

  it('no source file grows past ~400 lines', () => {
    const all = [...core, ...files(join(PROJECT_ROOT, 'adapters'))];
    const big = all.filter((f) => readFileSync(f, 'utf8').split('\n').length > 420).map((f) => relative(PROJECT_ROOT, f));
    expect(big).toEqual([]);
  });
});

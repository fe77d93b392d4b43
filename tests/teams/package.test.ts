import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { buildTeamsPackage, fillTemplate, iconProblems, TeamsPackageError, validateManifest } from '../../adapters/teams/package/manifest.js';
import { colorIcon, outlineIcon } from '../../adapters/teams/package/icons.js';
import { encodePng, decodePng } from '../../adapters/teams/package/png.js';
import { crc32 } from '../../src/zip/crc32.js';
import { matchCommand } from '../../src/commands.js';
import { parseAmbassadorCommand } from '../../src/escalation/commands.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIR = join(ROOT, 'appPackage');
const ENV = {
  MICROSOFT_APP_ID: '5e7c2f4a-1b3d-4c5e-8f9a-0b1c2d3e4f50',
  TEAMS_DEVELOPER_URL: 'https://exemple.invalid/charte-ia',
  TEAMS_PRIVACY_URL: 'https://exemple.invalid/charte-ia/confidentialite',
  TEAMS_TERMS_URL: 'https://exemple.invalid/charte-ia/conditions',
};

/** Independent ZIP reader (central directory → inflate → CRC check). */
function unzip(buf: Buffer): Map<string, Buffer> {
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(buf.readUInt32LE(p)).toBe(0x02014b50);
    const crc = buf.readUInt32LE(p + 16);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = inflateRawSync(buf.subarray(dataStart, dataStart + size));
    expect(crc32(data)).toBe(crc);
    files.set(name, data);
    p += 46 + nameLen;
  }
  return files;
}

describe('Teams app package', () => {
  it('builds a zip with the filled, valid manifest and both icons', () => {
    const { manifest, zip } = buildTeamsPackage(DIR, ENV, '0.1.0');
    const files = unzip(zip);
    expect([...files.keys()]).toEqual(['manifest.json', 'color.png', 'outline.png']);
    const json = JSON.parse(files.get('manifest.json')!.toString('utf8'));
    expect(json).toEqual(manifest);
    expect(json).toMatchObject({ manifestVersion: '1.19', version: '0.1.0', id: ENV.MICROSOFT_APP_ID, bots: [{ botId: ENV.MICROSOFT_APP_ID, scopes: ['personal', 'team', 'groupChat'] }] });
    expect(JSON.stringify(json)).not.toContain('${{');
    expect(files.get('color.png')).toEqual(readFileSync(join(DIR, 'color.png')));
    expect(buildTeamsPackage(DIR, { ...ENV, TEAMS_APP_ID: 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d' }, '2.3.4').manifest).toMatchObject({ id: 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d', version: '2.3.4' });
  });

  it('names every missing variable and every invalid field', () => {
    const problemsOf = (run: () => unknown): string[] => {
      try {
        run();
      } catch (e) {
        if (e instanceof TeamsPackageError) return e.problems;
        throw e;
      }
      return [];
    };
    expect(problemsOf(() => buildTeamsPackage(DIR, {}, '0.1.0')).map((p) => p.split(':')[0]).sort()).toEqual(['MICROSOFT_APP_ID', 'TEAMS_APP_ID', 'TEAMS_DEVELOPER_URL', 'TEAMS_PRIVACY_URL', 'TEAMS_TERMS_URL']);
    expect(problemsOf(() => buildTeamsPackage(DIR, { MicrosoftAppId: ENV.MICROSOFT_APP_ID }, '0.1.0')).map((p) => p.split(':')[0])).toEqual(['TEAMS_DEVELOPER_URL', 'TEAMS_PRIVACY_URL', 'TEAMS_TERMS_URL']);
    const template = readFileSync(join(DIR, 'manifest.json'), 'utf8');
    const good = JSON.parse(fillTemplate(template, { ...ENV, TEAMS_APP_ID: ENV.MICROSOFT_APP_ID, TEAMS_APP_VERSION: '1.0.0' }));
    const bad = { ...good, name: { short: 'x'.repeat(31), full: good.name.full }, developer: { ...good.developer, privacyUrl: 'http://insecure' } };
    const invalid = problemsOf(() => validateManifest(bad));
    expect(invalid).toEqual(expect.arrayContaining([expect.stringMatching(/^manifest\.json name\.short: /), 'manifest.json developer.privacyUrl: must be an https:// URL']));
    expect(() => validateManifest({ ...good, bots: [{ ...good.bots[0], scopes: ['personal'] }] })).toThrow(/"team" is missing/);
    expect(() => buildTeamsPackage(DIR, { ...ENV, MICROSOFT_APP_ID: 'not-a-guid' }, '0.1.0')).toThrow(/bots\.0\.botId/);
  });

  it('lists only commands the core understands', () => {
    const { manifest } = buildTeamsPackage(DIR, ENV, '0.1.0');
    const titles = manifest.bots[0]!.commandLists!.flatMap((l) => l.commands.map((c) => c.title));
    expect(titles.length).toBeGreaterThan(3);
    for (const title of titles) {
      const ambassador = parseAmbassadorCommand(title);
      expect(matchCommand(title) ?? (typeof ambassador === 'object' ? ambassador : undefined), title).toBeDefined();
    }
  });

  it('commits icons that match the drawing code and Teams’ rules', () => {
    const color = readFileSync(join(DIR, 'color.png'));
    const outline = readFileSync(join(DIR, 'outline.png'));
    expect(color.equals(encodePng(colorIcon()))).toBe(true);
    expect(outline.equals(encodePng(outlineIcon()))).toBe(true);
    expect(iconProblems(color, outline)).toEqual([]);
    expect(decodePng(color)).toMatchObject({ width: 192, height: 192 });
    const img = decodePng(outline);
    const alphas = new Set<number>();
    for (let i = 3; i < img.pixels.length; i += 4) alphas.add(img.pixels[i]!);
    expect(alphas.has(0) && alphas.has(255)).toBe(true);
    // A coloured outline or a wrong size is refused.
    expect(iconProblems(outline, color)).toEqual(expect.arrayContaining([expect.stringMatching(/^color\.png: must be 192×192/), expect.stringMatching(/^outline\.png: must be 32×32/)]));
  });

  it('`npm run teams:package` writes appPackage/build/charte-ia-teams.zip', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'teams-package.ts')], { cwd: ROOT, env: { ...process.env, ...ENV }, encoding: 'utf8' });
    expect(out).toMatch(/charte-ia-teams\.zip/);
    const files = unzip(readFileSync(join(DIR, 'build', 'charte-ia-teams.zip')));
    expect(JSON.parse(files.get('manifest.json')!.toString()).bots[0].botId).toBe(ENV.MICROSOFT_APP_ID);
  });
});

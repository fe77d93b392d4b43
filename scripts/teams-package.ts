/**
 * `npm run teams:package`: builds appPackage/build/charte-ia-teams.zip from appPackage/manifest.json
 * (placeholders filled from the environment) and the two icons, after validating them.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildTeamsPackage, TeamsPackageError } from '../adapters/teams/package/manifest.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
try {
  const { manifest, zip } = buildTeamsPackage(join(root, 'appPackage'), process.env, version);
  const out = join(root, 'appPackage', 'build', 'charte-ia-teams.zip');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, zip);
  console.log(`Teams app package written: ${relative(process.cwd(), out)} (${zip.length} bytes)`);
  console.log(`  app id ${manifest.id}, bot id ${manifest.bots[0]!.botId}, version ${manifest.version}, manifest ${manifest.manifestVersion}`);
} catch (e) {
  if (!(e instanceof TeamsPackageError)) throw e;
  console.error(e.message);
  process.exitCode = 1;
}

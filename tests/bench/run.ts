/** `npm run bench`: speed goals, measured (never asserted in timed tests). */
import { benchTurns, benchIndex } from './core.js';
import { table } from './stats.js';
import { benchPolicyPrivacy } from './policy-privacy.js';

const sections: [string, () => Promise<[string, string][]> | [string, string][]][] = [
  ['Core', () => benchTurns(10_000)],
  ['Knowledge index', () => benchIndex(10_000)],
  ['Privacy shield and tool policy', () => benchPolicyPrivacy()],
];

console.log(`charte-ia-bot bench — node ${process.version}, ${new Date().toISOString()}\n`);
for (const [title, run] of sections) {
  console.log(`${title}`);
  console.log(table(await run()));
  console.log('');
}

/** `npm run bench`: speed goals, measured (never asserted in timed tests). */
import { benchTurns, benchIndex, benchUnderstanding } from './core.js';
import { table } from './stats.js';
import { benchPolicyPrivacy } from './policy-privacy.js';
import { benchTeams } from './teams.js';
import { benchTeamsLoad } from './teams-load.js';
import { benchStores } from './stores.js';

const sections: [string, () => Promise<[string, string][]> | [string, string][]][] = [
  ['Core', () => benchTurns(10_000)],
  ['Question understanding (real knowledge base)', () => benchUnderstanding(10_000)],
  ['Knowledge index', () => benchIndex(10_000)],
  ['Privacy shield and tool policy', () => benchPolicyPrivacy()],
  ['Stores (SQLite file vs PostgreSQL)', () => benchStores()],
  ['Teams endpoint (POST /api/messages, fake Bot Connector)', () => benchTeams({ conversations: 20, requests: 2_000 })],
  ['Teams load (the real bot process, SQLite file, fake Bot Connector)', () => benchTeamsLoad()],
];

/** BENCH_ONLY=load (any word of the titles, case-insensitive) runs only the matching sections. */
const only = process.env.BENCH_ONLY?.trim().toLowerCase();
const chosen = only ? sections.filter(([title]) => title.toLowerCase().includes(only)) : sections;

console.log(`charte-ia-bot bench — node ${process.version}, ${new Date().toISOString()}\n`);
for (const [title, run] of chosen) {
  console.log(`${title}`);
  console.log(table(await run()));
  console.log('');
}

import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openSqliteStores } from '../../src/store/sqlite/index.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { buildReport } from '../../src/reports/build.js';
import { loadReportKnowledge } from '../../src/reports/knowledge.js';
import { renderHtml } from '../../src/reports/html.js';
import { NOW, PERIOD, seed } from './seed.js';

/**
 * The HTML report as a browser draws it: headless Chromium (Debian package `chromium`; .ci/run
 * installs it) loads the file with no network and no profile, and the rendered DOM must hold the
 * charts, the headings and the numbers, with no console message (no script, no refused resource).
 */

const chromium = spawnSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).stdout.trim().split('\n')[0] || '';
if (!chromium) console.log('SKIPPED: HTML report rendering in headless Chromium: chromium is not installed (apt-get install -y chromium)');

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const work = mkdtempSync(join(tmpdir(), 'charte-report-html-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function runChromium(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const profile = mkdtempSync(join(work, 'profile-'));
  return new Promise((resolve, reject) => {
    const child = spawn(chromium, [...FLAGS, `--user-data-dir=${profile}`, '--enable-logging=stderr', '--v=0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

async function reportFile(): Promise<string> {
  const stores = openSqliteStores(':memory:');
  try {
    await seed(stores);
    const { knowledge, notes } = loadReportKnowledge(join(PROJECT_ROOT, 'knowledge'));
    const file = join(work, 'rapport.html');
    writeFileSync(file, renderHtml(await buildReport({ stores, period: PERIOD, knowledge, notes, now: NOW })));
    return file;
  } finally {
    await stores.close();
  }
}

describe.skipIf(!chromium)('HTML report in headless Chromium', () => {
  it('renders the charts, headings and numbers, with no console error', { timeout: 120_000 }, async () => {
    const url = pathToFileURL(await reportFile()).href;
    const dom = await runChromium(['--dump-dom', url]);
    expect(dom.code).toBe(0);
    const html = dom.stdout;
    expect(html).toContain('<h1>Rapport de l’assistant charte IA</h1>');
    for (const h of ['En bref', 'Questions sans réponse sûre, regroupées', 'Avis des agents', 'Intentions et verdicts dans le temps', 'Demandes aux ambassadeurs']) expect(html).toContain(h);
    expect(html.match(/<svg /g)?.length ?? 0).toBeGreaterThanOrEqual(5);
    expect(html.match(/<rect class="col"/g)?.length ?? 0).toBeGreaterThanOrEqual(40); // the daily columns, one per intent and day
    expect(html).toMatch(/<polyline class="line"/);
    expect(html).toMatch(/<strong>138<\/strong>/);
    expect(html).toMatch(/<td class="num">25 min<\/td>/);
    // The hostile question stays text: the parsed page has no script or image element.
    expect(html).not.toMatch(/<(script|img)\b/i);
    expect(html).toContain('&lt;script&gt;alert("x")&lt;/script&gt;');
    expect(dom.stderr).not.toMatch(/CONSOLE|Uncaught|Refused to/);

    const png = join(work, 'rapport.png');
    const shot = await runChromium([`--screenshot=${png}`, '--window-size=1200,2400', '--hide-scrollbars', url]);
    expect(shot.code).toBe(0);
    expect(existsSync(png)).toBe(true);
    const bytes = readFileSync(png);
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(bytes.readUInt32BE(16)).toBe(1200); // IHDR width
    expect(bytes.length).toBeGreaterThan(50_000); // a drawn page, not a blank one
  });
});

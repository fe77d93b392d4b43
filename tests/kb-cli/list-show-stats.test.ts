import { describe, expect, it } from 'vitest';
import { readKnowledgeBase } from '../../src/knowledge/loader.js';
import { charteIa, SHIPPED } from './helpers.js';

const entries = readKnowledgeBase(SHIPPED).entries;

describe('charte-ia kb list / show / stats', { timeout: 90_000 }, () => {
  it('lists every entry with its updated date, phrasings and sources, and filters by tag and concept', async () => {
    const all = await charteIa(['kb', 'list']);
    expect(all.code).toBe(0);
    const portail = entries.find((e) => e.id === 'mirai-portail')!;
    expect(all.stdout).toMatch(new RegExp(`^mirai-portail +${portail.updated} +${portail.questions.length} +${portail.sources.length}  ${portail.title.replace(/[?()]/g, '\\$&')}$`, 'm'));
    expect(all.stdout).toContain(`\n${entries.length} entries`);
    const tagged = await charteIa(['kb', 'list', '--tag', 'mirai', '--json']);
    const ids = (JSON.parse(tagged.stdout) as { id: string }[]).map((e) => e.id);
    expect(ids).toEqual(entries.filter((e) => e.tags.includes('mirai')).map((e) => e.id));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.length).toBeLessThan(entries.length);
    const concept = await charteIa(['kb', 'list', '--concept', 'mirai', '--concept', 'acces-connexion', '--json']);
    expect((JSON.parse(concept.stdout) as { id: string }[]).map((e) => e.id)).toEqual(
      entries.filter((e) => e.concepts?.includes('mirai') && e.concepts.includes('acces-connexion')).map((e) => e.id),
    );
    expect((await charteIa(['kb', 'list', '--tag', 'aucune-etiquette-de-ce-nom'])).stdout).toMatch(/No entry matches these filters/);
  });

  it('shows an entry as the bot sees it, and suggests near ids for an unknown one', async () => {
    const { code, stdout } = await charteIa(['kb', 'show', 'mirai-portail']);
    expect(code).toBe(0);
    const e = entries.find((x) => x.id === 'mirai-portail')!;
    expect(stdout.startsWith(`${e.title}\nid: mirai-portail   file: faq/mirai-portail.md   updated: ${e.updated}`)).toBe(true);
    expect(stdout).toContain(`Phrasings (${e.questions.length}):\n${e.questions.map((q) => `  - ${q}`).join('\n')}`);
    expect(stdout).toMatch(/Concepts: mirai \(.+\), catalogue-offre \(/);
    expect(stdout).toContain(`  - ${e.sources[0]!.label} [circulaire, § 2]`);
    expect(stdout).toContain(`  - mirai-quand-utiliser: ${entries.find((x) => x.id === 'mirai-quand-utiliser')!.title}`);
    expect(stdout.trimEnd().endsWith(e.body)).toBe(true);

    const typo = await charteIa(['kb', 'show', 'mirai-portal']);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toMatch(/^kb show: no entry "mirai-portal" in .*\. Did you mean: mirai-portail, /);
    expect(typo.stderr).not.toContain('formation-for-mi');
    const none = await charteIa(['kb', 'show']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/give the id of an entry/);
  });

  it('prints figures that match the knowledge', async () => {
    const { code, stdout } = await charteIa(['kb', 'stats', '--json']);
    expect(code).toBe(0);
    const stats = JSON.parse(stdout) as Record<string, number | string>;
    expect(stats.entries).toBe(entries.length);
    expect(stats.phrasings).toBe(entries.reduce((n, e) => n + e.questions.length, 0));
    expect(stats['entries without related']).toBe(entries.filter((e) => !e.related.length).length);
    expect(stats.ambassadors).toBeGreaterThan(0);
    expect(stats.errors).toBe(0);
    const stale = await charteIa(['kb', 'stats', '--stale-days', '1']);
    const today = Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
    const old = entries.filter((e) => (today - Date.parse(`${e.updated}T00:00:00Z`)) / 86_400_000 > 1).length;
    expect(stale.stdout).toMatch(new RegExp(`^stale entries \\(> 1 days\\) +${old}$`, 'm'));
  });

  it('explains an unknown sub-command and prints the kb usage', async () => {
    const bad = await charteIa(['kb', 'purge']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/kb: unknown sub-command "purge" \(one of check, list, show, stats, new, export, import, drafts, unanswered\)/);
    const help = await charteIa(['--help']);
    expect(help.stdout).toMatch(/charte-ia kb import FILE \[--dry-run\] \[--delete-missing\]/);
    const option = await charteIa(['kb', 'list', '--colour']);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/kb: Unknown option '--colour'/);
  });
});

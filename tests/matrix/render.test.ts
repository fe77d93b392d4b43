import { describe, it, expect } from 'vitest';
import { escapeHtml, markdownToHtml, markdownToPlain } from '../../adapters/matrix/html.js';
import { editContent, renderReply } from '../../adapters/matrix/render.js';
import { commandWord, mentionsBot, parseEnvelope, parseMessage, parseReaction, stripMention } from '../../adapters/matrix/events.js';
import { AccessPolicy } from '../../adapters/matrix/access.js';
import type { Reply } from '../../src/types.js';

const BOT = { userId: '@assistant-ia:tchap.test', names: ['Assistant IA', 'assistant-ia'] };

describe('Markdown subset → Matrix HTML', () => {
  it('escapes everything, raw HTML never passes', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;');
    const html = markdownToHtml('Bonjour <img src=x onerror=alert(1)> **gras <b>x</b>**\n\n- un <script>\n- deux\n\n> cité </blockquote><script>');
    expect(html).not.toMatch(/<img|<script|<b>/);
    expect(html).toContain('<strong>gras &lt;b&gt;x&lt;/b&gt;</strong>');
    expect(html).toContain('<ul><li>un &lt;script&gt;</li><li>deux</li></ul>');
    expect(html).toContain('<blockquote>cité &lt;/blockquote&gt;&lt;script&gt;</blockquote>');
  });

  it('renders paragraphs, line breaks, lists, emphasis, code and safe links only', () => {
    expect(markdownToHtml('a\nb\n\nc')).toBe('<p>a<br/>b</p><p>c</p>');
    expect(markdownToHtml('1. un\n2. deux')).toBe('<ol><li>un</li><li>deux</li></ol>');
    expect(markdownToHtml('_Source : circulaire_ et `code`')).toBe('<p><em>Source : circulaire</em> et <code>code</code></p>');
    expect(markdownToHtml('[MIRAI](https://mirai.example/a?b=1&c=2)')).toBe('<p><a href="https://mirai.example/a?b=1&amp;c=2">MIRAI</a></p>');
    expect(markdownToHtml('[clic](javascript:alert(1))')).not.toContain('href');
    expect(markdownToHtml('voir [la **charte**](https://e.example/**x**) et **ça**')).toBe('<p>voir <a href="https://e.example/**x**">la <strong>charte</strong></a> et <strong>ça</strong></p>');
    expect(markdownToPlain('**Règle** : voir [MIRAI](https://m.example) _vite_')).toBe('Règle : voir MIRAI (https://m.example) vite');
    expect(markdownToHtml('[x](https://e.example/"onmouseover="alert(1))')).not.toMatch(/href="[^"]*"\s*onmouseover/);
  });

  it('stays linear on 50,000-character hostile inputs', () => {
    const inputs = [`${'**_['.repeat(12_500)}\n${'> - '.repeat(12_500)}`, '['.repeat(50_000), '[a]('.repeat(12_500), `[${'a'.repeat(50_000)}](`, '_ '.repeat(25_000)];
    for (const hostile of inputs) {
      const t = performance.now();
      markdownToHtml(hostile);
      markdownToPlain(hostile);
      expect(performance.now() - t).toBeLessThan(400);
    }
  });
});

describe('Reply rendering', () => {
  const verdict: Reply = {
    text: 'Autorisé sous conditions',
    choices: [{ label: 'Poser la question à un ambassadeur', value: 'x', action: { type: 'escalate' } }],
    card: {
      title: 'Autorisé <sous> conditions',
      tone: 'good',
      body: '**Règle** : circulaire',
      facts: [{ label: 'Outil', value: '<ChatGPT>' }],
      sources: [{ id: 'c', title: 'Circulaire', citation: 'Circulaire, § 2' }],
      actions: [
        { label: '👍 Utile', value: 'utile', action: { type: 'feedback', value: 'up', data: { rule: 'r1' } } },
        { label: '👎 Pas utile', value: 'pas utile', action: { type: 'feedback', value: 'down', data: { rule: 'r1' } } },
      ],
      fallbackText: 'Autorisé sous conditions\n\nRègle : circulaire',
    },
  };

  it('renders a card as an HTML notice with numbered choices and feedback by reaction', () => {
    const r = renderReply(verdict);
    expect(r.content).toMatchObject({ msgtype: 'm.notice', format: 'org.matrix.custom.html' });
    expect(r.content.formatted_body).toContain('<h4>✅ Autorisé &lt;sous&gt; conditions</h4>');
    expect(r.content.formatted_body).toContain('<li><strong>Outil</strong> : &lt;ChatGPT&gt;</li>');
    expect(r.content.formatted_body).toContain('<em>Source : Circulaire, § 2</em>');
    expect(r.content.body).toMatch(/Règle : circulaire[\s\S]*• Outil : <ChatGPT>[\s\S]*1\. Poser la question à un ambassadeur\n2\. 👍 Utile\n3\. 👎 Pas utile/);
    expect(r.choices.map((c) => c.label)).toEqual(['Poser la question à un ambassadeur', '👍 Utile', '👎 Pas utile']);
    expect(r.feedback).toEqual({ up: { type: 'feedback', value: 'up', data: { rule: 'r1' } }, down: { type: 'feedback', value: 'down', data: { rule: 'r1' } } });
  });

  it('escapes the display name of the mention pill', () => {
    const r = renderReply({ text: 'ok' }, { mention: { userId: '@m:tchap.test', name: '<img src=x onerror=alert(1)>Mallory' } });
    expect(r.content.formatted_body).toBe('<p><a href="https://matrix.to/#/@m:tchap.test">&lt;img src=x onerror=alert(1)&gt;Mallory</a> :</p><p>ok</p>');
    expect(r.content['m.mentions']).toEqual({ user_ids: ['@m:tchap.test'] });
  });

  it('shows the commands to type in room broadcasts instead of numbers', () => {
    const r = renderReply({ text: 'Nouvelle demande', choices: [{ label: 'Prendre', value: 'prendre 12', action: { type: 'ticket.claim', value: '12' } }] }, { broadcast: true });
    expect(r.choices).toEqual([]);
    expect(r.content.formatted_body).toContain('Prendre : écrivez « <code>!prendre 12</code> »');
  });

  it('builds an m.replace edit with a "* " fallback and the full new content', () => {
    const fresh = renderReply({ text: 'Prise en charge' }).content;
    expect(editContent('$orig', fresh)).toEqual({
      msgtype: 'm.notice',
      body: '* Prise en charge',
      format: 'org.matrix.custom.html',
      formatted_body: '* <p>Prise en charge</p>',
      'm.mentions': {},
      'm.new_content': fresh,
      'm.relates_to': { rel_type: 'm.replace', event_id: '$orig' },
    });
  });
});

describe('reading events defensively', () => {
  it('rejects malformed envelopes and contents instead of throwing', () => {
    expect(parseEnvelope(null)).toBeUndefined();
    expect(parseEnvelope({ event_id: '$a', sender: '@a:b', type: 'm.room.message', origin_server_ts: 'x', content: {} })).toBeUndefined();
    expect(parseEnvelope({ event_id: '$a', sender: '@a:b', type: 'm.room.message', origin_server_ts: 1, content: 'texte' })).toBeUndefined();
    expect(parseMessage({ msgtype: 'm.text', body: 42 })).toBeUndefined();
    expect(parseMessage({ body: 'sans type' })).toBeUndefined();
    expect(parseMessage({ msgtype: 'm.text', body: 'x', 'm.relates_to': 'bizarre', 'm.mentions': { user_ids: 'pas une liste' } })).toMatchObject({ body: 'x', mentions: [] });
    expect(parseMessage({ msgtype: 'm.text', body: 'x'.repeat(100_000) })!.body).toHaveLength(60_000);
    expect(parseMessage({ msgtype: 'm.text', body: '* corrigé', 'm.new_content': { msgtype: 'm.text', body: 'corrigé' }, 'm.relates_to': { rel_type: 'm.replace', event_id: '$o' } })).toMatchObject({ body: 'corrigé', replaces: '$o' });
  });

  it('detects mentions by pill, intentional mention, user id or display name, and strips them', () => {
    const pill = parseMessage({ msgtype: 'm.text', body: 'Assistant IA: Qu’est-ce que MIRAI ?', formatted_body: '<a href="https://matrix.to/#/@assistant-ia:tchap.test">Assistant IA</a>: Qu’est-ce que MIRAI ?' })!;
    expect(mentionsBot(pill, BOT)).toBe(true);
    expect(stripMention(pill.body, BOT)).toBe('Qu’est-ce que MIRAI ?');
    expect(mentionsBot(parseMessage({ msgtype: 'm.text', body: 'question', 'm.mentions': { user_ids: [BOT.userId] } })!, BOT)).toBe(true);
    expect(mentionsBot(parseMessage({ msgtype: 'm.text', body: 'bonjour assistant ia, une question' })!, BOT)).toBe(true);
    expect(stripMention('bonjour assistant ia, une question', BOT)).toBe('bonjour une question');
    expect(mentionsBot(parseMessage({ msgtype: 'm.text', body: 'les assistants IA du marché' })!, BOT)).toBe(false);
    expect(mentionsBot(parseMessage({ msgtype: 'm.text', body: 'rien pour le bot' })!, BOT)).toBe(false);
  });

  it('reads 👍 / 👎 reactions (with skin tones and variation selectors) and !commands', () => {
    const r = (key: unknown) => parseReaction({ 'm.relates_to': { rel_type: 'm.annotation', event_id: '$e', key } });
    expect(r('👍')?.vote).toBe('up');
    expect(r('👍🏽')?.vote).toBe('up');
    expect(r('👎️')?.vote).toBe('down');
    expect(r('🎉')).toEqual({ target: '$e', vote: undefined });
    expect(r(3)).toBeUndefined();
    expect(commandWord('!prendre 12')).toBe('prendre');
    expect(commandWord('prendre 12')).toBeUndefined();
  });

  it('allows users by server name, *.suffix and user patterns only', () => {
    const p = new AccessPolicy(['agent.tchap.gouv.fr', '*.interieur.tchap.test'], ['@*:partenaire.example', '/^@jean\\.[a-z]+:x\\.fr$/']);
    expect(p.allows('@a:agent.tchap.gouv.fr')).toBe(true);
    expect(p.allows('@a:evil-agent.tchap.gouv.fr')).toBe(false);
    expect(p.allows('@a:pref.interieur.tchap.test')).toBe(true);
    expect(p.allows('@a:interieur.tchap.test')).toBe(false);
    expect(p.allows('@bob:partenaire.example')).toBe(true);
    expect(p.allows('@jean.dupont:x.fr')).toBe(true);
    expect(p.allows('@paul:x.fr')).toBe(false);
    expect(p.allows(undefined)).toBe(false);
  });
});

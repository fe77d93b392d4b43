import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import { copyKnowledge } from '../helpers/knowledge-copy.js';
import { witness, writeEntry } from './support.js';

let app: App | undefined;
let kb: ReturnType<typeof copyKnowledge> | undefined;
afterEach(async () => {
  await app?.close();
  kb?.remove();
});

describe('a reload during a turn', () => {
  it('does not change the knowledge that turn reads: its reply comes from one snapshot, the next turn gets the new one', async () => {
    kb = copyKnowledge();
    writeEntry(kb.dir, 'temoin-rechargement', witness('temoin-rechargement', 'Ancienne réponse témoin.'));
    app = createApp({ config: loadConfig({}), logger: silentLogger(), watch: false, knowledgeDir: kb.dir, databasePath: ':memory:' });
    const conversations = app.stores.conversations;
    const get = conversations.get.bind(conversations);
    let reloadMidTurn = true;
    // The turn's first await (reading the conversation state) is when the edit lands and is reloaded.
    conversations.get = async (key) => {
      if (reloadMidTurn) {
        reloadMidTurn = false;
        writeEntry(kb!.dir, 'temoin-rechargement', witness('temoin-rechargement', 'Nouvelle réponse témoin.'));
        expect(app!.knowledge.reload()).toEqual([]);
      }
      return get(key);
    };
    const ask = () => app!.bot.handle({ channel: 'test', conversationId: 'c', user: { id: 'u' }, text: 'Question témoin du rechargement à chaud ?' });
    const during = (await ask()).map((r) => r.text).join('\n');
    expect(during).toMatch(/Ancienne réponse témoin/);
    expect(during).not.toMatch(/Nouvelle/);
    expect((await ask()).map((r) => r.text).join('\n')).toMatch(/Nouvelle réponse témoin/);
  });
});

import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequestListener, isLoopback } from '../../adapters/teams/http.js';
import { createCloudAdapter } from '../../adapters/teams/cloud.js';
import { loadTeamsConfig } from '../../adapters/teams/config.js';
import { silentLogger } from '../../src/logger.js';
import { AGENT, attachmentsOnly, cardSubmit, channelMessage, CHANNEL_ID, personalConversation, personalInstall, personalMessage } from './support/activities.js';
import { buttonData, cardOf, cardProblems, cardText } from './support/cards.js';
import { teamsRig, type TeamsRig } from './support/teams-app.js';

let rig: TeamsRig;
let url: string;
const agentConversation = personalConversation(AGENT).id;

beforeAll(async () => {
  rig = await teamsRig();
  url = rig.connector.url;
});
afterAll(async () => rig.close());
beforeEach(() => rig.connector.clear());

describe('Teams endpoint: real Teams-shaped traffic', () => {
  it('answers a personal tool question with a verdict card, as a reply to the message', async () => {
    const activity = personalMessage(url, AGENT, 'Puis-je utiliser DeepL pour traduire un communiqué de presse déjà publié ?');
    expect((await rig.post(activity)).status).toBe(200);
    const [call] = rig.connector.posted(agentConversation);
    expect(call).toMatchObject({ activityId: activity.id, body: { type: 'message', replyToId: activity.id, recipient: { id: AGENT.id } } });
    const card = cardOf(call!.body);
    expect(cardProblems(card)).toEqual([]);
    expect(cardText(card)).toMatch(/Autorisé sous conditions/);
    expect(call!.body.summary).toMatch(/Autorisé sous conditions/);
  });

  it('answers an @mention in a channel thread, and stays silent without one', async () => {
    const quiet = channelMessage(url, AGENT, 'Qu’est-ce que MIRAI ?', false);
    expect((await rig.post(quiet)).status).toBe(200);
    expect(rig.connector.calls).toEqual([]);
    const asked = channelMessage(url, AGENT, 'Qu’est-ce que MIRAI ?');
    expect((await rig.post(asked)).status).toBe(200);
    const thread = (asked.conversation as { id: string }).id;
    expect(thread.startsWith(`${CHANNEL_ID};messageid=`)).toBe(true);
    expect(rig.connector.posted(thread)).toHaveLength(1);
    expect(cardText(cardOf(rig.connector.posted(thread)[0]!.body))).toMatch(/MIRAI/);
  });

  it('takes a card submit (👎 on an answer) and offers an ambassador', async () => {
    await rig.post(personalMessage(url, AGENT, 'Qu’est-ce que MIRAI ?'));
    const answer = rig.connector.posted(agentConversation).find((c) => buttonData(cardOf(c.body), /👎/))!;
    rig.connector.clear();
    const value = buttonData(cardOf(answer.body), /👎/)!;
    expect((await rig.post(cardSubmit(url, AGENT, value, answer.id))).status).toBe(200);
    const card = cardOf(rig.connector.posted(agentConversation)[0]!.body);
    expect(cardText(card)).toMatch(/votre avis est noté/);
    expect(buttonData(card, /Poser la question à un ambassadeur/)).toBeDefined();
  });

  it('welcomes an install (conversationUpdate with the bot in membersAdded)', async () => {
    expect((await rig.post(personalInstall(url, AGENT))).status).toBe(200);
    const [call] = rig.connector.posted(agentConversation);
    expect(cardText(cardOf(call!.body))).toMatch(/Bonjour Claire ![\s\S]*ambassadeur IA/);
  });

  it('answers an attachments-only message politely', async () => {
    expect((await rig.post(attachmentsOnly(url, AGENT))).status).toBe(200);
    expect(cardText(cardOf(rig.connector.posted(agentConversation)[0]!.body))).toMatch(/Je n’ai reçu aucun texte/);
  });
});

describe('Teams endpoint: bad input', () => {
  it('refuses malformed JSON (400) and non-object bodies (400)', async () => {
    expect((await rig.post('{"type": "message",')).status).toBe(400);
    expect((await rig.post('[1,2]')).status).toBe(400);
    expect(rig.connector.calls).toEqual([]);
  });

  it('ignores activities without a type or of an unknown type (200)', async () => {
    const { type: _t, ...untyped } = personalMessage(url, AGENT, 'aide');
    expect((await rig.post(untyped)).status).toBe(200);
    expect((await rig.post({ ...personalMessage(url, AGENT, 'aide'), type: 'somethingNew' })).status).toBe(200);
    expect((await rig.post({ ...personalMessage(url, AGENT, 'aide'), type: 'typing' })).status).toBe(200);
    expect(rig.connector.calls).toEqual([]);
  });

  it('refuses activities without serviceUrl or conversation (400)', async () => {
    const { serviceUrl: _s, ...noService } = personalMessage(url, AGENT, 'aide');
    const { conversation: _c, ...noConversation } = personalMessage(url, AGENT, 'aide');
    expect((await rig.post(noService)).status).toBe(400);
    expect((await rig.post(noConversation)).status).toBe(400);
    expect((await rig.post({ ...personalMessage(url, AGENT, 'aide'), serviceUrl: 'ftp://x' })).status).toBe(400);
  });

  it('refuses a body over 256 KB (413) without reading it all', async () => {
    const huge = personalMessage(url, AGENT, 'x'.repeat(300 * 1024));
    expect((await rig.post(huge)).status).toBe(413);
    expect(rig.connector.calls).toEqual([]);
    // The endpoint still serves the next request.
    expect((await rig.post(personalMessage(url, AGENT, 'aide'))).status).toBe(200);
  });

  it('stops reading a chunked body (no Content-Length) once it passes 256 KB', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(rig.endpoint, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      const chunk = Buffer.alloc(16 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 40 && req.write(chunk)) sent++;
        if (sent < 40) req.once('drain', pump);
        else req.end();
      };
      pump();
    });
    expect(status).toBe(413);
    expect((await rig.post(personalMessage(url, AGENT, 'aide'))).status).toBe(200);
  });

  it('serves /healthz, refuses other methods and paths', async () => {
    const base = rig.endpoint.replace('/api/messages', '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(rig.endpoint)).status).toBe(405);
    expect((await fetch(rig.endpoint, { method: 'HEAD' })).status).toBe(200);
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });

  it('in local mode, replies only to a connector on this machine', async () => {
    expect((await rig.post(personalMessage('https://smba.trafficmanager.net/emea/', AGENT, 'aide'))).status).toBe(400);
  });
});

describe('Teams endpoint: authentication', () => {
  it('in local mode, refuses anonymous requests that do not come from this machine', async () => {
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopback('10.0.0.5')).toBe(false);
    expect(isLoopback('::ffff:192.168.1.2')).toBe(false);
    const listener = createRequestListener({
      cloud: createCloudAdapter(loadTeamsConfig({})),
      logic: async () => {
        throw new Error('must not run');
      },
      logger: silentLogger(),
      localMode: true,
      maxBodyBytes: 256 * 1024,
    });
    // The request really comes over 127.0.0.1; the socket is made to look remote.
    const server: Server = createServer((req, res) => {
      Object.defineProperty(req.socket, 'remoteAddress', { value: '10.20.30.40', configurable: true });
      listener(req, res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (server.address() as AddressInfo).port;
      const res = await fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', body: JSON.stringify(personalMessage(url, AGENT, 'aide')) });
      expect(res.status).toBe(401);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('with credentials, refuses requests with a missing or forged token (401)', async () => {
    const secured = await teamsRig({
      MicrosoftAppId: '5e7c2f4a-1b3d-4c5e-8f9a-0b1c2d3e4f50',
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppTenantId: '2f0e3c51-7a4b-4d7e-9b1e-5c3a9d0e7f11',
    });
    try {
      const activity = personalMessage('https://smba.trafficmanager.net/emea/', AGENT, 'aide');
      expect((await secured.post(activity)).status).toBe(401);
      expect((await secured.post(activity, { authorization: 'Bearer forged' })).status).toBe(401);
      const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      // A JWT from an issuer Teams never uses is refused before any key download (no network in tests).
      const wrongIssuer = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'k' })}.${b64({ iss: 'https://evil.example', aud: '5e7c2f4a-1b3d-4c5e-8f9a-0b1c2d3e4f50' })}.c2ln`;
      expect((await secured.post(activity, { authorization: `Bearer ${wrongIssuer}` })).status).toBe(401);
      expect(secured.connector.calls).toEqual([]);
    } finally {
      await secured.close();
    }
  });
});

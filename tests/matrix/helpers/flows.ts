import type { World } from './world.js';
import { bodyOf, type Agent } from './agent.js';

/** Runs the agent side of an escalation in a Matrix room and returns the ticket number. */
export async function openTicket(world: World, agent: Agent, room: string, question: string): Promise<number> {
  await world.turn(agent, room, 'Je veux parler à un humain');
  let r = await world.turn(agent, room, question);
  if (r.some((s) => /de quelle structure/.test(bodyOf(s)))) r = await world.turn(agent, room, '1');
  r = await world.turn(agent, room, 'Envoyer');
  const m = /demande #(\d+)/.exec(r.map(bodyOf).join(' '));
  if (!m) throw new Error(`no ticket: ${r.map(bodyOf).join(' | ')}`);
  return Number(m[1]);
}

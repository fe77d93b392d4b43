import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewTicket, TicketTrigger } from '../../src/store/escalation-types.js';

let counter = 0;

/** A redacted-looking ticket request; every call gets a distinct question. */
export function newTicket(overrides: Partial<NewTicket> & { userId?: string; channel?: string } = {}): NewTicket {
  counter += 1;
  const { userId, channel, ...rest } = overrides;
  return {
    trigger: 'explicit' as TicketTrigger,
    scope: 'dgpn',
    agent: { channel: channel ?? 'teams', userId: userId ?? 'agent-1', conversationId: `conv-${userId ?? 'agent-1'}`, name: 'Agent Un' },
    question: `Puis-je utiliser l'outil n° ${counter} pour résumer un compte rendu ?`,
    context: '',
    ...rest,
  };
}

/** A fresh temporary directory, removed by the returned cleanup. */
export function tempDir(prefix = 'charte-ia-store-'): { dir: string; file: (name: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, file: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

import type { Dialog, TurnContext, DialogResult } from '../src/dialog.js';
import { done } from '../src/dialog.js';
import type { Reply } from '../src/types.js';

/**
 * Hand-off to a human. Points to the people the circular names: the AI ambassadors (network run by
 * the DTNUM) and, for the charter's roll-out, the DRH (Mission de gouvernance ministérielle RH)
 * and the DTNUM (Délégation ministérielle à l'IA).
 */
export function escalationReply(): Reply {
  return {
    text: [
      'Une personne peut vous répondre : c’est le rôle des **ambassadeurs IA**, un réseau animé par la DTNUM pour accompagner les services.',
      'Pour une question sur la diffusion ou la mise en œuvre de la charte, la circulaire désigne aussi la DRH ministérielle (Mission de gouvernance ministérielle RH) et la DTNUM (Délégation ministérielle à l’IA).',
      'Décrivez votre situation sans donnée personnelle (ni nom, ni numéro de dossier) : cela suffit pour être aidé.',
    ].join('\n\n'),
    meta: { intent: 'escalation_request', escalate: true },
  };
}

export const escalationDialog: Dialog = {
  id: 'escalation',
  async begin(_ctx: TurnContext): Promise<DialogResult> {
    return done(escalationReply());
  },
  async continue(): Promise<DialogResult> {
    return { handled: false };
  },
};

/** References cited by the verdict rules. */
import type { SourceRef } from '../types.js';

export type SourceKey = 'circular1' | 'circular2' | 'gdpr22' | 'gdpr9';

export const POLICY_SOURCES: Record<SourceKey, Required<SourceRef>> = {
  circular1: {
    id: 'circulaire-1',
    title: "Circulaire de diffusion de la charte des usages éthiques de l'IA — enjeux et validation par un agent",
    citation: 'Circulaire de diffusion de la charte, § 1',
  },
  circular2: {
    id: 'circulaire-2',
    title: "Circulaire de diffusion de la charte des usages éthiques de l'IA — règles et principes d'usage",
    citation: 'Circulaire de diffusion de la charte, § 2',
  },
  gdpr22: {
    id: 'rgpd-art22',
    title: 'RGPD, article 22 — décision individuelle automatisée (référence générale)',
    citation: 'RGPD, art. 22',
  },
  gdpr9: {
    id: 'rgpd-art9',
    title: 'RGPD, article 9 — catégories particulières de données (référence générale)',
    citation: 'RGPD, art. 9',
  },
};

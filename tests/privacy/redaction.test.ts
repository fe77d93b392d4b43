import { describe, expect, it } from 'vitest';
import { applyRedaction, resolveOverlaps } from '../../src/privacy/resolve.js';
import { PLACEHOLDERS, PII_TYPES } from '../../src/privacy/types.js';
import { shield } from './helpers.js';

describe('redaction', () => {
  it('replaces each span with its typed placeholder', () => {
    const text = 'Bonjour, pouvez-vous rappeler M. Karim BENALI au 06 12 48 73 90 concernant son dossier ?';
    const { redacted, findings } = shield().redact(text);
    expect(redacted).toBe('Bonjour, pouvez-vous rappeler M. [NOM] au [TÉLÉPHONE] concernant son dossier ?');
    expect(findings.map((f) => f.type)).toEqual(['person_name', 'phone']);
  });

  it('uses every placeholder of the contract', () => {
    expect(PLACEHOLDERS).toEqual({
      email: '[EMAIL]',
      phone: '[TÉLÉPHONE]',
      nir: '[NIR]',
      iban: '[IBAN]',
      payment_card: '[CARTE BANCAIRE]',
      person_name: '[NOM]',
      birth_date: '[DATE DE NAISSANCE]',
      address: '[ADRESSE]',
      license_plate: '[PLAQUE]',
      id_document: "[PIÈCE D'IDENTITÉ]",
      ip_address: '[ADRESSE IP]',
    });
    expect(Object.keys(PLACEHOLDERS).sort()).toEqual([...PII_TYPES].sort());
  });

  it('redacts a message with many kinds of data', () => {
    const text =
      'Mme Sophie Leroy, née le 14/07/1979, demeurant 12 rue des Lilas, 69003 Lyon, IBAN FR76 3000 4008 1900 0123 4567 879, ' +
      'CNI n° 880692310285, véhicule GH-417-KT, IP 192.168.14.27, mail s.leroy@orange.fr, NIR 1 78 06 92 063 157 35, carte 4111 1111 1111 1111.';
    expect(shield().redact(text).redacted).toBe(
      'Mme [NOM], née le [DATE DE NAISSANCE], demeurant [ADRESSE], IBAN [IBAN], ' +
        "CNI n° [PIÈCE D'IDENTITÉ], véhicule [PLAQUE], IP [ADRESSE IP], mail [EMAIL], NIR [NIR], carte [CARTE BANCAIRE].",
    );
  });

  it('returns findings sorted by start, non-overlapping, with JS string indices', () => {
    const text = '« Émilie » — M. Lucas Moreau (AB-582-QF) 😀 joignable au 06 12 48 73 90.';
    const findings = shield().findings(text);
    for (let i = 1; i < findings.length; i++) expect(findings[i]!.start).toBeGreaterThanOrEqual(findings[i - 1]!.end);
    expect(findings.map((f) => text.slice(f.start, f.end))).toEqual(['Lucas Moreau', 'AB-582-QF', '06 12 48 73 90']);
  });

  it('leaves text without personal data unchanged', () => {
    const text = 'Puis-je utiliser MIRAI pour résumer une note de service ?';
    expect(shield().redact(text)).toEqual({ redacted: text, findings: [] });
    expect(shield().redact('')).toEqual({ redacted: '', findings: [] });
  });
});

describe('overlap resolution', () => {
  it('prefers higher priority, then longer spans', () => {
    const resolved = resolveOverlaps([
      { type: 'person_name', start: 0, end: 10, priority: 40 },
      { type: 'address', start: 5, end: 30, priority: 60 },
      { type: 'phone', start: 40, end: 50, priority: 70 },
      { type: 'phone', start: 42, end: 46, priority: 70 },
      { type: 'email', start: 60, end: 70, priority: 85 },
      { type: 'person_name', start: 55, end: 62, priority: 40 },
    ]);
    expect(resolved).toEqual([
      { type: 'address', start: 5, end: 30 },
      { type: 'phone', start: 40, end: 50 },
      { type: 'email', start: 60, end: 70 },
    ]);
  });

  it('keeps adjacent spans and drops empty ones', () => {
    const resolved = resolveOverlaps([
      { type: 'phone', start: 10, end: 20, priority: 70 },
      { type: 'email', start: 0, end: 10, priority: 85 },
      { type: 'nir', start: 20, end: 20, priority: 95 },
    ]);
    expect(resolved.map((f) => f.type)).toEqual(['email', 'phone']);
    expect(applyRedaction('aaaaaaaaaabbbbbbbbbbc', resolved)).toBe('[EMAIL][TÉLÉPHONE]c');
  });

  it('lets a street name inside an address win over a person name', () => {
    const text = 'son adresse : 4 bis avenue Jean Jaurès, 31000 Toulouse.';
    expect(shield().findings(text).map((f) => f.type)).toEqual(['address']);
  });
});

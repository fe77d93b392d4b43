/** Check-digit validations: NIR key, IBAN mod-97 (ISO 13616 / ISO 7064) and Luhn. */

/** Remainder of a long decimal string modulo 97, computed in 7-digit chunks (no BigInt needed). */
export function mod97(digits: string): number {
  let rem = 0;
  for (let i = 0; i < digits.length; i += 7) {
    const chunk = digits.slice(i, i + 7);
    rem = Number(String(rem) + chunk) % 97;
  }
  return rem;
}

/**
 * Key of a 13-character NIR body (sex, year, month, département, commune, order).
 * Corsica: "2A" counts as 19 and "2B" as 18 for the computation. Returns null when the
 * body is not 13 digits after that substitution.
 */
export function nirKey(body: string): number | null {
  const up = body.toUpperCase();
  const numeric = up.slice(0, 5) + up.slice(5, 7).replace('2A', '19').replace('2B', '18') + up.slice(7);
  if (!/^\d{13}$/.test(numeric)) return null;
  return 97 - mod97(numeric);
}

/** Month field accepted by INSEE rules (leniently): 01-12, 20-42 and 50-99 (unknown/temporary). */
export function isPlausibleNirMonth(month: number): boolean {
  return (month >= 1 && month <= 12) || (month >= 20 && month <= 42) || (month >= 50 && month <= 99);
}

/**
 * Full NIR check on 15 characters (13-character body + 2-digit key), separators removed.
 * First digit 1/2 (3, 4, 7, 8 accepted for special/temporary numbers).
 */
export function isValidNir(nir: string): boolean {
  const s = nir.toUpperCase();
  if (!/^[1234578]\d{4}(?:\d{2}|2[AB])\d{6}\d{2}$/.test(s)) return false;
  if (!isPlausibleNirMonth(Number(s.slice(3, 5)))) return false;
  const key = nirKey(s.slice(0, 13));
  return key !== null && key === Number(s.slice(13, 15));
}

/** IBAN lengths per country (ISO 13616 registry, the countries agents are likely to paste). */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, CH: 21, CR: 22,
  CY: 28, CZ: 24, DE: 22, DK: 18, DO: 28, DZ: 26, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27,
  GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IS: 26, IT: 27,
  JO: 30, KW: 30, KZ: 20, LB: 28, LI: 21, LT: 20, LU: 20, LV: 21, MA: 28, MC: 27, MD: 24, ME: 22,
  MK: 19, MR: 27, MT: 31, MU: 30, NL: 18, NO: 15, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24,
  RS: 22, SA: 24, SE: 24, SI: 19, SK: 24, SM: 27, SN: 28, TN: 24, TR: 26, UA: 29, VG: 24, XK: 20,
  CI: 28, CM: 27, SC: 31, LC: 32, BY: 28, IQ: 23, ST: 25, TL: 23, VA: 22,
};

/** ISO 13616 validation: known country length, then mod-97 of the rearranged string equals 1. */
export function isValidIban(iban: string): boolean {
  const s = iban.replace(/[\s-]/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(s)) return false;
  const expected = IBAN_LENGTHS[s.slice(0, 2)];
  if (expected === undefined || s.length !== expected) return false;
  const rearranged = s.slice(4) + s.slice(0, 4);
  let digits = '';
  for (const c of rearranged) {
    const code = c.charCodeAt(0);
    digits += code >= 65 ? String(code - 55) : c;
  }
  return mod97(digits) === 1;
}

/** Luhn (mod 10) check on a digit string. */
export function luhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

import { priorityOf, type Basis, type Recognizer, type ScoredFinding } from '../types.js';
import { luhnValid } from '../checksums.js';

/** 13 to 19 digits, possibly grouped with single spaces or dashes, not glued to other digits. */
const CARD_RE = /(?<![\p{L}\p{N}]|\d[ \u00A0\-])\d(?:[ \u00A0\-]?\d){12,18}/gu;

/** Card lengths allowed per issuer prefix (IIN ranges of the main networks). */
export function cardNetworkAccepts(digits: string): boolean {
  const len = digits.length;
  const p2 = Number(digits.slice(0, 2));
  const p3 = Number(digits.slice(0, 3));
  const p4 = Number(digits.slice(0, 4));
  if (digits[0] === '4') return len === 13 || len === 16 || len === 19; // Visa (and CB co-branded)
  if (p2 >= 51 && p2 <= 55) return len === 16; // Mastercard
  if (p4 >= 2221 && p4 <= 2720) return len === 16; // Mastercard 2-series
  if (p2 === 34 || p2 === 37) return len === 15; // American Express
  if (p4 === 6011 || p2 === 65 || (p3 >= 644 && p3 <= 649)) return len >= 16 && len <= 19; // Discover
  if (p4 >= 3528 && p4 <= 3589) return len >= 16 && len <= 19; // JCB
  if (p2 === 36 || p2 === 38 || p2 === 39 || (p3 >= 300 && p3 <= 305)) return len >= 14 && len <= 16; // Diners
  if (p2 === 62) return len >= 16 && len <= 19; // UnionPay
  if (p2 === 50 || (p2 >= 56 && p2 <= 58) || p2 === 67) return len >= 13 && len <= 19; // Maestro
  return false;
}

export function isPlausibleCard(digits: string): boolean {
  return digits.length >= 13 && digits.length <= 19 && cardNetworkAccepts(digits) && luhnValid(digits);
}

/**
 * The exact shape of a card number, Luhn aside: 16 digits in four groups of four (American Express:
 * 4-6-5) with one kind of separator, and the prefix of a card network.
 */
export function hasCardShape(raw: string, digits: string): boolean {
  const grouped = /^\d{4}(?<s>[ \u00A0\-])\d{4}\k<s>\d{4}\k<s>\d{4}$/.test(raw) || /^3[47]\d{2}(?<s>[ \u00A0\-])\d{6}\k<s>\d{5}$/.test(raw);
  return grouped && cardNetworkAccepts(digits);
}

/**
 * Card numbers: Luhn-valid numbers of a known network, and numbers whose Luhn check fails (a
 * typo) but that are written exactly as a card is. A label before it (« CB », « carte bancaire »)
 * is handled by the labelled recognizer.
 */
export function findPaymentCards(text: string): ScoredFinding[] {
  const out: ScoredFinding[] = [];
  CARD_RE.lastIndex = 0;
  for (let m = CARD_RE.exec(text); m !== null; m = CARD_RE.exec(text)) {
    const raw = m[0];
    // Try the longest prefix ending on a group boundary first, then shorter ones.
    let accepted = -1;
    let basis: Basis = 'checksum';
    for (let cut = raw.length; cut > 0; cut--) {
      const next = text[m.index + cut];
      if (next !== undefined && next >= '0' && next <= '9') continue;
      const digits = raw.slice(0, cut).replace(/\D/g, '');
      if (digits.length < 13) break;
      if (isPlausibleCard(digits) || hasCardShape(raw.slice(0, cut), digits)) {
        accepted = cut;
        basis = isPlausibleCard(digits) ? 'checksum' : 'shape';
        break;
      }
    }
    if (accepted === -1) continue;
    const end = m.index + accepted;
    out.push({ type: 'payment_card', start: m.index, end, priority: priorityOf('payment_card', basis) });
    CARD_RE.lastIndex = end;
  }
  return out;
}

export const paymentCardRecognizer: Recognizer = { types: ['payment_card'], find: findPaymentCards };

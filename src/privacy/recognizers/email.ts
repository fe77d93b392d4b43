import { PRIORITY, type Recognizer, type ScoredFinding } from '../types.js';
import { isAlnum, isLetter } from '../text.js';

const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;

function isLocalChar(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  return isAlnum(ch) || ch === '.' || ch === '_' || ch === '%' || ch === '+' || ch === '-';
}

function isDomainChar(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  return isAlnum(ch) || ch === '.' || ch === '-';
}

/**
 * E-mail addresses. Linear: each '@' is expanded left over at most 64 local-part characters
 * and right over at most 253 domain characters, then validated (dotted domain, alphabetic TLD).
 */
export function findEmails(text: string): ScoredFinding[] {
  const out: ScoredFinding[] = [];
  let lastEnd = 0;
  let at = text.indexOf('@');
  while (at !== -1) {
    let start = at;
    while (start > lastEnd && at - start < MAX_LOCAL && isLocalChar(text[start - 1])) start--;
    while (start < at && (text[start] === '.' || text[start] === '-')) start++;
    let end = at + 1;
    while (end < text.length && end - at <= MAX_DOMAIN && isDomainChar(text[end])) end++;
    while (end > at + 1 && (text[end - 1] === '.' || text[end - 1] === '-')) end--;
    if (start < at && end > at + 1 && isValidDomain(text.slice(at + 1, end))) {
      out.push({ type: 'email', start, end, priority: PRIORITY.email });
      lastEnd = end;
      at = text.indexOf('@', end);
    } else {
      at = text.indexOf('@', at + 1);
    }
  }
  return out;
}

function isValidDomain(domain: string): boolean {
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  const tld = labels[labels.length - 1] ?? '';
  if (tld.length < 2 || tld.length > 24) return false;
  for (const c of tld) if (!isLetter(c)) return false;
  return labels.every((l) => l.length > 0 && l.length <= 63 && !l.startsWith('-') && !l.endsWith('-'));
}

export const emailRecognizer: Recognizer = { types: ['email'], find: findEmails };

import { PRIORITY, type Recognizer, type ScoredFinding } from '../types.js';

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';

/**
 * IPv4: four valid octets, not part of a longer dotted run ("1.2.3.4.5") nor of a version
 * string ("v1.2.3.4", "version 1.2.3.4").
 */
const IPV4_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}_.]|\.\d)${OCTET}(?:\.${OCTET}){3}(?!\.?\d|\.[\p{L}\p{N}]|[\p{L}_])`,
  'gu',
);

const VERSION_BEFORE = /(?:version|vers\.|release|build|v)\s?$/i;

/** IPv6 candidates: hex digits and colons, at least two colons; validated afterwards. */
const IPV6_RE = /(?<![\p{L}\p{N}_:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\p{L}\p{N}_:])/gu;

export function isValidIpv6(s: string): boolean {
  if (s.length < 3 || s.length > 39) return false;
  const doubles = s.split('::').length - 1;
  if (doubles > 1) return false;
  if (s.includes(':::')) return false;
  const groups = s.split(':');
  if (doubles === 0) {
    if (groups.length !== 8) return false;
    return groups.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g));
  }
  const nonEmpty = groups.filter((g) => g !== '');
  if (nonEmpty.length > 7) return false;
  if (!nonEmpty.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  // A compressed address needs enough hex to be an address, not "a::b" in prose or "12::30".
  return nonEmpty.length >= 2 && nonEmpty.some((g) => /[A-Fa-f]/.test(g) || g.length >= 3);
}

export function findIpAddresses(text: string): ScoredFinding[] {
  const out: ScoredFinding[] = [];
  IPV4_RE.lastIndex = 0;
  for (let m = IPV4_RE.exec(text); m !== null; m = IPV4_RE.exec(text)) {
    if (VERSION_BEFORE.test(text.slice(Math.max(0, m.index - 10), m.index))) continue;
    out.push({ type: 'ip_address', start: m.index, end: m.index + m[0].length, priority: PRIORITY.ip_address });
  }
  IPV6_RE.lastIndex = 0;
  for (let m = IPV6_RE.exec(text); m !== null; m = IPV6_RE.exec(text)) {
    if (!isValidIpv6(m[0])) continue;
    out.push({ type: 'ip_address', start: m.index, end: m.index + m[0].length, priority: PRIORITY.ip_address });
  }
  return out;
}

export const ipAddressRecognizer: Recognizer = { types: ['ip_address'], find: findIpAddresses };

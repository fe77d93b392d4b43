import { describe, expect, it } from 'vitest';
import { isPlausibleNirMonth, isValidIban, isValidNir, luhnValid, mod97, nirKey } from '../../src/privacy/checksums.js';
import { cardNetworkAccepts, isPlausibleCard } from '../../src/privacy/recognizers/payment-card.js';
import { isValidIpv6 } from '../../src/privacy/recognizers/ip-address.js';

describe('mod97', () => {
  it('matches BigInt arithmetic on long numbers', () => {
    for (const n of ['1780692063157', '97', '0', '123456789012345678901234567890', '9999999999999999999']) {
      expect(mod97(n)).toBe(Number(BigInt(n) % 97n));
    }
  });
});

describe('NIR key', () => {
  it('computes 97 - (n mod 97)', () => {
    expect(nirKey('1780692063157')).toBe(35);
    expect(nirKey('1900975056212')).toBe(12);
    expect(nirKey('2830131555048')).toBe(42);
  });

  it('replaces 2A by 19 and 2B by 18 for Corsica', () => {
    const body2A = '185052A004023';
    expect(nirKey(body2A)).toBe(97 - Number(BigInt('1850519004023') % 97n));
    const body2B = '292112B123456';
    expect(nirKey(body2B)).toBe(97 - Number(BigInt('2921118123456') % 97n));
  });

  it('accepts valid NIRs and rejects a wrong key, month or sex digit', () => {
    expect(isValidNir('178069206315735')).toBe(true);
    expect(isValidNir('190097505621212')).toBe(true);
    expect(isValidNir('185052A00402359')).toBe(true);
    expect(isValidNir('178069206315736')).toBe(false); // key off by one
    expect(isValidNir('190097505621221')).toBe(false); // swapped key digits
    expect(isValidNir('578069206315735')).toBe(false); // sex digit 5
    expect(isValidNir('17806920631573')).toBe(false); // 14 characters
  });

  it('follows INSEE month rules leniently', () => {
    expect(isPlausibleNirMonth(1)).toBe(true);
    expect(isPlausibleNirMonth(12)).toBe(true);
    expect(isPlausibleNirMonth(20)).toBe(true);
    expect(isPlausibleNirMonth(99)).toBe(true);
    expect(isPlausibleNirMonth(0)).toBe(false);
    expect(isPlausibleNirMonth(13)).toBe(false);
    expect(isPlausibleNirMonth(45)).toBe(false);
  });
});

describe('IBAN (ISO 13616 mod-97)', () => {
  it('accepts valid IBANs of several countries, spaced or not', () => {
    expect(isValidIban('FR76 3000 4008 1900 0123 4567 879')).toBe(true);
    expect(isValidIban('FR7610278060760002197530158')).toBe(true);
    expect(isValidIban('FR14 2004 1010 0505 0001 3M02 606')).toBe(true);
    expect(isValidIban('DE89370400440532013000')).toBe(true);
    expect(isValidIban('GB82WEST12345698765432')).toBe(true);
    expect(isValidIban('BE68539007547034')).toBe(true);
  });

  it('rejects a wrong check digit, a wrong length and unknown countries', () => {
    expect(isValidIban('FR77 3000 4008 1900 0123 4567 879')).toBe(false);
    expect(isValidIban('FR76 3000 4008 1900 0123 4567 87')).toBe(false);
    expect(isValidIban('FR76 3000 4008 1900 0123 4567 8790')).toBe(false);
    expect(isValidIban('ZZ76300040081900012345678')).toBe(false);
  });
});

describe('Luhn and card networks', () => {
  it('validates Luhn', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('378282246310005')).toBe(true);
    expect(luhnValid('5355223344556673')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('4970101234567890')).toBe(false);
  });

  it('requires a known issuer prefix with the right length', () => {
    expect(cardNetworkAccepts('4111111111111111')).toBe(true);
    expect(cardNetworkAccepts('2221000000000009')).toBe(true);
    expect(cardNetworkAccepts('378282246310005')).toBe(true);
    expect(cardNetworkAccepts('37828224631000')).toBe(false); // Amex must have 15 digits
    expect(cardNetworkAccepts('9111111111111111')).toBe(false);
    expect(isPlausibleCard('1000000000000008')).toBe(false); // Luhn-valid, no network
  });
});

describe('IPv6 validation', () => {
  it('accepts full and compressed forms and rejects times and MAC addresses', () => {
    expect(isValidIpv6('2001:0db8:85a3:0000:0000:8a2e:0370:7334')).toBe(true);
    expect(isValidIpv6('2001:db8:85a3::8a2e:370:7334')).toBe(true);
    expect(isValidIpv6('fe80::1ff:fe23:4567:890a')).toBe(true);
    expect(isValidIpv6('14:30:00')).toBe(false);
    expect(isValidIpv6('00:1A:2B:3C:4D:5E')).toBe(false);
    expect(isValidIpv6('1::2::3')).toBe(false);
  });
});

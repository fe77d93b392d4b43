import { createPrivacyShield, type PrivacyShield } from '../../src/privacy/shield.js';
import type { PiiType } from '../../src/privacy/types.js';

let shared: PrivacyShield | undefined;

/** The shield built from the shipped data files (built once per test file). */
export function shield(): PrivacyShield {
  shared ??= createPrivacyShield();
  return shared;
}

/** Findings as "type:value" strings, in text order. */
export function found(text: string, s: PrivacyShield = shield()): string[] {
  return s.findings(text).map((f) => `${f.type}:${text.slice(f.start, f.end)}`);
}

/** Values found for one type. */
export function valuesOf(type: PiiType, text: string, s: PrivacyShield = shield()): string[] {
  return s
    .findings(text)
    .filter((f) => f.type === type)
    .map((f) => text.slice(f.start, f.end));
}

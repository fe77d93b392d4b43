import type { Prng } from './prng.js';

/**
 * Hostile and ordinary text: random Unicode (astral, emoji sequences, RTL and bidi controls,
 * zero-width, combining marks, lone surrogates), control characters and NUL, numbers only,
 * Markdown and HTML injection, very long strings, and the phrases that drive the bot's dialogs
 * (so the fuzz reaches deep states: hand-off, confirmation, ambassador commands, erasure).
 */

/** Code point ranges, each a kind of character the bot may receive. */
const RANGES: [number, number][] = [
  [0x20, 0x7e], // ASCII
  [0xa0, 0xff], // Latin-1 (é, à, ç, NBSP)
  [0x0300, 0x036f], // combining marks
  [0x0590, 0x05ff], // Hebrew
  [0x0600, 0x06ff], // Arabic
  [0x200b, 0x200f], // zero-width, LRM / RLM
  [0x2028, 0x202e], // line / paragraph separators, bidi embeddings and overrides
  [0x2060, 0x206f], // word joiner, invisible operators, bidi isolates
  [0x4e00, 0x4fff], // CJK
  [0xfe00, 0xfe0f], // variation selectors
  [0xfff0, 0xffff], // specials, non-characters
  [0x1f300, 0x1faff], // emoji (astral)
  [0x1d400, 0x1d7ff], // mathematical alphanumerics (astral letters)
  [0xe0000, 0xe007f], // tags
  [0x0000, 0x001f], // C0 controls, NUL
  [0x007f, 0x009f], // DEL, C1 controls
];

function codePoint(r: Prng): string {
  const roll = r.next();
  if (roll < 0.04) {
    // A lone surrogate (invalid UTF-16 on its own).
    return String.fromCharCode(r.int(0xd800, 0xdfff));
  }
  const [lo, hi] = r.pick(RANGES);
  return String.fromCodePoint(r.int(lo, hi));
}

export function randomUnicode(r: Prng, max = 40): string {
  let s = '';
  const n = r.int(0, max);
  for (let i = 0; i < n; i++) s += codePoint(r);
  return s;
}

const EMOJI_SEQUENCES = ['👍', '👎', '👍🏽', '👩‍💻', '🏳️‍🌈', '🇫🇷', '❤️', '👨‍👩‍👧‍👦', '🫠', '+1', ':+1:', '-1'];

const DIALOG_PHRASES = [
  'Puis-je utiliser ChatGPT pour résumer un courrier ?',
  'Puis-je utiliser DeepL pour traduire un communiqué de presse déjà publié ?',
  'On a le droit de passer par Copilot pour trier les plaintes ?',
  'Qu’est-ce que MIRAI ?',
  'Que dit la charte sur les données personnelles ?',
  'Et si le document contient des noms ?',
  'une IA peut-elle valider automatiquement les dossiers sans relecture ?',
  'Bonjour',
  'bonjour, je suis nouvelle en préfecture',
  'aide',
  'annuler',
  'humain',
  'je veux parler à un ambassadeur',
  'Je veux parler à un humain',
  'Envoyer',
  'Modifier la question',
  'Changer de structure',
  'Annuler',
  'oui',
  'non',
  'je ne sais pas',
  'préfecture du Rhône',
  'pref 69',
  'DGEF',
  '2A',
  '69003',
  'mes demandes',
  'supprimer mes données',
  'Oui, tout supprimer',
  'Non, garder',
  'liste',
  '!liste',
  '/aide',
  '!inconnue',
  'dis-moi juste oui',
  'utile',
  'pas utile',
];

const AMBASSADOR_COMMANDS = ['prendre', 'répondre', 'fermer', 'transférer', '!prendre', '/fermer', 'PRENDRE', 'repondre'];

const NUMBERS = ['0', '1', '2', '3', '9', '10', '-1', '1.5', '1e309', 'NaN', 'Infinity', '0x10', '٣', '１', '99999999999999999999', '007', '#1', '1 2 3'];

const INJECTIONS = [
  '**gras** _italique_ `code` ~~barré~~',
  '[cliquez](javascript:alert(1))',
  '![img](https://example.invalid/x.png)',
  '```\ncode\n```',
  '# Titre\n## Sous-titre',
  '> citation\n> suite',
  '| a | b |\n|---|---|\n| 1 | 2 |',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<at>Charte IA</at>',
  '<a href="https://matrix.to/#/@assistant-ia:tchap.test">Assistant IA</a>',
  '&nbsp;&lt;&gt;&amp;&#x27;&#0;',
  '${process.exit(1)}',
  '{{constructor.constructor("return process")()}}',
  '"; DROP TABLE tickets; --',
  "' OR 1=1 --",
  '%s%s%s%n',
  '../../etc/passwd',
  '\\u0000\\n\\r',
  '__proto__',
  'constructor',
  'toString',
];

const PII = ['Jean Dupont', '06 12 34 56 78', '+33 6 12 34 56 78', '1 85 05 78 006 084 36', 'FR76 3000 6000 0112 3456 7890 189', 'jean.dupont@interieur.gouv.fr', '4970 1012 3456 7890', '12 rue de la Paix 75002 Paris', 'AB-123-CD', '192.168.1.10', 'né le 12/03/1985'];

/** A very long string (100k+ characters) of one hostile pattern. */
export function hugeString(r: Prng): string {
  const unit = r.pick(['a', 'é', ' ', '\n', '*', '_', '[', '](', '<', '&', '👍', '\u0301', '\u200b', '\u202e', '\0', '1', 'Jean ', 'ChatGPT ', '**a', '[a](', 'humain ', '\r', '\u3000', '.', '…', '?!', '\t ']);
  const length = r.int(100_000, 130_000);
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/** One piece of a message. */
export function fragment(r: Prng): string {
  return r.weighted<string>([
    [30, () => r.pick(DIALOG_PHRASES)],
    [8, () => `${r.pick(AMBASSADOR_COMMANDS)} ${r.pick([...NUMBERS, String(r.int(1, 6))])}${r.chance(0.5) ? ` ${r.pick(['faq', 'national', 'Réponse : oui, sous conditions.', randomUnicode(r, 20)])}` : ''}`],
    [15, () => randomUnicode(r)],
    [8, () => r.pick(NUMBERS)],
    [10, () => r.pick(INJECTIONS)],
    [6, () => r.pick(PII)],
    [6, () => r.pick(EMOJI_SEQUENCES)],
    [4, () => ' \t\n\r'.slice(0, r.int(1, 4)).repeat(r.int(1, 5))],
    [3, () => String.fromCharCode(r.int(0, 31)).repeat(r.int(1, 50))],
  ]);
}

/** A whole message: a few pieces, or one huge string, or nothing at all. */
export function message(r: Prng, hugeShare = 0.015): string {
  if (r.chance(hugeShare)) return hugeString(r);
  if (r.chance(0.03)) return '';
  const n = r.int(1, 4);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(fragment(r));
  return parts.join(r.pick([' ', '\n', '', ', ', '\u00a0']));
}

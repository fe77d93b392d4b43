import type { Ambassador, Directory, Scope } from './directory.js';
import { DEPARTEMENTS, REGIONS, departementByCode, type Departement, type Region } from './departements.js';
import { caseWords, handoffWords, isFiller } from './case-text.js';

/**
 * An agent's unit, from what they typed (« préfecture du Rhône », « pref 69 », « DDETS du Rhône »,
 * « je suis à la DGEF », « commissariat de Lyon », « je ne sais pas »), and where it routes.
 *
 * A unit is remembered as a `UnitRef`: a directory scope id, or `departement:33` / `region:occitanie`
 * for a department or region the directory does not declare (any of the 101 departments may be
 * named), or UNKNOWN_UNIT. Refs are resolved against the current directory each time, so a scope
 * DTNUM adds later is used at once.
 */

export type UnitRef = string;
/** « je ne sais pas »: the national pool, without pretending to know the unit. */
export const UNKNOWN_UNIT = 'inconnue';

/** Longest message read as a unit answer; anything longer is a case or noise, never a unit. */
const MAX_UNIT_CHARS = 150;
const MAX_UNIT_WORDS = 16;

type Network = 'police' | 'gendarmerie' | 'prefecture' | 'region';
type Target =
  | { kind: 'scope'; id: string }
  | { kind: 'departement'; code: string }
  | { kind: 'region'; name: string }
  | { kind: 'network'; network: Network };

/**
 * Words for kinds of services. Police and gendarmerie services belong to their directorate's
 * network; préfectures and departmental directorates (DDETS, DDPP, DDT…) to the department named
 * with them; SGAR, DREETS and « préfecture de région » to the region.
 */
const NETWORK_WORDS: Record<Network, string[]> = {
  police: ['commissariat', 'commissariats', 'hotel de police', 'dipn', 'ddsp', 'crs', 'paf', 'police aux frontieres', 'police judiciaire', 'policier', 'policiers'],
  gendarmerie: ['gendarmerie', 'brigade', 'brigade de gendarmerie', 'groupement de gendarmerie', 'ggd', 'compagnie de gendarmerie', 'escadron', 'gendarme', 'gendarmes'],
  prefecture: ['prefecture', 'prefectures', 'pref', 'prefs', 'prefet', 'sous prefecture', 'sous pref', 'ddets', 'ddetspp', 'ddpp', 'ddt', 'ddtm', 'ddi', 'direction departementale', 'departement', 'dept', 'dpt', 'dep'],
  region: ['prefecture de region', 'pref de region', 'region', 'sgar', 'dreets', 'prefet de region'],
};
/** How a directory names the directorate of a network (its id, label or aliases). */
const NETWORK_SCOPES: Partial<Record<Network, string[]>> = {
  police: ['dgpn', 'police nationale', 'police'],
  gendarmerie: ['dggn', 'gendarmerie nationale', 'gendarmerie'],
};

/** « je ne sais pas », « j'en sais rien », « aucune idée », « pas sûr » (on folded words, apostrophes split). */
const DONT_KNOW =
  /^(?:(?:euh|hmm|bah|ben|alors|franchement|honnetement) )*(?:(?:je|j) )?(?:(?:ne|n) )?(?:en )?(?:sais|sait|connais|connait) (?:pas|plus|rien)\b|^(?:aucune|pas d) idee\b|^jsp\b|^chais pas\b|^aucune?$|^(?:je ne suis )?pas (?:sure?|certaine?)\b|^inconnue?$/;
/** A « je ne sais pas » longer than this is a sentence about something else (« je ne sais pas si je peux… »). */
const MAX_DONT_KNOW_WORDS = 8;

interface UnitIndex {
  phrases: Map<string, Target[]>;
  longest: number;
}

const words = (s: string) => handoffWords(s).join(' ');
const slug = (s: string) => handoffWords(s).join('-');

const cache = new WeakMap<Directory, UnitIndex>();

function buildIndex(dir: Directory): UnitIndex {
  const phrases = new Map<string, Target[]>();
  const add = (name: string, t: Target) => {
    const key = words(name);
    if (!key) return;
    const list = phrases.get(key) ?? [];
    if (!list.some((x) => JSON.stringify(x) === JSON.stringify(t))) list.push(t);
    phrases.set(key, list);
  };
  for (const s of dir.allScopes()) for (const name of [s.id, s.label, ...s.aliases]) add(name, { kind: 'scope', id: s.id });
  for (const d of DEPARTEMENTS) {
    add(d.name, { kind: 'departement', code: d.code });
    if (d.city) add(d.city, { kind: 'departement', code: d.code });
  }
  for (const r of REGIONS) for (const name of [r.name, ...r.aliases]) add(name, { kind: 'region', name: r.name });
  for (const [network, list] of Object.entries(NETWORK_WORDS)) for (const w of list) add(w, { kind: 'network', network: network as Network });
  let longest = 1;
  for (const key of phrases.keys()) longest = Math.max(longest, key.split(' ').length);
  return { phrases, longest };
}

function indexOf(dir: Directory): UnitIndex {
  let index = cache.get(dir);
  if (!index) cache.set(dir, (index = buildIndex(dir)));
  return index;
}

const DEPT_KEYWORDS = new Set(['pref', 'prefecture', 'departement', 'dept', 'dpt', 'dep', 'n', 'no', 'numero']);

/** A department number as agents write it: « 69 », « 2A », « 974 », « 05 »; « 5 » only after « pref » or « département ». */
function departementNumber(word: string, previous: string | undefined): Departement | undefined {
  if (/^\d{5}$/.test(word) && !word.startsWith('20')) return departementByCode(word.startsWith('97') ? word.slice(0, 3) : word.slice(0, 2));
  if (/^\d$/.test(word) && !(previous && DEPT_KEYWORDS.has(previous))) return undefined;
  if (!/^(?:\d{1,3}|2a|2b)$/.test(word) || word === '20' || word === '00') return undefined;
  return departementByCode(word);
}

export interface UnitReading {
  /** The unit named, when exactly one is. */
  ref?: UnitRef;
  /** « je ne sais pas », « aucune idée ». */
  dontKnow: boolean;
  /** Two different units named (« 35 ou 69 »). */
  ambiguous: boolean;
  /** A kind of service without a place (« la préfecture »). */
  missingPlace: boolean;
  /** Distinct words that name no unit and are not filler: what the message says besides a unit. */
  leftover: string[];
  /** Too long to be a unit answer (never read as one). */
  tooLong: boolean;
}

/** The directory's scope for a department: kind departement with its number as an alias, or id dept-NN. */
function declaredDepartement(dir: Directory, d: Departement): Scope | undefined {
  const code = d.code.toLowerCase();
  return dir.allScopes().find((s) => s.kind === 'departement' && (s.id === `dept-${code}` || s.aliases.some((a) => a.toLowerCase() === code || a.toLowerCase() === code.replace(/^0/, ''))));
}

/** The directory's scope for a region: kind region whose label or an alias contains the region's name. */
function declaredRegion(dir: Directory, r: Region): Scope | undefined {
  const names = [r.name, ...r.aliases].map((n) => ` ${words(n)} `);
  return dir.allScopes().find((s) => s.kind === 'region' && [s.label, ...s.aliases].some((label) => names.some((n) => ` ${words(label)} `.includes(n))));
}

function regionNamed(name: string): Region | undefined {
  return REGIONS.find((r) => r.name === name || slug(r.name) === name);
}

function departementRef(dir: Directory, d: Departement): UnitRef {
  return declaredDepartement(dir, d)?.id ?? `departement:${d.code}`;
}

function regionRef(dir: Directory, r: Region): UnitRef {
  return declaredRegion(dir, r)?.id ?? `region:${slug(r.name)}`;
}

/** The region a unit ref belongs to (for « préfecture de région à Rennes »). */
function regionOfRef(dir: Directory, ref: UnitRef): UnitRef | undefined {
  if (ref.startsWith('departement:')) {
    const r = regionNamed(departementByCode(ref.slice('departement:'.length))?.region ?? '');
    return r && regionRef(dir, r);
  }
  const parent = dir.scope(ref)?.parent;
  return parent && dir.scope(parent)?.kind === 'region' ? parent : undefined;
}

/** Reads what an agent typed as the name of their unit. Never throws; bounded work on any input. */
export function readUnit(dir: Directory, text: string): UnitReading {
  const all = handoffWords(text);
  const reading: UnitReading = { dontKnow: false, ambiguous: false, missingPlace: false, leftover: [], tooLong: text.length > MAX_UNIT_CHARS || all.length > MAX_UNIT_WORDS };
  if (reading.tooLong) return { ...reading, leftover: caseWords(all) };
  const joined = all.join(' ');
  if (DONT_KNOW.test(joined) && all.length <= MAX_DONT_KNOW_WORDS && !text.includes('?')) return { ...reading, dontKnow: true };

  const { phrases, longest } = indexOf(dir);
  const whole = phrases.get(joined)?.find((t) => t.kind === 'scope');
  if (whole?.kind === 'scope') return { ...reading, ref: whole.id };

  const found: Target[] = [];
  const leftover: string[] = [];
  for (let i = 0; i < all.length; ) {
    let matched = 0;
    for (let n = Math.min(longest, all.length - i); n >= 1 && !matched; n--) {
      const targets = phrases.get(all.slice(i, i + n).join(' '));
      if (targets) {
        found.push(...targets);
        matched = n;
      }
    }
    if (!matched) {
      const d = departementNumber(all[i]!, all[i - 1]);
      if (d) found.push({ kind: 'departement', code: d.code });
      else if (!isFiller(all[i]!) && !/^\d+$/.test(all[i]!)) leftover.push(all[i]!);
      matched = 1;
    }
    i += matched;
  }
  reading.leftover = [...new Set(leftover)];
  return { ...reading, ...decide(dir, found) };
}

/** Which unit the names found point to: a directorate first, then a department, a region, any other scope. */
function decide(dir: Directory, found: Target[]): Pick<UnitReading, 'ref' | 'ambiguous' | 'missingPlace'> {
  const networks = new Set(found.flatMap((t) => (t.kind === 'network' ? [t.network] : [])));
  const directions = new Set<UnitRef>();
  const departements = new Set<UnitRef>();
  const regions = new Set<UnitRef>();
  const others = new Set<UnitRef>();
  for (const t of found) {
    if (t.kind === 'scope') {
      const kind = dir.scope(t.id)?.kind;
      (kind === 'direction' ? directions : kind === 'departement' ? departements : kind === 'region' ? regions : others).add(t.id);
    } else if (t.kind === 'departement') departements.add(departementRef(dir, departementByCode(t.code)!));
    else if (t.kind === 'region') regions.add(regionRef(dir, regionNamed(t.name)!));
  }
  for (const network of networks) {
    const names = NETWORK_SCOPES[network] ?? [];
    const scope = dir.allScopes().find((s) => s.kind === 'direction' && [s.id, s.label, ...s.aliases].some((n) => names.includes(words(n))));
    if (scope) directions.add(scope.id);
  }
  const one = (set: Set<UnitRef>) => (set.size === 1 ? { ref: [...set][0]!, ambiguous: false, missingPlace: false } : undefined);
  const none = { ambiguous: false, missingPlace: false };
  if (directions.size) return one(directions) ?? { ...none, ambiguous: true };
  if (networks.has('region') && !regions.size && departements.size) {
    for (const d of departements) {
      const r = regionOfRef(dir, d);
      if (r) regions.add(r);
    }
    return one(regions) ?? { ...none, ambiguous: regions.size > 1 };
  }
  if (departements.size) return one(departements) ?? { ...none, ambiguous: true };
  if (regions.size) return one(regions) ?? { ...none, ambiguous: true };
  if (others.size) return one(others) ?? { ...none, ambiguous: true };
  return { ...none, missingPlace: networks.size > 0 };
}

export interface ResolvedUnit {
  ref: UnitRef;
  /** What the unit is called: « Préfecture du Rhône », « Préfecture de la Gironde », « Structure non précisée ». */
  label: string;
  /** The directory scope routing starts from: the unit's own, or the nearest declared one above it. */
  start: Scope;
  /** The directory declares a scope for this very unit. */
  declared: boolean;
  /** False for « je ne sais pas ». */
  known: boolean;
}

/** A remembered unit against the current directory; undefined when it no longer means anything. */
export function resolveUnit(dir: Directory, ref: UnitRef): ResolvedUnit | undefined {
  const national = dir.scope(dir.nationalScope)!;
  if (ref === UNKNOWN_UNIT) return { ref, label: 'Structure non précisée', start: national, declared: true, known: false };
  const scope = dir.scope(ref);
  if (scope) return { ref, label: scope.label, start: scope, declared: true, known: true };
  if (ref.startsWith('departement:')) {
    const d = departementByCode(ref.slice('departement:'.length));
    if (!d) return undefined;
    const own = declaredDepartement(dir, d);
    if (own) return { ref: own.id, label: own.label, start: own, declared: true, known: true };
    const region = regionNamed(d.region);
    return { ref, label: `Préfecture ${d.of}`, start: (region && declaredRegion(dir, region)) || national, declared: false, known: true };
  }
  if (ref.startsWith('region:')) {
    const r = regionNamed(ref.slice('region:'.length));
    if (!r) return undefined;
    const own = declaredRegion(dir, r);
    if (own) return { ref: own.id, label: own.label, start: own, declared: true, known: true };
    return { ref, label: `Région ${r.name}`, start: national, declared: false, known: true };
  }
  return undefined;
}

export interface UnitRoute {
  unit: ResolvedUnit;
  /** Where the ticket goes: the first scope up the chain with an available ambassador or a room. */
  scope: Scope;
  ambassadors: Ambassador[];
  /** Nobody covers the unit itself: the ticket goes above it (region, national pool). */
  fallback: boolean;
}

export function routeUnit(dir: Directory, unit: ResolvedUnit): UnitRoute {
  const { scope, ambassadors } = dir.route(unit.start.id);
  return { unit, scope, ambassadors, fallback: unit.known && (!unit.declared || scope.id !== unit.start.id) };
}

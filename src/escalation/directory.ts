import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { z } from 'zod';

/**
 * The ambassador directory (`knowledge/ambassadors.yaml`, or AMBASSADORS_FILE / --directory):
 * scopes (national DTNUM pool, directorates, regions, departments) and ambassadors with their
 * identity on each channel. Validated as a whole; every problem names the file and the entry.
 */

/**
 * Text channels where a user's identity is the name they typed (console, transcript replays, the
 * one-shot CLI and the in-process test channel): all matched against the directory's `console` identity.
 */
export const CONSOLE_LIKE_CHANNELS: readonly string[] = ['console', 'transcript', 'cli', 'test'];

function identityChannel(channel: string): string {
  return CONSOLE_LIKE_CHANNELS.includes(channel) ? 'console' : channel;
}

const identitiesSchema = z
  .object({
    teams: z.string().min(1).optional(),
    matrix: z.string().regex(/^@[^:\s]+:[^\s]+$/, 'a Matrix id looks like @nom:serveur').optional(),
    console: z.string().min(1).optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'give at least one identity (teams, matrix or console)');

const scopeSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'id must be kebab-case'),
    label: z.string().min(2),
    kind: z.enum(['national', 'direction', 'region', 'departement', 'service']),
    parent: z.string().optional(),
    aliases: z.array(z.string().min(1)).default([]),
    rooms: z.object({ teams: z.string().min(1).optional(), matrix: z.string().min(1).optional() }).strict().default({}),
  })
  .strict();

const ambassadorSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'id must be kebab-case'),
    name: z.string().min(2),
    identities: identitiesSchema,
    scopes: z.array(z.string()).min(1, 'an ambassador covers at least one scope'),
    available: z.boolean().default(true),
  })
  .strict();

const fileSchema = z
  .object({
    national_scope: z.string().default('national'),
    scopes: z.array(scopeSchema).min(1),
    ambassadors: z.array(ambassadorSchema).default([]),
  })
  .strict();

export type Scope = z.infer<typeof scopeSchema>;
export type Ambassador = z.infer<typeof ambassadorSchema>;

export class DirectoryError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.length} problem(s) in the ambassador directory:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'DirectoryError';
  }
}

export class Directory {
  private readonly scopes = new Map<string, Scope>();
  private readonly byIdentity = new Map<string, Ambassador>();

  constructor(
    readonly nationalScope: string,
    scopes: Scope[],
    readonly ambassadors: Ambassador[],
  ) {
    for (const s of scopes) this.scopes.set(s.id, s);
    for (const a of ambassadors) {
      for (const [channel, id] of Object.entries(a.identities)) if (id) this.byIdentity.set(`${channel}:${id}`, a);
    }
  }

  allScopes(): Scope[] {
    return [...this.scopes.values()];
  }

  scope(id: string): Scope | undefined {
    return this.scopes.get(id);
  }

  /** The ambassador behind a channel identity; the transcript channel uses the console identity. */
  ambassadorFor(channel: string, userId: string): Ambassador | undefined {
    return this.byIdentity.get(`${identityChannel(channel)}:${userId}`);
  }

  /** Identity of an ambassador on a channel (console identity for the console and transcripts). */
  identityOn(a: Ambassador, channel: string): string | undefined {
    return a.identities[identityChannel(channel) as keyof Ambassador['identities']];
  }

  /** Scopes from the given one up to the national pool: dept → region → national. */
  chain(scopeId: string): Scope[] {
    const out: Scope[] = [];
    let cur = this.scopes.get(scopeId);
    while (cur && !out.includes(cur)) {
      out.push(cur);
      cur = cur.parent ? this.scopes.get(cur.parent) : undefined;
    }
    const national = this.scopes.get(this.nationalScope);
    if (national && !out.includes(national)) out.push(national);
    return out;
  }

  /** Available ambassadors covering exactly this scope. */
  ambassadorsOf(scopeId: string): Ambassador[] {
    return this.ambassadors.filter((a) => a.available && a.scopes.includes(scopeId));
  }

  /**
   * Routing: the first scope of the chain that has an available ambassador or an ambassadors' room.
   * Falls back to the national pool.
   */
  route(scopeId: string): { scope: Scope; ambassadors: Ambassador[] } {
    for (const s of this.chain(scopeId)) {
      const ambassadors = this.ambassadorsOf(s.id);
      if (ambassadors.length || Object.keys(s.rooms).length) return { scope: s, ambassadors };
    }
    const national = this.scopes.get(this.nationalScope)!;
    return { scope: national, ambassadors: this.ambassadorsOf(national.id) };
  }
}

/** Parses and cross-checks a directory file; throws DirectoryError listing every problem. */
export function parseDirectory(text: string, file: string): Directory {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length) throw new DirectoryError(file, doc.errors.map((e) => `invalid YAML: ${e.message.split('\n')[0]}`));
  const parsed = fileSchema.safeParse(doc.toJS());
  if (!parsed.success) throw new DirectoryError(file, parsed.error.issues.map((i) => `${i.path.join('.') || 'file'}: ${i.message}`));
  const { scopes, ambassadors, national_scope } = parsed.data;
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const s of scopes) {
    if (ids.has(s.id)) problems.push(`scopes.${s.id}: duplicate scope id`);
    ids.add(s.id);
  }
  if (!ids.has(national_scope)) problems.push(`national_scope: scope "${national_scope}" is not declared in scopes`);
  for (const s of scopes) if (s.parent && !ids.has(s.parent)) problems.push(`scopes.${s.id}.parent: unknown scope "${s.parent}"`);
  const ambassadorIds = new Set<string>();
  const identities = new Map<string, string>();
  for (const a of ambassadors) {
    if (ambassadorIds.has(a.id)) problems.push(`ambassadors.${a.id}: duplicate ambassador id`);
    ambassadorIds.add(a.id);
    for (const s of a.scopes) if (!ids.has(s)) problems.push(`ambassadors.${a.id}.scopes: unknown scope "${s}"`);
    for (const [channel, id] of Object.entries(a.identities)) {
      const key = `${channel}:${id}`;
      const other = identities.get(key);
      if (other) problems.push(`ambassadors.${a.id}.identities.${channel}: "${id}" is already the identity of ${other}`);
      identities.set(key, a.id);
    }
  }
  if (problems.length) throw new DirectoryError(file, problems);
  return new Directory(national_scope, scopes, ambassadors);
}

export function loadDirectory(file: string): Directory {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new DirectoryError(file, [`cannot read the file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`]);
  }
  return parseDirectory(text, file);
}

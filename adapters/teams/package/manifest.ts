import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { decodePng } from './png.js';
import { writeZip } from '../../../src/zip/zip.js';

/** Fixed entry date (1980-01-01 00:00, the first DOS date) so that the same inputs give the same bytes. */
const PACKAGE_DATE = new Date(Date.UTC(1980, 0, 1));

/**
 * `npm run teams:package`: fills the manifest template's `${{NAME}}` placeholders from the
 * environment, validates the result (required fields, lengths, ids, scopes, icons) and zips
 * manifest.json, color.png and outline.png — the file Teams admins upload.
 */

export class TeamsPackageError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cannot build the Teams app package:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'TeamsPackageError';
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const https = z.string().max(2048).regex(/^https:\/\/[^\s]+$/, 'must be an https:// URL');
const command = z.object({ title: z.string().min(1).max(32), description: z.string().min(1).max(128) }).strict();
const scope = z.enum(['personal', 'team', 'groupChat']);

const manifestSchema = z
  .object({
    $schema: z.string().regex(/^https:\/\/developer\.microsoft\.com\/json-schemas\/teams\/v1\.(19|2\d)\/MicrosoftTeams\.schema\.json$/),
    manifestVersion: z.string().regex(/^1\.(19|2\d)$/, 'use manifest schema 1.19 or later'),
    version: z.string().regex(/^\d{1,4}\.\d{1,4}\.\d{1,4}$/, 'semantic version x.y.z'),
    id: z.string().regex(GUID, 'the Teams app id is a GUID'),
    developer: z.object({ name: z.string().min(1).max(32), websiteUrl: https, privacyUrl: https, termsOfUseUrl: https }).passthrough(),
    localizationInfo: z.object({ defaultLanguageTag: z.string().regex(/^[a-z]{2}-[a-z]{2}$/i) }).passthrough().optional(),
    name: z.object({ short: z.string().min(1).max(30), full: z.string().min(1).max(100) }).strict(),
    description: z.object({ short: z.string().min(1).max(80), full: z.string().min(1).max(4000) }).strict(),
    icons: z.object({ color: z.literal('color.png'), outline: z.literal('outline.png') }).strict(),
    accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/),
    bots: z
      .array(
        z
          .object({
            botId: z.string().regex(GUID, 'the bot id is the Microsoft app (client) id, a GUID'),
            scopes: z.array(scope).min(1),
            supportsFiles: z.boolean().optional(),
            isNotificationOnly: z.boolean().optional(),
            commandLists: z.array(z.object({ scopes: z.array(scope).min(1), commands: z.array(command).min(1).max(10) }).strict()).max(3).optional(),
          })
          .strict(),
      )
      .length(1),
    validDomains: z.array(z.string()).optional(),
  })
  .strict();

export type TeamsManifest = z.infer<typeof manifestSchema>;

/** Where each placeholder's value comes from. */
export function placeholderValues(env: Record<string, string | undefined>, packageVersion: string): Record<string, string | undefined> {
  const appId = env.MICROSOFT_APP_ID || env.MicrosoftAppId;
  return {
    MICROSOFT_APP_ID: appId,
    TEAMS_APP_ID: env.TEAMS_APP_ID || appId,
    TEAMS_APP_VERSION: env.TEAMS_APP_VERSION || packageVersion,
    TEAMS_DEVELOPER_URL: env.TEAMS_DEVELOPER_URL,
    TEAMS_PRIVACY_URL: env.TEAMS_PRIVACY_URL,
    TEAMS_TERMS_URL: env.TEAMS_TERMS_URL,
  };
}

const PLACEHOLDER = /\$\{\{([A-Z0-9_]{1,64})\}\}/g;

/** Replaces `${{NAME}}` (JSON-escaped); throws listing every placeholder without a value. */
export function fillTemplate(template: string, values: Record<string, string | undefined>): string {
  const missing = new Set<string>();
  const out = template.replace(PLACEHOLDER, (_m, name: string) => {
    const v = values[name];
    if (!v) {
      missing.add(name);
      return '';
    }
    return JSON.stringify(v).slice(1, -1);
  });
  if (missing.size) throw new TeamsPackageError([...missing].map((n) => `${n}: set this environment variable (it fills \${{${n}}} in appPackage/manifest.json)`));
  return out;
}

export function validateManifest(json: unknown): TeamsManifest {
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) throw new TeamsPackageError(parsed.error.issues.map((i) => `manifest.json ${i.path.join('.') || '(root)'}: ${i.message}`));
  const bot = parsed.data.bots[0]!;
  const problems: string[] = [];
  for (const s of ['personal', 'team', 'groupChat'] as const) if (!bot.scopes.includes(s)) problems.push(`manifest.json bots.0.scopes: "${s}" is missing`);
  if (problems.length) throw new TeamsPackageError(problems);
  return parsed.data;
}

/** Teams' icon rules: color 192×192; outline 32×32, white on transparent. */
export function iconProblems(color: Buffer, outline: Buffer): string[] {
  const problems: string[] = [];
  try {
    const c = decodePng(color);
    if (c.width !== 192 || c.height !== 192) problems.push(`color.png: must be 192×192 (is ${c.width}×${c.height})`);
  } catch (e) {
    problems.push(`color.png: ${(e as Error).message}`);
  }
  try {
    const o = decodePng(outline);
    if (o.width !== 32 || o.height !== 32) problems.push(`outline.png: must be 32×32 (is ${o.width}×${o.height})`);
    let transparent = 0;
    let coloured = 0;
    for (let i = 0; i < o.pixels.length; i += 4) {
      if (o.pixels[i + 3] === 0) transparent++;
      else if (o.pixels[i] !== 255 || o.pixels[i + 1] !== 255 || o.pixels[i + 2] !== 255) coloured++;
    }
    if (!transparent) problems.push('outline.png: needs a transparent background');
    if (coloured) problems.push(`outline.png: ${coloured} pixel(s) are not white (the outline icon is white on transparent)`);
  } catch (e) {
    problems.push(`outline.png: ${(e as Error).message}`);
  }
  return problems;
}

/** Builds the zip from a folder holding manifest.json (template), color.png and outline.png. */
export function buildTeamsPackage(dir: string, env: Record<string, string | undefined>, packageVersion: string): { manifest: TeamsManifest; zip: Buffer } {
  const text = fillTemplate(readFileSync(join(dir, 'manifest.json'), 'utf8'), placeholderValues(env, packageVersion));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new TeamsPackageError([`manifest.json: invalid JSON (${(e as Error).message})`]);
  }
  const manifest = validateManifest(json);
  const color = readFileSync(join(dir, manifest.icons.color));
  const outline = readFileSync(join(dir, manifest.icons.outline));
  const problems = iconProblems(color, outline);
  if (problems.length) throw new TeamsPackageError(problems);
  const body = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  return {
    manifest,
    zip: writeZip(
      [
        { name: 'manifest.json', data: body },
        { name: 'color.png', data: color },
        { name: 'outline.png', data: outline },
      ],
      PACKAGE_DATE,
    ),
  };
}

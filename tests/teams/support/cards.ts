import * as AC from 'adaptivecards';
import type { Activity } from 'botbuilder';
import type { CardJson } from '../../../adapters/teams/render.js';

/** Elements and actions Teams renders in Adaptive Cards 1.5 (the subset this bot may use). */
const ELEMENTS = new Set(['TextBlock', 'Container', 'FactSet', 'ActionSet', 'Input.Text', 'ColumnSet', 'Column', 'Image']);
const ACTIONS = new Set(['Action.Submit', 'Action.ShowCard', 'Action.OpenUrl', 'Action.Execute']);
const STYLES = new Set(['default', 'emphasis', 'good', 'attention', 'warning', 'accent']);

function walk(node: unknown, problems: string[], where: string): void {
  if (Array.isArray(node)) return node.forEach((n, i) => walk(n, problems, `${where}[${i}]`));
  if (!node || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  const type = o.type;
  if (typeof type === 'string' && type !== 'AdaptiveCard') {
    if (type.startsWith('Action.')) {
      if (!ACTIONS.has(type)) problems.push(`${where}: action ${type} not allowed`);
      if (typeof o.title !== 'string' || !o.title) problems.push(`${where}: action without title`);
    } else if (!ELEMENTS.has(type)) problems.push(`${where}: element ${type} not allowed`);
    if (type === 'TextBlock' && (o.wrap !== true || typeof o.text !== 'string' || !o.text)) problems.push(`${where}: TextBlock needs text and wrap`);
    if (type === 'Container' && o.style !== undefined && !STYLES.has(String(o.style))) problems.push(`${where}: style ${String(o.style)}`);
  }
  for (const [k, v] of Object.entries(o)) if (k !== 'data') walk(v, problems, `${where}.${k}`);
}

/** Every problem of a card: adaptivecards parse and validation events, Teams subset, version, fallback. */
export function cardProblems(json: CardJson): string[] {
  const problems: string[] = [];
  const card = new AC.AdaptiveCard();
  const ctx = new AC.SerializationContext();
  card.parse(json, ctx);
  for (let i = 0; i < ctx.eventCount; i++) problems.push(`parse: ${ctx.getEventAt(i).message}`);
  for (const e of card.validateProperties().validationEvents) problems.push(`validate: ${e.message}`);
  if (json.version !== '1.5' || card.version?.toString() !== '1.5') problems.push(`version ${json.version}`);
  if (!json.fallbackText || json.fallbackText.trim().length < 10) problems.push('fallbackText missing');
  walk(json.body, problems, 'body');
  walk(json.actions ?? [], problems, 'actions');
  return problems;
}

/** The Adaptive Card of a sent activity (body of a connector call or a TestAdapter reply). */
export function cardOf(activity: Partial<Activity> | Record<string, unknown>): CardJson {
  const attachments = (activity as Partial<Activity>).attachments ?? [];
  const card = attachments.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  if (!card) throw new Error(`no adaptive card in ${JSON.stringify(activity).slice(0, 300)}`);
  return card.content as CardJson;
}

/** All visible text of a card (TextBlocks, facts, button titles), for assertions. */
export function cardText(json: unknown): string {
  const out: string[] = [];
  const visit = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(visit);
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
    if (typeof o.title === 'string' && typeof o.type === 'string' && o.type.startsWith('Action.')) out.push(`[${o.title}]`);
    if (Array.isArray(o.facts)) for (const f of o.facts as { title: string; value: string }[]) out.push(`${f.title}: ${f.value}`);
    for (const [k, v] of Object.entries(o)) if (k !== 'data' && k !== 'facts') visit(v);
  };
  visit(json);
  return out.join('\n');
}

/** Finds a button by title (in ActionSets, top-level actions and ShowCards) and returns its data. */
export function buttonData(json: unknown, title: RegExp): Record<string, unknown> | undefined {
  let found: Record<string, unknown> | undefined;
  const visit = (n: unknown): void => {
    if (found || !n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(visit);
    const o = n as Record<string, unknown>;
    if (o.type === 'Action.Submit' && typeof o.title === 'string' && title.test(o.title)) found = o.data as Record<string, unknown>;
    for (const v of Object.values(o)) visit(v);
  };
  visit(json);
  return found;
}

import type { Directory } from '../escalation/directory.js';
import { fold } from '../text.js';
import { finding, type Finding } from './findings.js';

/**
 * The ambassador directory as routing sees it: the loader rejects unknown and duplicate ids;
 * here, what it accepts but leaves questions with nobody to read them.
 */
export function directoryConsistency(dir: Directory, file: string): Finding[] {
  const out: Finding[] = [];
  const scopes = dir.allScopes();
  const national = dir.scope(dir.nationalScope);
  const everyone = (id: string) => dir.ambassadors.filter((a) => a.scopes.includes(id));
  if (national) {
    const members = everyone(national.id);
    const hasRoom = Object.keys(national.rooms).length > 0;
    if (!members.length && !hasRoom) {
      out.push(finding('error', 'directory', { file, field: `scopes.${national.id}`, message: `the national pool "${national.id}" has no ambassador and no room: questions nobody else covers reach no one`, fix: `add DTNUM ambassadors with scopes: [${national.id}]` }));
    } else if (!members.some((a) => a.available) && !hasRoom) {
      out.push(finding('warning', 'directory', { file, field: `scopes.${national.id}`, message: `every ambassador of the national pool "${national.id}" is marked unavailable`, fix: 'set available: true for at least one of them' }));
    }
  }
  for (const s of scopes) {
    if (s.id === dir.nationalScope) continue;
    const members = everyone(s.id);
    if (!members.length && !Object.keys(s.rooms).length) {
      out.push(finding('warning', 'directory', { file, field: `scopes.${s.id}`, message: `scope "${s.id}" (${s.label}) has no ambassador and no room: its questions go to ${s.parent ? `"${s.parent}"` : 'the national pool'}`, fix: `add an ambassador with "${s.id}" in scopes, or remove the scope` }));
    }
    // A parent chain that loops back never reaches the national pool by itself.
    const seen = new Set<string>([s.id]);
    for (let cur = s.parent ? dir.scope(s.parent) : undefined; cur; cur = cur.parent ? dir.scope(cur.parent) : undefined) {
      if (seen.has(cur.id)) {
        out.push(finding('error', 'directory', { file, field: `scopes.${s.id}.parent`, message: `the parents of scope "${s.id}" loop back (${[...seen, cur.id].join(' → ')})`, fix: 'give the scopes a parent chain that ends at a region or the national pool' }));
        break;
      }
      seen.add(cur.id);
    }
  }
  const aliasOwner = new Map<string, string>();
  for (const s of scopes) {
    for (const name of [s.label, ...s.aliases]) {
      const key = fold(name).replace(/[^a-z0-9]+/g, ' ').trim();
      const other = aliasOwner.get(key);
      if (other && other !== s.id) out.push(finding('warning', 'directory', { file, field: `scopes.${s.id}.aliases`, message: `« ${name} » names both scope "${other}" and scope "${s.id}", so an agent who types it cannot be routed`, fix: 'keep the name on one scope only' }));
      else aliasOwner.set(key, s.id);
    }
  }
  for (const a of dir.ambassadors) {
    if (!a.available) out.push(finding('note', 'directory', { file, field: `ambassadors.${a.id}`, message: `ambassador "${a.id}" is marked unavailable`, fix: 'set available: true when they are back' }));
  }
  return out;
}

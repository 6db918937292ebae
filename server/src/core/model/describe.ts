/** Names for places in a spec, in the words of the education team: "unit L5B1", "learning outcome 2 of unit L5B1". */
import type { Path } from '../parse/parse.js';
import { isObj } from './spec.js';

const FIELD_NAMES: Record<string, string> = {
  glh: 'GLH',
  tqt: 'TQT',
  credit: 'credit',
  uan: 'UAN',
  qan: 'QAN',
  ref: 'unit ref',
  learningOutcomes: 'learning outcomes',
  criteria: 'assessment criteria',
  indicativeContent: 'indicative content',
  assessorGuidance: 'assessor guidance',
  changeHistory: 'change history',
  apprenticeshipLinks: 'apprenticeship links',
  ksbs: 'KSB codes',
};

export const fieldName = (key: string): string => FIELD_NAMES[key] ?? key;

/** A name the spec gives, or undefined when it gives none or an empty one (so no message reads "in ''"). */
export const named = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/** A qualification as messages name it: its title in quotes, or "Qualification 3" when it has none (or an empty one). */
export const qualificationName = (q: { title?: string | undefined; index: number }): string => {
  const t = named(q.title);
  return t !== undefined ? `'${t}'` : `Qualification ${q.index + 1}`;
};

function get(data: unknown, path: Path): unknown {
  let cur = data;
  for (const seg of path) {
    if (Array.isArray(cur) && typeof seg === 'number') cur = cur[seg];
    else if (isObj(cur)) cur = cur[String(seg)];
    else return undefined;
  }
  return cur;
}

/** Describe the object at `path` (the innermost meaningful thing it is part of). */
export function describePlace(data: unknown, path: Path): string {
  const parts: string[] = [];
  for (let i = path.length; i >= 0; i--) {
    const p = path.slice(0, i);
    const seg = p[p.length - 1];
    const parentKey = p[p.length - 2];
    if (typeof seg !== 'number') continue;
    const v = get(data, p);
    const o = isObj(v) ? v : {};
    if (parentKey === 'units' && p.length === 2)
      parts.push(
        named(o.ref) !== undefined || typeof o.ref === 'number'
          ? `unit ${String(o.ref)}`
          : named(o.title) !== undefined
            ? `unit '${o.title as string}'`
            : `unit ${seg + 1}`,
      );
    else if (parentKey === 'qualifications' && p.length === 2)
      parts.push(named(o.title) !== undefined ? `qualification '${o.title as string}'` : `qualification ${seg + 1}`);
    else if (parentKey === 'groups' && p.length === 2) parts.push(named(o.id) !== undefined ? `group '${o.id as string}'` : `group ${seg + 1}`);
    else if (parentKey === 'sections') parts.push(named(o.id) !== undefined ? `section '${o.id as string}'` : `section ${seg + 1}`);
    else if (parentKey === 'learningOutcomes')
      parts.push(
        typeof o.number === 'string' && /^[A-Z]$/.test(o.number)
          ? `learning aim ${o.number}`
          : `learning outcome ${typeof o.number === 'number' ? o.number : seg + 1}`,
      );
    else if (parentKey === 'criteria') parts.push(`assessment criterion ${typeof o.number === 'number' ? o.number : (named(o.number) ?? seg + 1)}`);
    else if (parentKey === 'rules') parts.push(named(o.id) !== undefined ? `rule '${o.id as string}'` : `rule ${seg + 1}`);
    else if (parentKey === 'changeHistory') parts.push(`change history entry ${named(o.version) ?? seg + 1}`);
    else if (parentKey === 'indicativeContent') parts.push(`indicative content ${seg + 1}`);
    else if (parentKey === 'assessorGuidance') parts.push(`assessor guidance ${seg + 1}`);
    else if (parentKey === 'apprenticeshipLinks') parts.push(`apprenticeship link ${seg + 1}`);
    else if (parentKey === 'ksbs') parts.push(named(o.code) !== undefined ? `KSB ${o.code as string}` : `KSB ${seg + 1}`);
    else if (parentKey === 'units' && p.length > 2) parts.push(`unit entry ${seg + 1}`);
  }
  if (parts.length === 0) {
    const top = path[0];
    if (top === 'document') return 'the document details';
    if (top === 'facts') return 'the qualification facts';
    return 'the spec';
  }
  // innermost first: "learning outcome 2 of unit L5B1"
  return parts.join(' of ');
}

export { get as getAt };

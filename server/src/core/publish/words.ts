/**
 * The published document's words for a spec's values: HTML escaping, ids, UK dates, levels and
 * sizes, and the names of grading schemes, assessment methods and qualification types.
 */
import { levelLabel, qualLevel, qualLevelName, type Size } from '../model/spec.js';

export const ENT: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Escapes text for HTML content and attribute values. */
export const esc = (s: string | number | undefined | null): string => (s === undefined || s === null ? '' : String(s).replace(/[&<>"']/g, (c) => ENT[c]!));

/** An id fragment from any text: "L5B1" -> "l5b1", "8750-213" -> "8750-213". */
export function slug(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'x'
  );
}

export const GRADING: Record<string, string> = {
  pass: 'Pass',
  'pass-merit-distinction': 'Pass, Merit, Distinction',
  'pass-merit-distinction-star': 'Pass, Merit, Distinction, Distinction*',
  numeric: 'Numeric grades',
};
export const ASSESSMENT: Record<string, string> = {
  portfolio: 'Portfolio of evidence',
  assignment: 'Assignment',
  examination: 'Examination',
  observation: 'Observation',
  mixed: 'Mixed methods',
};
export const TYPE: Record<string, string> = { award: 'Award', certificate: 'Certificate', diploma: 'Diploma' };

/** "2025-05-02" -> "2 May 2025" (UK style); anything else as written. */
export function ukDate(s: string | undefined): string | undefined {
  if (!s) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return s;
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const mo = months[Number(m[2]) - 1];
  return mo ? `${Number(m[3])} ${mo} ${m[1]}` : s;
}

/** A level for the document: a unit's rank or a qualification's level as written ("Level 1/2", "Entry Level 3"). */
export function levelText(l: unknown): string | undefined {
  const levels = qualLevel(l);
  return levels ? qualLevelName(levels) : (levelLabel(l) ?? (typeof l === 'number' || typeof l === 'string' ? `Level ${l}` : undefined));
}

export function sizeText(s: Size | undefined, unit: string): string | undefined {
  if (!s) return undefined;
  if (s.kind === 'fixed') return `${s.value}`;
  if (s.min !== undefined && s.max !== undefined) return s.min === s.max ? `${s.min}` : `${s.min} to ${s.max}`;
  if (s.min !== undefined) return `${s.min} or more`;
  if (s.max !== undefined) return `up to ${s.max}`;
  return unit ? undefined : undefined;
}

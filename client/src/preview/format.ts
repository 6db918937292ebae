/**
 * The preview's words and numbers: plurals, ranges, stated sizes, lists joined with "and"/"or".
 * Pure functions of their arguments.
 */
import type { CombinationAnalysisInfo, CombinationRule, StatedSize } from '../protocol.js';

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function num(n: number | null | undefined): string {
  return typeof n === 'number' && Number.isFinite(n) ? String(n) : '—';
}

/** "1,234,567" for the decimal string of a bigint. */
export function groupDigits(dec: string): string {
  return /^\d+$/.test(dec) ? dec.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : dec;
}

export function joinWords(items: readonly string[], conj: 'and' | 'or'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conj} ${items[items.length - 1]}`;
}

/** A stated size as min/max and words. */
export function stated(v: StatedSize | undefined): { min: number | null; max: number | null; text: string } | null {
  if (!v) return null;
  if (v.kind === 'fixed') return { min: v.value, max: v.value, text: String(v.value) };
  const min = typeof v.min === 'number' ? v.min : null;
  const max = typeof v.max === 'number' ? v.max : null;
  if (min === null && max === null) return null;
  const text = min !== null && max !== null ? (min === max ? String(min) : `${min}–${max}`) : min !== null ? `at least ${min}` : `at most ${max}`;
  return { min, max, text };
}

export function range(min: number | null | undefined, max: number | null | undefined): string {
  if (typeof min !== 'number') return '—';
  if (typeof max !== 'number') return `${min} or more`;
  return min === max ? String(min) : `${min}–${max}`;
}

export function countWords(a: CombinationAnalysisInfo): string {
  if (a.count === '1') return 'exactly one valid selection';
  return `${groupDigits(a.count)} valid selections`;
}

export function ruleName(rules: CombinationRule[], id: string): string {
  const r = rules.find((x) => x.id === id);
  return r ? `“${r.words}”` : id;
}

export function capitalise(t: string): string {
  return t.charAt(0).toUpperCase() + t.slice(1);
}

export function sameSet(a: readonly string[], b: ReadonlySet<string>): boolean {
  if (a.length !== b.size) return false;
  return a.every((x) => b.has(x));
}

export function normalise(t: string): string {
  return t
    .toLowerCase()
    .replace(/[^a-z0-9%]+/g, ' ')
    .trim();
}

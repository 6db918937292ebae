/** Facts about qualification sizes (docs/domain.md): credit from TQT, the size bands, a size in words. */
import { levelLabel, type Size } from './spec.js';

/** Credit for a TQT: one per 10 hours, rounded down (TQT 369 -> 36). */
export const creditForTqt = (tqt: number): number => Math.floor(tqt / 10);

export type QualType = 'award' | 'certificate' | 'diploma';
export const BANDS: Record<QualType, { min: number; max?: number; label: string }> = {
  award: { min: 1, max: 12, label: 'Award (1–12 credits)' },
  certificate: { min: 13, max: 36, label: 'Certificate (13–36 credits)' },
  diploma: { min: 37, label: 'Diploma (37 credits or more)' },
};

export function bandFor(credit: number): QualType {
  return credit <= 12 ? 'award' : credit <= 36 ? 'certificate' : 'diploma';
}

export function sizeText(s: Size | undefined): string {
  if (!s) return 'not given';
  if (s.kind === 'fixed') return String(s.value);
  if (s.min !== undefined && s.max !== undefined) return `${s.min}–${s.max}`;
  if (s.min !== undefined) return `${s.min} or more`;
  if (s.max !== undefined) return `up to ${s.max}`;
  return 'an empty range';
}

/**
 * Ofqual's size words for RQF qualifications, by total qualification time (Guidance to the General
 * Conditions of Recognition, condition E2, qualification titles): Award 120 hours or less,
 * Certificate 121–369, Diploma 370 or more (docs/rules/rqf-size-band.md).
 */
export const RQF_BANDS: Record<QualType, { min: number; max?: number; label: string }> = {
  award: { min: 1, max: 120, label: '120 hours or less' },
  certificate: { min: 121, max: 369, label: '121 to 369 hours' },
  diploma: { min: 370, label: '370 hours or more' },
};

export const rqfBandFor = (tqt: number): QualType => (tqt <= 120 ? 'award' : tqt <= 369 ? 'certificate' : 'diploma');

/**
 * The size word of a title qualified by another word ("Extended Certificate", "Foundation Diploma",
 * "Subsidiary Diploma", "90-credit Diploma", "Postgraduate Certificate"): a branded or higher-education
 * type name, not the bare size word the size bands define. Undefined for a bare Award/Certificate/Diploma.
 */
export function qualifiedSizeWord(title: string): string | undefined {
  return /\b(?:Extended|Foundation|Subsidiary|Introductory|\d+-credit|Higher National|Postgraduate|Graduate)\s+(?:Award|Certificate|Diploma)\b/i.exec(
    title,
  )?.[0];
}

/** What a qualification's or a set of units' size is counted in. */
export type Measure = 'credit' | 'glh' | 'tqt';

/**
 * The measure sizes are counted in: credit when any of them gives credit, else GLH, else TQT (a spec
 * sized in GLH and TQT only, as many RQF and BTEC specs are); credit when none gives any size.
 */
export function measureOf(sized: readonly { credit?: unknown; glh?: unknown; tqt?: unknown }[]): Measure {
  const has = (m: Measure) => sized.some((x) => x[m] !== undefined && x[m] !== null);
  return has('credit') || !(has('glh') || has('tqt')) ? 'credit' : has('glh') ? 'glh' : 'tqt';
}

/** "1 credit", "13 credits", "180 GLH", "240 TQT hours". */
export function amountText(n: number, m: Measure): string {
  return m === 'credit' ? `${n} credit${n === 1 ? '' : 's'}` : m === 'glh' ? `${n} GLH` : `${n} TQT hours`;
}

/** "13–36 credits", "180 GLH", "13 credits or more" (no maximum). */
export function amountRangeText(min: number, max: number | null | undefined, m: Measure): string {
  if (max === null || max === undefined) return `${amountText(min, m)} or more`;
  if (min === max) return amountText(min, m);
  return m === 'credit' ? `${min}–${max} credits` : m === 'glh' ? `${min}–${max} GLH` : `${min}–${max} TQT hours`;
}

/**
 * A unit's or qualification's level and stated sizes as short facts, the ones it states only: "Entry
 * Level 3", "3 credits", "GLH 20", "TQT 30". A spec sized in GLH only reads "Level 3 · GLH 90", never
 * "0 credits" or "Level 0".
 */
export function sizeFacts(x: { level?: unknown; credit?: unknown; glh?: unknown; tqt?: unknown }): string[] {
  const out: string[] = [];
  const level = x.level !== undefined ? levelLabel(x.level) : undefined;
  if (level) out.push(level);
  if (typeof x.credit === 'number') out.push(amountText(x.credit, 'credit'));
  if (typeof x.glh === 'number') out.push(`GLH ${x.glh}`);
  if (typeof x.tqt === 'number') out.push(`TQT ${x.tqt}`);
  return out;
}

/** Facts about qualification sizes (docs/domain.md): credit from TQT, the size bands, a size in words. */
import type { Size } from './spec.js';

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

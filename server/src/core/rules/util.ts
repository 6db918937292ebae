/** Helpers shared by the checks: identifier check characters, size bands, value fixes. */
import type { ParsedFile, Path } from '../parse/parse.js';
import type { Size } from '../model/spec.js';
import type { Fix } from './types.js';

export const UAN_LETTERS = 'ADFHJKLMRTY';
export const UAN_FORM = /^([A-Z])\/(\d{3})\/(\d{4})$/;
export const QAN_FORM = /^(\d{3})\/(\d{4})\/([0-9X])$/;

/** The check letter the seven digits of a UAN imply (domain.md: "ADFHJKLMRTY"[(sum - 5) mod 11]). */
export function uanCheckLetter(uan: string): string | undefined {
  const m = UAN_FORM.exec(uan);
  if (!m) return undefined;
  const sum = [...(m[2]! + m[3]!)].reduce((s, d) => s + Number(d), 0);
  return UAN_LETTERS[(((sum - 5) % 11) + 11) % 11];
}

/** The check character the seven digits of a QAN imply: (8a+7b+…+2g) mod 11, X for 10. */
export function qanCheckChar(qan: string): string | undefined {
  const m = QAN_FORM.exec(qan);
  if (!m) return undefined;
  const digits = [...(m[1]! + m[2]!)].map(Number);
  const sum = digits.reduce((s, d, i) => s + d * (8 - i), 0);
  const c = sum % 11;
  return c === 10 ? 'X' : String(c);
}

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

/** A fix that replaces the value at `path` with `newText` (the YAML source text). */
export function replaceValue(parsed: ParsedFile, path: Path, newText: string, title: string, opts: { preferred?: boolean; safe?: boolean } = {}): Fix {
  return { title, edits: [{ span: parsed.locate(path, 'value'), newText }], ...opts };
}

/** YAML text for a string scalar: plain where that reads back as the same string, else double-quoted. */
export function yamlString(s: string): string {
  const plainOk =
    /^[A-Za-z0-9(][^#:\n]*$/.test(s) &&
    !/\s$/.test(s) &&
    !/^(true|false|yes|no|on|off|y|n|null|~)$/i.test(s) &&
    !/^[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(s) &&
    !/^0[xo]/i.test(s) &&
    !s.includes(': ') &&
    !s.includes(' #');
  return plainOk ? s : JSON.stringify(s);
}

export const levelOf = (ref: string): number | undefined => {
  const isp = /^L(\d)[A-Z]\d+$/.exec(ref);
  if (isp) return Number(isp[1]);
  const ilm = /^\d{4}-(\d)\d\d$/.exec(ref);
  if (ilm) return Number(ilm[1]);
  return undefined;
};

export const groupLetterOf = (ref: string): string | undefined => /^L\d([A-Z])\d+$/.exec(ref)?.[1];

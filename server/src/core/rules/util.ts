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

/** The unit-ref presets a document may declare (document.unitRefs), as patterns of named parts. */
export const REF_PRESETS: Record<string, string> = {
  isp: 'L{level}{group}{number}',
  ilm: '{scheme:4}-{level}{number:2}',
  'city-and-guilds': '{level}{number:2}',
  btec: '{number}',
};

export interface RefConvention {
  /** As declared: a preset name or the pattern. */
  name: string;
  pattern: string;
  re: RegExp;
  hasLevel: boolean;
  hasGroup: boolean;
}

/**
 * The unit-ref convention a spec declares, compiled: {level} one digit 1–8 (or E for Entry),
 * {group} one capital letter, {number}/{scheme} digits ({number:2}: exactly two). Undefined when
 * none is declared, or the pattern is not one (the schema reports that).
 */
export function refConvention(declared: string | { pattern?: string } | undefined): RefConvention | undefined {
  if (declared === undefined) return undefined;
  const name = typeof declared === 'string' ? declared : (declared.pattern ?? '');
  const pattern = typeof declared === 'string' ? REF_PRESETS[declared] : declared.pattern;
  if (!pattern || !/\{(level|group|number|scheme)(:[1-9])?\}/.test(pattern)) return undefined;
  let src = '';
  let last = 0;
  const part = /\{(level|group|number|scheme)(?::([1-9]))?\}/g;
  for (let m = part.exec(pattern); m; m = part.exec(pattern)) {
    src += pattern.slice(last, m.index).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const n = m[2];
    if (m[1] === 'level') src += '(?<level>[1-8E])';
    else if (m[1] === 'group') src += '(?<group>[A-Z])';
    else src += `(?<${m[1]}>\\d${n ? `{${n}}` : '+'})`;
    last = m.index + m[0].length;
  }
  src += pattern.slice(last).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  try {
    return { name, pattern, re: new RegExp(`^${src}$`), hasLevel: /\{level/.test(pattern), hasGroup: /\{group/.test(pattern) };
  } catch {
    return undefined;
  }
}

/** A ref read by a convention: its level digit (E: Entry, any of 1–3) and group letter, when the convention has them. */
export function readRef(conv: RefConvention, ref: string): { level?: number | 'entry'; group?: string } | undefined {
  const m = conv.re.exec(ref);
  if (!m) return undefined;
  const l = m.groups?.level;
  return { ...(l !== undefined ? { level: l === 'E' ? 'entry' : Number(l) } : {}), ...(m.groups?.group ? { group: m.groups.group } : {}) };
}

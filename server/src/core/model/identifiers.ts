/**
 * Facts about qualification and unit identifiers (docs/domain.md): the check character of a UAN
 * and of a QAN, and what a unit ref says of its level and group under the ISP and ILM conventions.
 */

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

/** The level a unit ref states: `L5B1` (ISP) is level 5, `8570-228` (ILM) level 2; undefined for other conventions. */
export const levelOf = (ref: string): number | undefined => {
  const isp = /^L(\d)[A-Z]\d+$/.exec(ref);
  if (isp) return Number(isp[1]);
  const ilm = /^\d{4}-(\d)\d\d$/.exec(ref);
  if (ilm) return Number(ilm[1]);
  return undefined;
};

export const groupLetterOf = (ref: string): string | undefined => /^L\d([A-Z])\d+$/.exec(ref)?.[1];
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

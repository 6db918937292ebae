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

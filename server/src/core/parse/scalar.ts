/**
 * How a plain scalar reads under the YAML 1.2 core schema, as `yaml` 2 implements it: the one
 * account of it that the fast readers share (fast/block-reader.ts reads values with `coreScalar`,
 * fast/fast-data.ts gives js-yaml the tests and conversions below as its schema). `yaml`'s own
 * typing stays the reference: the fuzz test (test/fuzz/fast-parse.test.ts) compares the two paths.
 *
 * `yaml` tries null, bool, intOct, int, intHex, floatNaN, floatExp, float, in that order; the first
 * test that matches decides (the tests do not overlap). Scalars that match none are strings. (js-yaml's
 * own core schema differs at the edges: `1e1000`.)
 */
export const NULL = /^(?:~|[Nn]ull|NULL)?$/;
export const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
export const INT_OCT = /^0o[0-7]+$/;
export const INT = /^[-+]?[0-9]+$/;
export const INT_HEX = /^0x[0-9a-fA-F]+$/;
export const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
export const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
export const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

// Each test first looks at the first character, which rules out nearly every scalar (words, codes,
// prose) without running an expression. NULL: '' ~ n N; BOOL: t T f F; the numbers: a sign, a digit or '.'.
export const mayBeNull = (c: number): boolean => c === 126 || c === 110 || c === 78;
export const mayBeBool = (c: number): boolean => c === 116 || c === 84 || c === 102 || c === 70;
export const mayBeNumber = (c: number): boolean => c === 43 || c === 45 || c === 46 || (c >= 48 && c <= 57);
/** Whether a plain scalar starting with this character may read as other than its text (null, a bool, a number). */
export const mayNotBeText = (c: number): boolean => mayBeNull(c) || mayBeBool(c) || mayBeNumber(c);

export const isNull = (s: string): boolean => s === '' || (mayBeNull(s.charCodeAt(0)) && NULL.test(s));
export const isBool = (s: string): boolean => mayBeBool(s.charCodeAt(0)) && BOOL.test(s);
export const isInt = (s: string): boolean => mayBeNumber(s.charCodeAt(0)) && (INT_OCT.test(s) || INT.test(s) || INT_HEX.test(s));
export const isFloat = (s: string): boolean => mayBeNumber(s.charCodeAt(0)) && (FLOAT_NAN.test(s) || FLOAT_EXP.test(s) || FLOAT.test(s));

export const boolValue = (s: string): boolean => s[0] === 't' || s[0] === 'T';
/** An int's value as `yaml` converts it (parseInt, not Number). */
export const intValue = (s: string): number => (INT_OCT.test(s) ? parseInt(s.substring(2), 8) : INT.test(s) ? parseInt(s, 10) : parseInt(s.substring(2), 16));
export const floatValue = (s: string): number =>
  FLOAT_NAN.test(s) ? (s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY) : parseFloat(s);

/** A plain scalar's value: null, a boolean, a number, or its text. */
export function coreScalar(s: string): unknown {
  if (s === '' || s === '~' || s === 'null' || s === 'Null' || s === 'NULL') return null;
  if (s === 'true' || s === 'True' || s === 'TRUE') return true;
  if (s === 'false' || s === 'False' || s === 'FALSE') return false;
  if (!mayBeNumber(s.charCodeAt(0))) return s;
  // The tests do not overlap, so this order (the commonest first) gives what `yaml`'s order gives.
  if (INT.test(s)) return parseInt(s, 10);
  if (INT_OCT.test(s)) return parseInt(s.slice(2), 8);
  if (INT_HEX.test(s)) return parseInt(s.slice(2), 16);
  if (FLOAT_EXP.test(s) || FLOAT.test(s)) return parseFloat(s);
  if (FLOAT_NAN.test(s)) return s.endsWith('nan') || s.endsWith('NaN') || s.endsWith('NAN') ? NaN : s.startsWith('-') ? -Infinity : Infinity;
  return s;
}

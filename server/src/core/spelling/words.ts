/**
 * The words of a text that a spelling check reads, with their offsets. Skipped: code, links and
 * URLs of Markdown, e-mail addresses, file names, acronyms (two or more capitals: GLH, KSBs),
 * words joined to digits (refs such as L5B1, QANs, 3rd), words with a capital inside (iPhone,
 * PowerPoint: names), and single letters. Offsets are UTF-16 offsets into the text as given.
 */

export interface WordAt {
  readonly word: string;
  readonly index: number;
}

/**
 * What else the word may be read as, when it is part of more: the hyphenated compound it is in
 * ("mis" of "mis-selling") and the abbreviation it makes with a full stop ("etc." , "approx.").
 */
const MAX_COMPOUND = 64;

export function alternativesOf(text: string, w: WordAt): string[] {
  const out: string[] = [];
  let s = w.index;
  let e = w.index + w.word.length;
  const letter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c >= 0xc0;
  if (text[e] === '.') out.push(`${w.word}.`);
  if (text[s - 1] === '-' || text[e] === '-') {
    // A compound of at most MAX_COMPOUND characters around the word: a long run of hyphenated
    // letters (damaged text, a 100 kB line) would otherwise be walked again for each of its words.
    const lo = Math.max(0, w.index - MAX_COMPOUND);
    const hi = Math.min(text.length, w.index + w.word.length + MAX_COMPOUND);
    while (s > lo + 1 && text[s - 1] === '-' && letter(text.charCodeAt(s - 2))) for (s -= 1; s > lo && letter(text.charCodeAt(s - 1)); s--);
    while (e < hi && text[e] === '-' && letter(text.charCodeAt(e + 1))) for (e += 1; e < hi && letter(text.charCodeAt(e)); e++);
    const compound = text.slice(s, e);
    out.push(compound, compound.replace(/-/g, ''));
  }
  return out;
}

const SPACE = (m: string): string => m.replace(/[^\n]/g, ' ');

/** The text with what is not prose blanked out (same length, same line breaks). */
export function maskNonProse(text: string, markdown: boolean): string {
  let t = text;
  if (markdown) {
    t = t.replace(/^([ \t]*)(```|~~~)[^\n]*\n[\s\S]*?(?:^\1\2[^\n]*$|(?![\s\S]))/gm, SPACE); // fenced code
    t = t.replace(/(`+)[^`\n]+?\1/g, SPACE); // inline code
    t = t.replace(/\]\([^)\s]*(?:\s+"[^"]*")?\)/g, SPACE); // a link's target: [text](url "title")
    t = t.replace(/^\s{0,3}\[[^\]\n]+\]:\s*\S+.*$/gm, SPACE); // a reference link's definition
    t = t.replace(/<\/?[A-Za-z][^>\n]*>/g, SPACE); // HTML tags
  }
  t = t.replace(/\b(?:https?|ftp|mailto):[^\s<>)\]]+|\bwww\.[^\s<>)\]]+/gi, SPACE); // URLs
  // Each of these starts only where a run of its characters starts (the lookbehind): tried at every
  // letter of a long run (a 100 kB line of damaged text) it would scan the rest of the run each time.
  t = t.replace(/(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, SPACE); // e-mail addresses
  t = t.replace(/(?<![\w-])[\w-]+\.(?:pdf|docx?|xlsx?|pptx?|csv|ya?ml|json|html?|txt|zip)\b/gi, SPACE); // file names
  t = t.replace(/(?<![\w-])[\w-]+(?:\.[a-z]{2,})+\/?\S*/g, (m) => (/\.(?:com|org|uk|gov|net|io|ac|co)\b/i.test(m) ? SPACE(m) : m)); // bare domains
  return t;
}

// A word: letters, with inner apostrophes ("customer's") — hyphenated words come as their parts.
const WORD = /[A-Za-z\u00C0-\u024F]+(?:['\u2019][A-Za-z\u00C0-\u024F]+)*/g;

/** The words a spelling check reads in a text. */
export function proseWords(text: string, markdown: boolean): WordAt[] {
  const t = maskNonProse(text, markdown);
  const out: WordAt[] = [];
  for (const m of t.matchAll(WORD)) {
    const w = m[0];
    const i = m.index;
    if (w.length < 2) continue;
    const before = t.charCodeAt(i - 1);
    const after = t.charCodeAt(i + w.length);
    // Joined to a digit or an underscore: a ref, a code, an ordinal (L5B1, 3rd, Q_1).
    if (isDigitOrUnderscore(before) || isDigitOrUnderscore(after)) continue;
    // Acronyms (GLH, KSBs, NVQs), names with inner capitals (iPhone, PowerPoint) and letters made plural (the 4 Ps).
    if (/[A-Z]/.test(w.slice(1).replace(/['\u2019]s$/, '')) || /^[A-Z]['\u2019]?s$/.test(w)) continue;
    // A fragment beside an ellipsis mark of text left out ("[…]tion to the"): half a word.
    if (before === 0x5d || before === 0x2026 || after === 0x5b || after === 0x2026) continue;
    out.push({ word: w.replace(/['\u2019]$/, ''), index: i });
  }
  return out;
}

const isDigitOrUnderscore = (c: number): boolean => (c >= 48 && c <= 57) || c === 95;

/**
 * Word-level difference of two wordings (a learning outcome, a criterion, a purpose), for a
 * reviewer: which words went, which came. Written here rather than taken from the `diff` package:
 * the texts are short (a criterion is a sentence, a section a few hundred words), one longest
 * common subsequence over words after trimming the common ends is all that is needed, and the core
 * stays free of dependencies.
 *
 * Whitespace never counts: texts are compared as sequences of words (runs of non-space characters),
 * so a reflowed paragraph or a block scalar re-indented is the same text.
 */

export type WordPart = { op: 'same' | 'added' | 'removed'; text: string };

/** The words of a text (whitespace of any kind separates them). */
export function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => w.length > 0);
}

/** A text with its whitespace collapsed: equal for two texts that differ only in spacing and line breaks. */
export function normalise(text: string): string {
  // Most texts are already normal (single spaces, no line breaks): a scan, no new string.
  if (!/\s\s|[^\S ]|^\s|\s$/.test(text)) return text;
  return words(text).join(' ');
}

/** Whether two texts have the same words (whitespace aside), without building new strings when they are equal. */
export function sameWords(a: string, b: string): boolean {
  return a === b || normalise(a) === normalise(b);
}

/** Past this many cells of the LCS table the middle is shown as one removal and one addition. */
const MAX_CELLS = 4_000_000;

function push(out: WordPart[], op: WordPart['op'], word: string): void {
  const last = out[out.length - 1];
  if (last && last.op === op) last.text += ` ${word}`;
  else out.push({ op, text: word });
}

/** The word diff of `before` -> `after`: runs of same, removed and added words, in reading order. */
export function wordDiff(before: string, after: string): WordPart[] {
  const a = words(before);
  const b = words(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const out: WordPart[] = [];
  for (let i = 0; i < start; i++) push(out, 'same', a[i]!);
  const n = endA - start;
  const m = endB - start;
  if (n * m > MAX_CELLS) {
    for (let i = start; i < endA; i++) push(out, 'removed', a[i]!);
    for (let j = start; j < endB; j++) push(out, 'added', b[j]!);
  } else {
    // lcs[i][j] = length of the LCS of a[start+i..endA) and b[start+j..endB).
    const w = m + 1;
    const lcs = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * w + j] = a[start + i] === b[start + j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[start + i] === b[start + j]) {
        push(out, 'same', a[start + i]!);
        i++;
        j++;
      } else if (i < n && (j === m || lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!)) {
        // Removals before additions where both keep the LCS: "old words" then "new words".
        push(out, 'removed', a[start + i]!);
        i++;
      } else {
        push(out, 'added', b[start + j]!);
        j++;
      }
    }
  }
  for (let i = endA; i < a.length; i++) push(out, 'same', a[i]!);
  return out;
}

/**
 * How alike two wordings are, 0..1: twice the words they share in order over the words of both
 * (1 = the same words). Used to pair an outcome or criterion that was both reworded and renumbered.
 */
export function similarity(before: string, after: string): number {
  const a = words(before);
  const b = words(after);
  if (a.length === 0 && b.length === 0) return 1;
  if (a.length * b.length > MAX_CELLS) return 0;
  let same = 0;
  for (const p of wordDiff(before, after)) if (p.op === 'same') same += words(p.text).length;
  return (2 * same) / (a.length + b.length);
}

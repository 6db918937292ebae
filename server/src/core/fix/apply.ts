import type { TextEdit } from '../rules/types.js';

/**
 * Apply non-overlapping edits to a text. Edits are applied from the end so offsets stay valid;
 * overlapping edits are refused (the later one is dropped and reported), so a fix never mangles text.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; applied: TextEdit[]; skipped: TextEdit[] } {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const applied: TextEdit[] = [];
  const skipped: TextEdit[] = [];
  let lastEnd = -1;
  for (const e of sorted) {
    if (e.span.start < lastEnd || e.span.start < 0 || e.span.end > text.length || e.span.end < e.span.start) {
      skipped.push(e);
      continue;
    }
    applied.push(e);
    lastEnd = e.span.end;
  }
  let out = text;
  for (let i = applied.length - 1; i >= 0; i--) {
    const e = applied[i]!;
    out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  }
  return { text: out, applied, skipped };
}

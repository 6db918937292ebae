import { coreScalar } from '../scalar.js';
/** The block reader's scalar lexing: quoted scalars' ends and escapes, folded block scalars, and giving up. */

/** Thrown where the reader meets something it does not read; `message` says what. */
export class GiveUp extends Error {}
export const giveUp = (why: string): never => {
  throw new GiveUp(why);
};

export function unquoteDouble(s: string): string {
  // JSON's escapes are a subset of YAML's; anything else is left to the full parser.
  if (/\\[^"\\/bfnrtu]/.test(s)) giveUp('escape');
  try {
    return JSON.parse(s) as string;
  } catch {
    return giveUp('double-quoted');
  }
}

export function findDoubleEnd(t: string, s: number, end: number): number {
  for (let i = s + 1; i < end; i++) {
    const c = t.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 34) return i;
  }
  return -1;
}

export function findSingleEnd(t: string, s: number, end: number): number {
  for (let i = s + 1; i < end; i++) {
    if (t.charCodeAt(i) === 39) {
      if (t.charCodeAt(i + 1) === 39) i++;
      else return i;
    }
  }
  return -1;
}

/**
 * A folded block scalar's lines as one string: a break between two normal lines becomes a space; n
 * empty lines between them give n newlines; breaks next to more-indented lines are kept.
 */
export function fold(body: readonly string[]): string {
  const more = (x: string) => x.startsWith(' ');
  let value = '';
  let prev: string | undefined;
  let empties = 0;
  for (const line of body) {
    if (line === '') {
      empties++;
      continue;
    }
    if (prev === undefined) value += '\n'.repeat(empties) + line;
    else if (more(prev) || more(line)) value += '\n' + '\n'.repeat(empties) + line;
    else value += (empties ? '\n'.repeat(empties) : ' ') + line;
    prev = line;
    empties = 0;
  }
  return value;
}

/**
 * A one-line flow sequence of scalars starting at `s` (its `[`), up to `end` (the line's end): its
 * items, and where the sequence ends. `record` is told where each item is.
 */
export function readFlowSeq(t: string, s: number, end: number, record: (index: number, start: number, end: number) => void): { items: unknown[]; end: number } {
  const out: unknown[] = [];
  let i = s + 1;
  for (;;) {
    while (i < end && t.charCodeAt(i) === 32) i++;
    if (i >= end) giveUp('multi-line flow sequence');
    const c = t[i];
    if (c === ']') {
      i++;
      break;
    }
    if (c === '"' || c === "'") {
      const close = c === '"' ? findDoubleEnd(t, i, end) : findSingleEnd(t, i, end);
      if (close < 0) giveUp('quoted in flow');
      const raw = t.slice(i, close + 1);
      record(out.length, i, close + 1);
      out.push(c === '"' ? unquoteDouble(raw) : raw.slice(1, -1).replace(/''/g, "'"));
      i = close + 1;
    } else {
      if ('[{&*!|>%@`#'.includes(c!)) giveUp('complex flow item');
      let e = i;
      while (e < end && !',]'.includes(t[e]!)) e++;
      if (e >= end) giveUp('unterminated flow sequence');
      let ve = e;
      while (ve > i && t.charCodeAt(ve - 1) === 32) ve--;
      const v = t.slice(i, ve);
      if (v.includes(': ') || v.includes('#') || v === '') giveUp('flow item');
      record(out.length, i, ve);
      out.push(coreScalar(v));
      i = e;
    }
    while (i < end && t.charCodeAt(i) === 32) i++;
    if (t[i] === ',') {
      i++;
      continue;
    }
    if (t[i] === ']') {
      i++;
      break;
    }
    giveUp('flow sequence');
  }
  return { items: out, end: i };
}

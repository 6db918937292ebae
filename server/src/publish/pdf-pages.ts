/**
 * The page each named destination of a PDF is on: how the contents page numbers are found.
 * Chromium makes every element an internal link points to (`<a href="#unit-l5b1">`) a named
 * destination of the PDF it prints — `/Dests << /unit-l5b1 [12 0 R /XYZ …] … >>` in the catalog —
 * and CSS cannot number the pages (Chromium has no `target-counter()`), so the PDF is printed once,
 * read here, and printed again with the numbers filled in (pdf.ts).
 *
 * A reader of the PDF structure only, for what Chromium's PDF backend (Skia) writes: a classic
 * cross-reference table, objects not in object streams, the destinations in a `/Dests` dictionary
 * (also the `/Names` tree of PDF 1.2+, which other printers use). Anything else is a
 * PdfStructureError, and the document is then printed without page numbers. Pure: bytes in, a map out.
 */

export class PdfStructureError extends Error {}

type Ref = number;

class PdfReader {
  private readonly s: string;
  private readonly offsets = new Map<number, number>();

  constructor(bytes: Uint8Array) {
    // latin1: one char per byte, so offsets in the string are byte offsets.
    this.s = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    this.readXref();
  }

  private readXref(): void {
    const at = this.s.lastIndexOf('startxref');
    if (at < 0) throw new PdfStructureError('no startxref');
    let pos = Number(/startxref\s+(\d+)/.exec(this.s.slice(at, at + 40))?.[1]);
    const seen = new Set<number>();
    while (Number.isFinite(pos) && !seen.has(pos)) {
      seen.add(pos);
      if (!this.s.startsWith('xref', pos)) throw new PdfStructureError('the cross-reference is not a table (an xref stream)');
      const re = /\s*(\d+)\s+(\d+)\s*\n?/y;
      let p = pos + 4;
      for (;;) {
        re.lastIndex = p;
        const sub = re.exec(this.s);
        if (!sub) break;
        const first = Number(sub[1]);
        const count = Number(sub[2]);
        p = re.lastIndex;
        for (let i = 0; i < count; i++) {
          const m = /^\s*(\d{10}) (\d{5}) ([nf])/.exec(this.s.slice(p, p + 22));
          if (!m) throw new PdfStructureError('a damaged cross-reference entry');
          if (m[3] === 'n' && !this.offsets.has(first + i)) this.offsets.set(first + i, Number(m[1]));
          p += m[0].length;
        }
      }
      const trailer = this.s.indexOf('trailer', p);
      const prev = trailer >= 0 ? /\/Prev\s+(\d+)/.exec(this.dictAt(this.s.indexOf('<<', trailer)))?.[1] : undefined;
      if (trailer >= 0 && !this.trailerText) this.trailerText = this.dictAt(this.s.indexOf('<<', trailer));
      pos = prev === undefined ? NaN : Number(prev);
    }
    if (!this.trailerText) throw new PdfStructureError('no trailer');
  }

  trailerText = '';

  private dictAt(start: number): string {
    return dictIn(this.s, start);
  }

  /** The text of object `n` (its dictionary, or its array / other value) up to `endobj` or `stream`. */
  object(n: Ref): string {
    const off = this.offsets.get(n);
    if (off === undefined) throw new PdfStructureError(`object ${n} is not in the cross-reference table (an object stream?)`);
    const head = /^\s*(\d+)\s+\d+\s+obj\s*/.exec(this.s.slice(off, off + 40));
    if (!head || Number(head[1]) !== n) throw new PdfStructureError(`object ${n} is not where the cross-reference says`);
    const start = off + head[0].length;
    if (this.s.startsWith('<<', start)) return this.dictAt(start);
    const end = this.s.indexOf('endobj', start);
    return this.s.slice(start, end < 0 ? undefined : end).trim();
  }

  /** A dictionary value: `/Key N 0 R` resolved, or the inline `<< … >>` / `[ … ]`. */
  value(dict: string, key: string): string | undefined {
    const m = new RegExp(`/${key}(?![A-Za-z0-9])\\s*`).exec(dict);
    if (!m) return undefined;
    const rest = dict.slice(m.index + m[0].length);
    const ref = /^(\d+)\s+\d+\s+R/.exec(rest);
    if (ref) return this.object(Number(ref[1]));
    if (rest.startsWith('<<')) return dictIn(dict, m.index + m[0].length);
    if (rest.startsWith('[')) return rest.slice(0, closing(rest) + 1);
    return /^[^/>\]\s][^/>\]]*/.exec(rest)?.[0].trim();
  }
}

/** The balanced `<< … >>` of `s` starting at `start` (literal strings skipped: they may hold `<<` or `>>`). */
function dictIn(s: string, start: number): string {
  if (start < 0 || !s.startsWith('<<', start)) throw new PdfStructureError('a dictionary was expected');
  let depth = 0;
  for (let i = start; i < s.length - 1; i++) {
    const c = s[i];
    if (c === '(') {
      let nest = 0;
      for (; i < s.length; i++) {
        const d = s[i];
        if (d === '\\') i++;
        else if (d === '(') nest++;
        else if (d === ')' && --nest === 0) break;
      }
    } else if (c === '<' && s[i + 1] === '<') {
      depth++;
      i++;
    } else if (c === '>' && s[i + 1] === '>') {
      depth--;
      i++;
      if (depth === 0) return s.slice(start, i + 1);
    }
  }
  throw new PdfStructureError('an unterminated dictionary');
}

/** Index of the `]` that closes the `[` at 0. */
function closing(s: string): number {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '[') depth++;
    else if (s[i] === ']' && --depth === 0) return i;
  }
  throw new PdfStructureError('an unterminated array');
}

const refs = (arr: string): Ref[] => [...arr.matchAll(/(\d+)\s+\d+\s+R/g)].map((m) => Number(m[1]));

/** `#xx` escapes of a PDF name decoded. */
const nameText = (raw: string): string => raw.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

/** A PDF literal string's text (ASCII ids only need the escapes undone). */
const literal = (raw: string): string => raw.replace(/\\([()\\])/g, '$1');

/** Named destination -> 1-based page number, for every destination of the PDF. */
export function pdfDestinationPages(bytes: Uint8Array): Map<string, number> {
  const pdf = new PdfReader(bytes);
  const catalog = pdf.value(pdf.trailerText, 'Root');
  if (!catalog) throw new PdfStructureError('no catalog');
  // The page objects in order, by walking the page tree.
  const pageNo = new Map<Ref, number>();
  const root = /\/Pages\s+(\d+)\s+\d+\s+R/.exec(catalog)?.[1];
  if (!root) throw new PdfStructureError('no page tree');
  const walk = (n: Ref, depth: number) => {
    if (depth > 64) throw new PdfStructureError('a page tree too deep');
    const node = pdf.object(n);
    if (/\/Type\s*\/Pages\b/.test(node)) for (const kid of refs(pdf.value(node, 'Kids') ?? '[]')) walk(kid, depth + 1);
    else pageNo.set(n, pageNo.size + 1);
  };
  walk(Number(root), 0);

  const out = new Map<string, number>();
  const put = (name: string, dest: string) => {
    // [page /XYZ left top zoom]: the page is the first reference.
    const page = refs(dest)[0];
    const no = page === undefined ? undefined : pageNo.get(page);
    if (no !== undefined && !out.has(name)) out.set(name, no);
  };
  const destOf = (v: string): string => (v.startsWith('<<') ? (pdf.value(v, 'D') ?? '') : v);
  // PDF 1.1: the catalog's /Dests dictionary, /name [page /XYZ …] or /name N 0 R.
  const dests = pdf.value(catalog, 'Dests');
  if (dests?.startsWith('<<')) {
    const body = dests.slice(2, -2);
    const re = /\/([^\s/[\]<>()]+)\s*(\[[^\]]*\]|\d+\s+\d+\s+R|<<[^>]*>>)/g;
    for (const m of body.matchAll(re)) {
      const v = m[2]!.endsWith('R') ? pdf.object(Number(/^\d+/.exec(m[2]!)![0])) : m[2]!;
      put(nameText(m[1]!), destOf(v));
    }
  }
  // PDF 1.2+: the /Names tree's /Dests, (name) dest pairs in its leaves.
  const names = pdf.value(catalog, 'Names');
  const tree = names ? pdf.value(names, 'Dests') : undefined;
  const leaves = (node: string, depth: number) => {
    if (depth > 64) throw new PdfStructureError('a name tree too deep');
    for (const kid of refs(pdf.value(node, 'Kids') ?? '')) leaves(pdf.object(kid), depth + 1);
    const arr = pdf.value(node, 'Names');
    if (!arr) return;
    for (const m of arr.matchAll(/\(((?:\\.|[^\\)])*)\)\s*(\[[^\]]*\]|\d+\s+\d+\s+R|<<[^>]*>>)/g)) {
      const v = m[2]!.endsWith('R') ? pdf.object(Number(/^\d+/.exec(m[2]!)![0])) : m[2]!;
      put(literal(m[1]!), destOf(v));
    }
  };
  if (tree) leaves(tree, 0);
  return out;
}

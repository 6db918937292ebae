/**
 * The prose hygiene rules on seeded defects: missing spaces after a full stop or a comma, doubled
 * commas, an Award's title in another word form than its unit's, a defined term written in lower
 * case once — injected by script into the clean ISP and ILM specs, where the same rules find nothing.
 * Each defect is matched to a finding of its rule at its place.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSpecText } from '../../server/src/core/parse/parse';
import { buildModel } from '../../server/src/core/model/spec';
import { proseFields } from '../../server/src/core/spelling/check';
import { snippetSpan } from '../../server/src/core/spelling/prose-text';
import { lint } from '../helpers/spec';
import { Prng } from '../helpers/prng';

const SPECS = ['specs/isp-level-5-professional-sales.yaml', 'specs/ilm-l2-sales-management.yaml'];
const RULES = new Set(['space-after-punctuation', 'repeated-punctuation', 'term-case', 'title-word-form']);

interface Seeded {
  rule: string;
  /** Offset in the corrupted text where the finding must start (at or before) and end (after). */
  at: number;
  what: string;
}

/** Edits of one text, applied from the end so earlier offsets hold; returns the seeded places in the new text. */
function applyAll(text: string, edits: { start: number; end: number; newText: string; rule: string; what: string }[]): { text: string; seeded: Seeded[] } {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let out = '';
  let last = 0;
  const seeded: Seeded[] = [];
  for (const e of sorted) {
    out += text.slice(last, e.start);
    seeded.push({ rule: e.rule, at: out.length, what: e.what });
    out += e.newText;
    last = e.end;
  }
  return { text: out + text.slice(last), seeded };
}

/** Up to `n` punctuation defects, one a prose field: 'word. Word' -> 'word.Word', 'word, word' -> 'word,word' or 'word,, word'. */
function seedPunctuation(text: string, n: number, seed: number) {
  const r = new Prng(seed);
  const parsed = parseSpecText(text);
  const model = buildModel(parsed.data);
  const edits: { start: number; end: number; newText: string; rule: string; what: string }[] = [];
  const fields = r.subset(proseFields(parsed, model), 0.6);
  for (const field of fields) {
    if (edits.length >= n || field.cites) continue;
    const places = [...field.value.matchAll(/(?<![\p{L}.])\p{Ll}{2,}([.,]) (?=\p{L}{2,})/gu)].filter(
      (m) => m[1] === ',' || /^ \p{Lu}\p{Ll}/u.test(field.value.slice(m.index + m[0].length - 1)),
    );
    if (places.length === 0) continue;
    const m = r.pick(places);
    const span = snippetSpan(parsed, field, m.index, m[0].length);
    if (!span) continue;
    const markAt = span.end - 2; // the mark, then the space
    const kind = m[1] === '.' ? 'space' : r.pick(['space', 'double'] as const);
    if (kind === 'space')
      edits.push({ start: markAt + 1, end: markAt + 2, newText: '', rule: 'space-after-punctuation', what: `no space after '${m[1]}' in ${field.owner}` });
    else edits.push({ start: markAt, end: markAt + 1, newText: ',,', rule: 'repeated-punctuation', what: `',,' in ${field.owner}` });
  }
  return edits;
}

/** Every Award named after its unit with the -ing form ("Managing" for "Manage"), given the past participle instead ("Managed"). */
function seedTitleForms(text: string) {
  const parsed = parseSpecText(text);
  const model = buildModel(parsed.data);
  const edits: { start: number; end: number; newText: string; rule: string; what: string }[] = [];
  for (const q of model.qualifications) {
    const m = / in (\p{L}+)ing /u.exec(q.title ?? '');
    const u = q.units.length === 1 && q.units[0]!.ref ? model.unitsByRef.get(q.units[0]!.ref)?.[0] : undefined;
    if (!m || !u?.title || !u.title.startsWith(m[1]!.slice(0, 4))) continue;
    const span = parsed.locate([...q.path, 'title']);
    const at = text.indexOf(`${m[1]}ing`, span.start);
    edits.push({ start: at, end: at + m[1]!.length + 3, newText: `${m[1]}ed`, rule: 'title-word-form', what: `'${m[1]}ed' in '${q.title}'` });
  }
  return edits;
}

describe('prose hygiene on seeded defects', () => {
  it('finds nothing in the clean specs', () => {
    for (const p of SPECS) expect(lint(readFileSync(p, 'utf8')).filter((f) => RULES.has(f.ruleId))).toEqual([]);
  });

  it('flags every seeded missing space, doubled comma and title word form at its place', () => {
    let total = 0;
    const missed: string[] = [];
    for (const [p, n, seed] of [
      [SPECS[0]!, 60, 7],
      [SPECS[1]!, 15, 11],
    ] as const) {
      const clean = readFileSync(p, 'utf8');
      const edits = [...seedPunctuation(clean, n, seed), ...seedTitleForms(clean)];
      const { text, seeded } = applyAll(clean, edits);
      const found = lint(text).filter((f) => RULES.has(f.ruleId));
      for (const s of seeded) {
        total++;
        if (!found.some((f) => f.ruleId === s.rule && f.span.start <= s.at && f.span.end > s.at)) missed.push(s.what);
      }
      // Nothing else: every finding is at a seeded defect.
      const stray = found.filter((f) => !seeded.some((s) => f.ruleId === s.rule && f.span.start <= s.at && f.span.end > s.at));
      expect(stray.map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
    }
    console.log(`prose corpus: ${total} seeded defects, ${total - missed.length} flagged${missed.length ? `; missed: ${missed.join('; ')}` : ''}`);
    expect(total).toBeGreaterThanOrEqual(60);
    expect(missed).toEqual([]);
  });

  it("flags a defined term written once in lower case, wherever that is (the ISP's 'Training Provider')", () => {
    const clean = readFileSync(SPECS[0]!, 'utf8');
    // In the sections and units (the facts are not prose the checks read).
    const from = clean.indexOf('\nsections:');
    const places = [...clean.matchAll(/(?<=the )Training Provider/g)].map((m) => m.index).filter((i) => i > from);
    expect(places.length).toBeGreaterThanOrEqual(3);
    for (const at of places) {
      const text = clean.slice(0, at) + 'training provider' + clean.slice(at + 'Training Provider'.length);
      const f = lint(text).filter((x) => x.ruleId === 'term-case');
      expect(f.map((x) => [x.span.start, x.span.end])).toEqual([[at, at + 'training provider'.length]]);
    }
  });
});

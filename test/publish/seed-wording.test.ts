/**
 * The published ISP document against the document the ISP published (v1.1, as text extracted from
 * its PDF: test/fixtures/seeds/000_6afd667aaf87860f.txt), unit by unit. For each unit page of OUR
 * published HTML, its learning outcomes and assessment criteria (text and numbers) and its UAN are
 * looked for in that unit's section of the seed. Every difference found must be one listed below,
 * each as a correction the change history records or as one of the named kinds of extraction
 * damage; a listed difference that no longer occurs fails the test too (the list stays exact).
 *
 * Normalisation (the same for both sides, and nothing more): lower case; `&` read as "and"; curly
 * and straight quotes alike; punctuation, hyphens and apostrophes at word edges are word breaks;
 * whitespace collapsed. The seed flattens the two-column LO/AC table, so the words of one criterion
 * are interleaved with words of its learning outcome: a text matches when its words occur in order,
 * each within 250 characters of the previous one.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ISP, ROOT, publishFile } from './helpers';

/** The kinds of damage the PDF text extraction does (docs: /work/shared/docs/domain.md, "Both are text extracted …"). */
type Damage = 'word split at a tab stop' | 'number cell lost' | 'identifier damaged at a tab stop';
type Expected = { kind: 'correction'; change: string } | { kind: 'extraction'; damage: Damage };

/** Differences between the published v1.1 and our document, by "<ref> <what>". */
const EXPECTED: Record<string, Expected> = {
  'L5B4 LO 1 text': { kind: 'extraction', damage: 'word split at a tab stop' }, // "the f<TAB>unctional"
  'L5B5 LO 1 text': { kind: 'extraction', damage: 'word split at a tab stop' }, // "strategie<TAB>es", "disciplin<TAB>ary", "custome<TAB>er"
  'L5B5 LO 2 text': { kind: 'extraction', damage: 'word split at a tab stop' }, // "acco<TAB>unt"
  'L5B4 AC 4.1 number': { kind: 'extraction', damage: 'number cell lost' },
  'L4C3 AC 1.1 number': { kind: 'extraction', damage: 'number cell lost' },
  'L4C3 AC 1.2 number': { kind: 'extraction', damage: 'number cell lost' },
  'L4C7 AC 1.5 number': { kind: 'correction', change: 'L4C7: the second criterion numbered 1.4 -> 1.5' },
  'L4B8 UAN': { kind: 'extraction', damage: 'identifier damaged at a tab stop' }, // "M/65<TAB>50/7907": a digit doubled
  'L4C3 UAN': { kind: 'extraction', damage: 'identifier damaged at a tab stop' }, // "L/650<TAB>0/7915": a digit doubled
  'L5L3 UAN': { kind: 'extraction', damage: 'identifier damaged at a tab stop' }, // "1/5988": the letter and series lost
  'L6S2 UAN': { kind: 'correction', change: 'L6S2: malformed UAN H/651/601 -> H/651/6010' },
};

const seed = readFileSync(path.join(ROOT, 'test/fixtures/seeds/000_6afd667aaf87860f.txt'), 'utf8');
const history = readFileSync(ISP, 'utf8');

const decode = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
export const normWords = (s: string): string =>
  decode(s)
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[’‘]/g, "'")
    .replace(/'(?![a-z])|(?<![a-z])'/g, ' ')
    .replace(/[^a-z0-9']+/g, ' ')
    .trim();

function wordsInOrder(text: string, haystack: string): boolean {
  const words = normWords(text).split(' ');
  const at = (w: string, from: number) => {
    const re = new RegExp(`(?<![a-z0-9'])${w}(?![a-z0-9'])`, 'g');
    re.lastIndex = from;
    return re.exec(haystack)?.index ?? -1;
  };
  for (let st = at(words[0]!, 0); st !== -1; st = at(words[0]!, st + 1)) {
    let pos = st + words[0]!.length;
    let ok = true;
    for (const w of words.slice(1)) {
      const i = at(w, pos);
      if (i === -1 || i - pos > 250) {
        ok = false;
        break;
      }
      pos = i + w.length;
    }
    if (ok) return true;
  }
  return false;
}

describe('the published ISP document against the published v1.1, unit by unit', () => {
  const html = publishFile(ISP).html;
  const lines = seed.split(/\r?\n/);
  const heads = lines.map((l, i) => (/^\W*Unit\s*Title\b/.test(l) ? i : -1)).filter((i) => i >= 0);
  const pages = html.split('<section class="unit').slice(1);

  it('has the seed’s 32 unit sections, in the same order as its unit pages', () => {
    expect(heads.length).toBe(32);
    expect(pages.length).toBe(32);
  });

  it('differs from the published wording only by the listed corrections and extraction damage', () => {
    const found: string[] = [];
    let compared = 0;
    pages.forEach((page, i) => {
      const ref = /<span class="ref">([^<]+)<\/span>/.exec(page)![1]!;
      const raw = lines.slice(heads[i], heads[i + 1] ?? lines.length).join('\n');
      const sec = normWords(raw);
      // The header names the unit (the extraction garbles some titles, so the ref or the UAN must appear).
      const uan = /Ofqual unit reference number \(UAN\)<\/th><td>([^<]+)/.exec(page)?.[1];
      expect(raw.includes(ref) || (uan !== undefined && raw.replace(/\s+/g, '').includes(uan)), `seed section ${i + 1} is ${ref}`).toBe(true);
      if (uan && !raw.replace(/\s+/g, '').includes(uan)) found.push(`${ref} UAN`);
      const printed = new Set([...raw.matchAll(/(?<![\d./])(\d{1,2})\.(\d{1,2})(?![\d./])/g)].map((m) => `${Number(m[1])}.${Number(m[2])}`));
      for (const m of page.matchAll(/<th scope="rowgroup"[^>]*>(\d+)\. ([^<]*)/g)) {
        compared++;
        if (!wordsInOrder(m[2]!, sec)) found.push(`${ref} LO ${m[1]} text`);
      }
      for (const m of page.matchAll(/<td id="[^"]*-ac-\d+">([^<]*)<\/td><td>([^<]*)/g)) {
        compared++;
        if (!wordsInOrder(m[2]!, sec)) found.push(`${ref} AC ${m[1]} text`);
        if (!printed.has(m[1]!)) found.push(`${ref} AC ${m[1]} number`);
      }
    });
    expect(compared).toBeGreaterThan(400);
    expect(found.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('names, for each correction, the change-history entry that records it', () => {
    for (const [k, e] of Object.entries(EXPECTED)) if (e.kind === 'correction') expect(history, k).toContain(e.change);
  });
});

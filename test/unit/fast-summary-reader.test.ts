/**
 * Edge cases of the fast summary reader's offset-based line handling: it must give the full parse's
 * summary, or give up, whatever the line endings, tabs, comments or keys.
 */
import { describe, expect, it } from 'vitest';
import { parseSpecText } from '../../server/src/core/parse/parse';
import { buildModel } from '../../server/src/core/model/spec';
import { summarise, type FileSummary } from '../../server/src/core/workspace/index';
import { parseSuppressions } from '../../server/src/core/lint/suppress';
import { fastSummary, fastSummaryObstacle, summaryOf } from '../../server/src/core/workspace/fast-summary';
import { KEY, plainKeyAt } from '../../server/src/core/parse/keys';
import { lfLineStarts } from '../../server/src/core/text/line-index';

function full(text: string): FileSummary {
  const p = parseSpecText(text);
  return summarise('file:///x.yaml', p, buildModel(p.data), parseSuppressions(text));
}

const SPEC = `qualspec: 1
document:
  title: T
groups:
  - id: g
    title: G
units:
  - ref: A1
    title: Unit # a comment
    group: g
    glh: 10
    purpose: >-
      Skipped prose
        more deeply indented

      after a blank line
    apprenticeshipLinks:
      - standard: S
        ksbs:
          - code: K1
            text: "Quoted: text"
    learningOutcomes:
      - number: 1
        text: skipped
  - ref: A2
    title: 'Second''s'
qualifications:
  - title: Q
    qan: 600/0000/0
    units: [A1, A2]
`;

describe('fast summary reader', () => {
  it('equals the full summary with LF and CRLF line ends', () => {
    for (const text of [SPEC, SPEC.replace(/\n/g, '\r\n')]) {
      expect(fastSummaryObstacle(text)).toBeUndefined();
      expect(fastSummary('file:///x.yaml', text)).toEqual(full(text));
    }
  });

  it('gives up on a tab after the indentation, even in a skipped block', () => {
    const text = SPEC.replace('        more deeply indented', '      \tmore deeply indented');
    expect(fastSummaryObstacle(text)).toMatch(/^tab/);
    expect(fastSummary('file:///x.yaml', text)).toBeUndefined();
  });

  it('reads a tab inside a line and keys other than plain words', () => {
    const text = SPEC.replace('    title: Unit # a comment', '    "title" : Unit\twith a tab\n    note.x: skipped');
    expect(fastSummaryObstacle(text)).toBeUndefined();
    expect(fastSummary('file:///x.yaml', text)).toEqual(full(text));
  });

  it('keeps spans apart for keys holding a NUL', () => {
    const text = SPEC.replace('    glh: 10', '    glh: 10\n    "x\\u0000y": 1');
    expect(fastSummaryObstacle(text)).toBeUndefined();
    expect(fastSummary('file:///x.yaml', text)).toEqual(full(text));
  });

  it('matches plain keys as the KEY regex does, in time linear in the line', () => {
    // Random lines over the characters that matter to the regex.
    const alphabet = ['a', 'b', '1', ' ', ' ', ':', ':', '#', '-', '?', '"', "'", '{', '&', '\u00a0', '\t', 'é', '.'];
    let seed = 12345;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
    let matched = 0;
    for (let i = 0; i < 50_000; i++) {
      let line = '';
      for (let n = 1 + rnd(12); n > 0; n--) line += alphabet[rnd(alphabet.length)];
      if (line.startsWith('"') || line.startsWith("'")) continue; // quoted keys still go through the regex
      const m = KEY.exec(line);
      const mine = plainKeyAt(line, 0, line.length);
      expect(mine ? [mine.keyEnd, mine.matchEnd] : undefined, JSON.stringify(line)).toEqual(m ? [m[1]!.length, m[0].length] : undefined);
      if (m) matched++;
    }
    expect(matched).toBeGreaterThan(1500); // 2,360 with this seed: both outcomes are well exercised
    // A 100 kB line of spaces after a key took 7 s with the regex (a fuzz case); now it is one pass.
    const long = `qualspec: 1\nunits:\n  - ref: A1\n    summary${' '.repeat(100_000)}x\n`;
    const t0 = process.cpuUsage();
    summaryOf('file:///x.yaml', long);
    expect(process.cpuUsage(t0).user / 1000).toBeLessThan(2000);
  });

  it('gives up on an indicator written as a value (a syntax error only the full parse reports)', () => {
    for (const v of ['-', '?', ':']) {
      const text = SPEC.replace('    glh: 10', `    glh: ${v}`);
      expect(fastSummaryObstacle(text)).toMatch(/indicator/);
      expect(fastSummary('file:///x.yaml', text)).toBeUndefined();
    }
  });
});

describe('fast summary reader around damaged items', () => {
  // A key one space short of its unit's indentation: a syntax error inside one item of `units`.
  const damaged = (text: string, ref: string) => text.replace(`  - ref: ${ref}\n`, `  - ref: ${ref}\n   note: one space short\n`);

  it('parses only the damaged unit with yaml, and gives the full summary', () => {
    const text = damaged(SPEC, 'A1');
    expect(fastSummary('file:///x.yaml', text)).toBeUndefined();
    const got = summaryOf('file:///x.yaml', text);
    expect(got.fast).toBe(true);
    expect(got.parsedItems).toBe(1);
    expect(got.summary).toEqual(full(text));
    expect(got.summary.units.map((u) => u.ref)).toEqual(['A1', 'A2']);
  });

  it('takes several damaged items, in units and in qualifications', () => {
    let text = damaged(damaged(SPEC, 'A1'), 'A2');
    text = text.replace('  - title: Q\n', '  - title: Q\n   oops: x\n');
    const got = summaryOf('file:///x.yaml', text);
    expect(got.parsedItems).toBe(3);
    expect(got.summary).toEqual(full(text));
  });

  it('keeps every item a damaged chunk parses to, and their places', () => {
    // The second dash, one space deeper than the first, is inside the first item's chunk.
    const text = SPEC.replace('  - ref: A2\n', '   - ref: A3\n    title: x\n  - ref: A2\n');
    const got = summaryOf('file:///x.yaml', text);
    expect(got.parsedItems).toBe(1);
    expect(got.summary).toEqual(full(text));
  });

  it('parses the whole file when the damaged item is not a chunk of its own', () => {
    // Indented less than the items around it: the chunked parse reads this file whole.
    const text = SPEC.replace('units:\n', ' oops: x\nunits:\n');
    const got = summaryOf('file:///x.yaml', text);
    expect(got.fast).toBe(false);
    expect(got.summary).toEqual(full(text));
  });

  it('parses the whole file past four damaged items', () => {
    let text = SPEC;
    for (let i = 3; i <= 7; i++) text = text.replace('qualifications:\n', `  - ref: B${i}\n   note: short\nqualifications:\n`);
    const got = summaryOf('file:///x.yaml', text);
    expect(got.fast).toBe(false);
    expect(got.summary).toEqual(full(text));
  });
});

describe('summaryOf without line starts (the CLI keeps its own)', () => {
  it("gives the reader's LF line starts, and the summary otherwise the same", () => {
    const damaged = SPEC.replace('units:\n', 'units:\n  - ref: B9\n   note: short\n');
    for (const text of [SPEC, `${SPEC}\n\n`, SPEC.replace(/\n/g, '\r\n'), damaged]) {
      const got = summaryOf('file:///x.yaml', text, { lineStarts: false });
      const usual = summaryOf('file:///x.yaml', text);
      expect(got.fast).toBe(true);
      expect(got.summary).toEqual({ ...usual.summary, lineStarts: [] });
      expect(Array.from(got.lfStarts!)).toEqual(usual.summary.lineStarts);
      expect(Array.from(got.lfStarts!)).toEqual(Array.from(lfLineStarts(text)));
    }
  });

  it('gives none where the full parse made the summary', () => {
    const text = SPEC.replace('units:\n', ' oops: x\nunits:\n');
    const got = summaryOf('file:///x.yaml', text, { lineStarts: false });
    expect(got.fast).toBe(false);
    expect(got.lfStarts).toBeUndefined();
    expect(got.summary.lineStarts).toEqual([]);
  });
});

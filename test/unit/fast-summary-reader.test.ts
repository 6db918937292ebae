/**
 * Edge cases of the fast summary reader's offset-based line handling: it must give the full parse's
 * summary, or give up, whatever the line endings, tabs, comments or keys.
 */
import { describe, expect, it } from 'vitest';
import { parseSpecText } from '../../server/src/core/parse/parse';
import { buildModel } from '../../server/src/core/model/spec';
import { summarise, type FileSummary } from '../../server/src/core/workspace/index';
import { parseSuppressions } from '../../server/src/core/lint/suppress';
import { fastSummary, fastSummaryObstacle, KEY, plainKeyAt, summaryOf } from '../../server/src/core/workspace/fast-summary';

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

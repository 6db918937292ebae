/**
 * The fast workspace summary (server/src/service/fast-summary.ts) must equal the full parse's,
 * which the checks were written against: on the real specs, on made-up edge cases, and it must
 * give up (so the caller parses in full) on what it does not read.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSpecText } from '../../server/src/core/parse/parse';
import { buildModel } from '../../server/src/core/model/spec';
import { summarise, type FileSummary } from '../../server/src/core/workspace/index';
import { parseSuppressions } from '../../server/src/core/lint/suppress';
import { fastSummary, fastSummaryObstacle, summaryOf } from '../../server/src/core/workspace/fast-summary';
import { REPO } from './helpers';

function full(uri: string, text: string): FileSummary {
  const p = parseSpecText(text);
  return summarise(uri, p, buildModel(p.data), parseSuppressions(text));
}

const HEAD = `qualspec: 1
document:
  awardingBody: Body
  title: T
  version: "1.0"
`;

describe('fast summary', () => {
  for (const f of ['isp-level-5-professional-sales.yaml', 'ilm-l2-sales-management.yaml']) {
    it(`equals the full summary on ${f}`, () => {
      const text = readFileSync(path.join(REPO, 'specs', f), 'utf8');
      const fast = fastSummary('file:///x.yaml', text);
      expect(fastSummaryObstacle(text)).toBeUndefined();
      expect(fast).toEqual(full('file:///x.yaml', text));
    });
  }

  it('reads block scalars, quoted and flow values, numbers, comments and compact lists like the parser', () => {
    const text = `${HEAD}groups:
- id: business   # a comment
  title: "Business \\"B\\""
- id: 'self'
  title: 'Self''s'
qualifications:
  - title: Level 5 Award in X
    type: award
    qan: 610/5663/7
    units:
      - L5B1
      - ref: L5B2
        credit: 5
      - 1234
    rules:
      - groups: [business, "self"]
        units: []
        mandatory:
        - L5B1
        barred: [L5B1, L5B2]
    pool:
      groups: [business]
units:
  - ref: L5B1
    uan: A/651/5975
    title: >-
      A folded
      title
    level: 5
    group: business
    glh: 0x19
    tqt: 50
    credit: 5.0
    summary: true
    specifiedIn: elsewhere.yaml
    apprenticeshipLinks:
      - standard: Std
        ksbs:
          - code: K1
            text: |
              Literal
                indented

              text
          - code: K2
            text: >-
              stripped

    sectorSubjectArea: 15.4 Marketing and Sales
  - ref: "L5B2"
    level: "5"
    group: business
    learningOutcomes:
      - number: 1
        text: |-
          anything: goes here
          - even this
`;
    const fast = fastSummary('file:///y.yaml', text);
    expect(fastSummaryObstacle(text)).toBeUndefined();
    expect(fast).toEqual(full('file:///y.yaml', text));
  });

  it('gives up on what it does not read; summaryOf then parses that list item, or the whole file', () => {
    // [text, list items parsed by yaml; -1: the whole file]
    const cases: [string, number][] = [
      [`${HEAD}units:\n  - ref: &a L5B1\n    title: T\n`, 1],
      [`${HEAD}units:\n  - ref: L5B1\n    title: a title\n      on two lines\n`, 1],
      [`${HEAD}units:\n  - {ref: L5B1, title: T}\n`, 1],
      [`${HEAD}units:\n  - ref: L5B1\n    ref: L5B2\n`, 1],
      // Keep chomping, an indentation indicator, a blank line longer than the indentation.
      [`${HEAD}units:\n  - ref: L5B1\n    title: |+\n      kept\n\n`, 1],
      [`${HEAD}units:\n  - ref: L5B1\n    title: |2\n        indented\n`, 1],
      [`${HEAD}units:\n  - ref: L5B1\n    title: |\n      a\n          \n      b\n`, 1],
      [`---\n${HEAD}`, -1],
    ];
    for (const [text, items] of cases) {
      expect(fastSummaryObstacle(text)).toBeDefined();
      const r = summaryOf('file:///z.yaml', text);
      expect(r.fast).toBe(items >= 0);
      expect(r.parsedItems).toBe(Math.max(0, items));
      expect(r.summary).toEqual(full('file:///z.yaml', text));
    }
  });
});

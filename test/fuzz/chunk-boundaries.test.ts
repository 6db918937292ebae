/**
 * The chunked parser's key property on hand-written texts at chunk boundaries (multi-line scalars and
 * flow collections, sequences at column 0, comments between items, odd keys, line ends, markers):
 * when the whole parse has no error the chunked data deep-equals it, and both agree on whether there
 * is an error at all. The fuzzer checks the same on random mutations (fuzz.ts, property b).
 */
import { describe, expect, it } from 'vitest';
import { parseSpecText } from '../../server/src/core/index.js';
import { firstDifference } from './fuzz.js';

const cases: Record<string, string> = {
  dqMultiline: 'title: "a\nb: c"\nx: 1\n',
  sqMultiline: "title: 'a\nb: c'\nx: 1\n",
  plainMultiline: 'title: a\n b: c\nx: 1\n',
  flowMultiline: 'units: [a,\nb: 1]\nx: 1\n',
  flowMultiline2: 'units: {a: 1,\nb: 2}\nx: 1\n',
  blockScalarCol0Blank: 'text: |\n  a\n\n  b\nx: 1\n',
  blockScalarKeep: 'text: |+\n  a\n\nx: 1\n',
  blockScalarIndentInd: 'text: |2\n   a\nx: 1\n',
  commentCol0InSeq: 'units:\n  - a: 1\n# c\n  - b: 2\nx: 1\n',
  seqCol0: 'units:\n- a\n- b\nx: 1\n',
  seqCol0Nested: 'units:\n- a:\n  - b\n- c\nx: 1\n',
  seqCol0ThenCol0Key: 'units:\n- a\nb: 2\n',
  explicitKey: '? a\n: 1\nb: 2\n',
  keyTrailingSpaces: 'a  : 1\nb: 2\n',
  keyTab: 'a\t: 1\nb: 2\n',
  nbspKey: 'a\u00a0: 1\nb: 2\n',
  quotedKeyEsc: '"a\\x62": 1\nab: 2\n',
  quotedKeyColon: '"a: b": 1\nc: 2\n',
  sqKeyEsc: "'it''s': 1\nb: 2\n",
  dupQuoted: '"a": 1\na: 2\n',
  dupSq: "'a': 1\na: 2\n",
  dupPlainTrailing: 'a : 1\na: 2\n',
  docEnd: 'a: 1\n...\n',
  docStart: '---\na: 1\n',
  tagTop: 'a: !!str 1\nb: 2\n',
  anchorInValue: 'a: &x 1\nb: 2\n',
  bom: '\uFEFFa: 1\nb: 2\n',
  bomMid: 'a: 1\n\uFEFFb: 2\n',
  crOnly: 'a: 1\rb: 2\r',
  crlf: 'a: 1\r\nb:\r\n  - x\r\n  - y\r\n',
  lsep: 'a: 1\u2028b: 2\n',
  nel: 'a: 1\u0085b: 2\n',
  seqItemEmpty: 'units:\n  -\n  - a\nx: 1\n',
  seqItemComment: 'units:\n  - # c\n    a: 1\nx: 1\n',
  indentedSeqDedent: 'units:\n    - a\n  - b\nx: 1\n',
  keyOnlyThenSeq: 'units:\n\n  - a\n',
  keyWithComment: 'units: # c\n  - a\n',
  keyWithValueAndSeq: 'units: x\n  - a\n',
  longKey: 'k'.repeat(1100) + ': 1\nb: 2\n',
  colonInPlainValue: 'a: b:c\nd: 2\n',
  hashInKey: 'a#b: 1\nc: 2\n',
  percentLine: 'a: 1\n%YAML 1.2\n---\nb: 2\n',
  mergeKey: 'a: {x: 1}\n<<: {y: 2}\n',
  directiveLikeValue: 'a: "%x"\nb: 2\n',
  dashKey: '-a: 1\nb: 2\n',
  dashSpaceTop: '- a\n',
  complexSeqItemFlow: 'units:\n  - [a, b]\n  - {c: d}\nx: 1\n',
  seqItemAnchorAlias: 'units:\n  - &a x\n  - *a\n',
  nullKey: ': 1\nb: 2\n',
  emptyValueThenComment: 'a:\n# c\nb: 2\n',
  emptyValueCommentIndented: 'a:\n  # c\nb: 2\n',
  tabAfterColon: 'a:\t1\nb: 2\n',
  tabInValue: 'a: x\ty\nb: 2\n',
};

describe('chunked parse == whole parse at chunk boundaries', () => {
  for (const [name, text] of Object.entries(cases)) {
    it(name, () => {
      const whole = parseSpecText(text, { whole: true });
      const chunked = parseSpecText(text);
      const wholeErrors = whole.problems.filter((p) => p.severity === 'error').map((p) => p.code);
      const chunkedErrors = chunked.problems.filter((p) => p.severity === 'error').map((p) => p.code);
      if (wholeErrors.length === 0) {
        expect(firstDifference(chunked.data, whole.data)).toBeUndefined();
        expect(chunkedErrors).toEqual([]);
      } else {
        expect(chunkedErrors.length).toBeGreaterThan(0);
      }
    });
  }
});

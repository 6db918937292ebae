/**
 * Every message that quotes a value reads well when the value is empty or only spaces: no
 * "version , but …", no "in ''", no doubled spaces. Each scalar of two small specs (an Award, and
 * a Certificate with rules of combination) is emptied in turn and every finding's message read.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyseFile } from '../../server/src/core/index.js';
import { certificateSpec, spec } from '../helpers/spec';

const BROKEN = [
  /\s[,.;:)]/, // a gap where the value was: "version , but", "says  ."
  /\(\s/,
  /''|""|‘’|“”/, // an empty value in quotes
  / {2}/, // a doubled space
  /\bundefined\b|\bnull\b|\[object /,
];

function emptied(text: string): { line: string; text: string }[] {
  const lines = text.split('\n');
  const out: { line: string; text: string }[] = [];
  lines.forEach((l, i) => {
    const m = /^(\s*(?:- )?[A-Za-z]+:) (?![|>])(.+?)(\s+#.*)?$/.exec(l) ?? /^(\s*- )(?![A-Za-z]+:)([^#\s][^#]*?)(\s+#.*)?$/.exec(l);
    if (!m) return;
    for (const empty of ['""', "''", '" "']) {
      const line = m[1]!.endsWith(':') ? `${m[1]} ${empty}` : `${m[1]}${empty}`;
      out.push({ line: line.trim(), text: [...lines.slice(0, i), line, ...lines.slice(i + 1)].join('\n') });
    }
  });
  return out;
}

describe('messages with an empty value', () => {
  const specs = {
    award: readFileSync(path.join(__dirname, '../fixtures/fix-safety/commented-clean.yaml'), 'utf8'),
    'an Award and its units': spec(),
    'a Certificate with rules': certificateSpec(),
  };
  for (const [name, base] of Object.entries(specs))
    it(`never leave a gap or empty quotes: ${name}`, () => {
      const variants = emptied(base);
      expect(variants.length).toBeGreaterThan(40);
      const bad: string[] = [];
      let messages = 0;
      for (const v of variants)
        for (const f of analyseFile('file:///w/specs/a.yaml', v.text).findings) {
          messages++;
          if (BROKEN.some((re) => re.test(f.message))) bad.push(`${v.line}  =>  ${f.ruleId}: ${f.message}`);
        }
      expect(messages).toBeGreaterThan(variants.length / 2);
      expect(bad).toEqual([]);
    });
});

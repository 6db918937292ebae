/**
 * Replays every case the fuzzer (or a hostile-input test) once broke, from
 * test/fixtures/fuzz-regressions/ (README.md there says what each one broke and what fixed it).
 * Each must pass every property of the fuzzer, and some carry a finding they must produce.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseFile, ChunkCache, parseSpecText } from '../../server/src/core/index.js';
import { checkCase, loadRegressions } from './fuzz.js';
import { rule as acNumbering } from '../../server/src/core/rules/ac-numbering.js';
import { buildModel } from '../../server/src/core/model/spec.js';
import { WorkspaceIndex } from '../../server/src/core/workspace/index.js';
import type { Fix } from '../../server/src/core/rules/types.js';

/** Findings some regressions must produce (rule id and a phrase of the message). */
const EXPECT: Record<string, { ruleId: string; phrase: RegExp }> = {
  'deep-flow-nesting-10000.yaml': { ruleId: 'yaml-syntax', phrase: /more than 64 levels deep/ },
  'nested-implicit-keys-on-one-line.yaml': { ruleId: 'yaml-syntax', phrase: /more than 64 levels deep/ },
  'duplicate-top-level-key-then-list.yaml': { ruleId: 'yaml-syntax', phrase: /appears twice/ },
  'unterminated-quote-at-end-of-file.yaml': { ruleId: 'yaml-syntax', phrase: /quote .*never closed|quoted value is not closed/ },
  'duplicate-key-with-space-run.yaml': { ruleId: 'yaml-syntax', phrase: /appears twice/ },
  'long-word-before-missing-space.yaml': {
    ruleId: 'space-after-punctuation',
    phrase: /^'a{29}…a{25}\.The' \(60,004 characters\) in .*a space is missing after the '\.'/,
  },
  'thousands-of-syntax-errors-on-one-line.yaml': { ruleId: 'yaml-syntax', phrase: /more YAML problems from here on are not listed one by one/ },
};

const cases = loadRegressions();

describe('fuzz regressions', () => {
  // The schema compiles on first use: not part of any case's time.
  beforeAll(() => void analyseFile('file:///warm.yaml', 'qualspec: 1\n'));

  it('the fixtures are there', () => {
    expect(cases.length).toBeGreaterThanOrEqual(Object.keys(EXPECT).length);
    for (const name of Object.keys(EXPECT)) expect(cases.map((c) => c.name)).toContain(name);
  });

  for (const c of cases) {
    it(`${c.name}: no exception, sound spans and fixes, chunked == whole, under 1 s`, () => {
      // Fresh, and through a cache primed with a well-formed spec (the server's incremental path).
      const cache = new ChunkCache();
      parseSpecText('qualspec: 1\ndocument:\n  title: T\n', { cache });
      for (const r of [checkCase(c.text), checkCase(c.text, { cache, fresh: true })]) {
        expect(r.failures).toEqual([]);
        expect(r.cpuMs).toBeLessThan(1000);
      }
      if (c.name === 'damaged-list-item-holding-two-items.yaml') {
        // Each renumbering edit replaces a criterion's number, not the 'units' key it used to fall back to.
        // (The engine holds the rule's findings back while the YAML is damaged: run the rule itself.)
        const parsed = parseSpecText(c.text);
        const fixes: Fix[] = [];
        acNumbering.check({
          uri: 'file:///regression.yaml',
          parsed,
          model: buildModel(parsed.data),
          index: new WorkspaceIndex(),
          report: (r) => fixes.push(...(r.fixes ?? [])),
        });
        const edits = fixes.flatMap((x) => x.edits);
        expect(edits.length).toBeGreaterThan(0);
        for (const e of edits) expect(c.text.slice(e.span.start, e.span.end)).toBe('1');
      }
      const want = EXPECT[c.name];
      if (want) {
        const f = analyseFile('file:///regression.yaml', c.text).findings.find((x) => x.ruleId === want.ruleId && want.phrase.test(x.message));
        expect(f, `a ${want.ruleId} finding matching ${want.phrase}`).toBeDefined();
        expect(f!.span.start).toBeGreaterThanOrEqual(0);
        expect(f!.span.end).toBeLessThanOrEqual(c.text.length);
      }
    });
  }
});

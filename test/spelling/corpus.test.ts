import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lint } from '../helpers/spec';
import { injectTypos, type Typo } from './corpus';

const SPECS = ['specs/isp-level-5-professional-sales.yaml', 'specs/ilm-l2-sales-management.yaml'];
const RULES = new Set(['spelling', 'us-spelling']);

describe('spelling on a seeded typo corpus', () => {
  it('finds nothing in the clean specs', () => {
    for (const p of SPECS) expect(lint(readFileSync(p, 'utf8')).filter((f) => RULES.has(f.ruleId))).toEqual([]);
  });

  it('flags at least 95% of 120 injected typos and suggests the intended word for at least 85%', () => {
    const results: { typo: Typo; flagged: boolean; suggested: boolean }[] = [];
    for (const [p, n, seed] of [
      [SPECS[0]!, 90, 16],
      [SPECS[1]!, 30, 61],
    ] as const) {
      const { text, typos } = injectTypos(readFileSync(p, 'utf8'), n, seed);
      expect(typos.length).toBe(n);
      const found = lint(text).filter((f) => RULES.has(f.ruleId));
      for (const t of typos) {
        const f = found.find((x) => x.span.start === t.start && x.span.end === t.start + t.typo.length);
        const suggestions = ((f?.data as { suggestions?: string[] } | undefined)?.suggestions ?? []).map((s) => s.toLowerCase());
        results.push({ typo: t, flagged: !!f, suggested: suggestions.includes(t.intended.toLowerCase()) });
      }
    }
    const kinds = new Set(results.map((r) => r.typo.kind));
    expect(kinds.size).toBeGreaterThanOrEqual(6);
    const flagged = results.filter((r) => r.flagged).length / results.length;
    const suggested = results.filter((r) => r.suggested).length / results.length;
    const missed = results.filter((r) => !r.suggested).map((r) => `${r.typo.typo} (${r.typo.intended}, ${r.typo.kind}${r.flagged ? '' : ', not flagged'})`);
    console.log(
      `typo corpus: ${results.length} typos, ${(flagged * 100).toFixed(1)}% flagged, intended word suggested for ${(suggested * 100).toFixed(1)}%; missed: ${missed.join(', ')}`,
    );
    expect(flagged).toBeGreaterThanOrEqual(0.95);
    expect(suggested).toBeGreaterThanOrEqual(0.85);
  });
});

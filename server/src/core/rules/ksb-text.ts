import type { KsbSummary } from '../workspace/index.js';
import type { WorkspaceRule } from './types.js';

export const rule: WorkspaceRule = {
  meta: {
    id: 'ksb-text',
    severity: 'warning',
    category: 'apprenticeship',
    description: 'One KSB code of one apprenticeship standard carries one text everywhere it is cited.',
  },
  scope: 'workspace',
  check({ index, report }) {
    const byCode = new Map<string, KsbSummary[]>();
    // A workspace cites a few standards thousands of times: normalise each standard's name once.
    const standardKey = new Map<string, string>();
    for (const f of index.all())
      for (const k of f.ksbs) {
        let std = standardKey.get(k.standard);
        if (std === undefined) standardKey.set(k.standard, (std = `${k.standard.trim().toLowerCase()}|`));
        const key = std + k.code;
        const l = byCode.get(key);
        if (l) l.push(k);
        else byCode.set(key, [k]);
      }
    const norm = (s: string) => s.trim().replace(/\s+/g, ' ').replace(/[.;]$/, '');
    for (const list of byCode.values()) {
      // The usual case, one text written the same way everywhere, needs no normalising.
      const first = list[0]!.text;
      if (list.every((k) => k.text === first)) continue;
      const texts = new Map<string, KsbSummary[]>();
      for (const k of list) {
        // push, not a copy per item: one code cited in every file of a 1,000-file workspace was quadratic
        const key = norm(k.text);
        const same = texts.get(key);
        if (same) same.push(k);
        else texts.set(key, [k]);
      }
      if (texts.size < 2) continue;
      // The most used wording is taken as the standard's; every other wording is reported.
      const ranked = [...texts.entries()].sort((a, b) => b[1].length - a[1].length);
      const [main, mainUses] = ranked[0]!;
      for (const [text, uses] of ranked.slice(1)) {
        for (const k of uses)
          report(k.uri, {
            span: k.span,
            message: `${k.code} of '${k.standard}' reads "${text.length > 80 ? text.slice(0, 77) + '…' : text}" here${k.unitRef ? ` (unit ${k.unitRef})` : ''}, but "${main.length > 80 ? main.slice(0, 77) + '…' : main}" in ${mainUses.length} other place${mainUses.length > 1 ? 's' : ''}: one code of one standard has one text.`,
            related: mainUses.slice(0, 5).map((o) => ({ uri: o.uri, span: o.span, message: `${o.code}${o.unitRef ? ` in ${o.unitRef}` : ''}` })),
          });
      }
    }
  },
};

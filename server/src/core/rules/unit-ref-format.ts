import { refConvention } from '../model/identifiers.js';
import type { FileRule } from './types.js';

export const rule: FileRule = {
  meta: {
    id: 'unit-ref-format',
    severity: 'warning',
    category: 'identifiers',
    description:
      'A unit ref follows the convention its document declares (document.unitRefs: a preset such as isp, ilm, city-and-guilds, or a pattern such as L{level}{group}{number}); with no convention declared, refs are not judged for style.',
  },
  scope: 'file',
  check({ model, report, config }) {
    const conv = refConvention(model.document.unitRefs ?? config?.unitRefs);
    if (!conv) return;
    const declarer = model.document.unitRefs !== undefined ? 'this document declares' : "the workspace's .qualspec.yaml declares";
    const example = conv.pattern
      .replace(/\{level[^}]*\}/, '3')
      .replace(/\{group[^}]*\}/, 'B')
      .replace(/\{number(?::(\d))?\}/, (_, n: string | undefined) => '1'.padStart(Number(n ?? 1), '0'))
      .replace(/\{scheme(?::(\d))?\}/, (_, n: string | undefined) => '8750'.slice(0, Number(n ?? 4)).padEnd(Number(n ?? 4), '0'));
    const shown = conv.name === conv.pattern ? `the pattern ${conv.pattern}` : `the ${conv.name} convention (${conv.pattern})`;
    for (const u of model.units) {
      // An empty ref is the schema's to report ("give it some text"): there is no convention to compare.
      if (u.ref === undefined || u.ref.trim() === '' || conv.re.test(u.ref)) continue;
      const upper = u.ref.toUpperCase();
      const hint = upper !== u.ref && conv.re.test(upper) ? ` Did you mean ${upper}?` : '';
      report({
        path: [...u.path, 'ref'],
        message: `Unit ref '${u.ref}' does not follow ${shown} that ${declarer} for its unit refs (e.g. ${example}), so its level and group cannot be read from it.${hint}`,
      });
    }
  },
};

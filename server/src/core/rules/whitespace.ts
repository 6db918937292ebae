import { isScalar } from 'yaml';
import { textFields } from './text-fields.js';
import { yamlString } from './util.js';
import type { FileRule } from './types.js';

export const rule: FileRule = {
  meta: {
    id: 'whitespace',
    severity: 'warning',
    category: 'text',
    description: 'Titles and statements carry no stray whitespace: no leading or trailing spaces, no double spaces, no tabs or non-breaking spaces.',
    fixable: true,
  },
  scope: 'file',
  check({ parsed, model, report }) {
    for (const f of textFields(model)) {
      if (f.kind === 'prose') continue;
      const v = f.value;
      const edges = /^\s|\s$/.test(v);
      const doubled = /\S {2,}\S/.test(v);
      const odd = /[\t\u00a0\u2000-\u200b\u3000]/.test(v);
      const breaks = v.includes('\n');
      // (The list of problems is made only for a field that has one: this runs on every title and statement.)
      if (!edges && !doubled && !odd && !breaks) continue;
      const problems: string[] = [];
      if (edges) problems.push('leading or trailing spaces');
      if (doubled) problems.push('double spaces');
      if (odd) problems.push('tabs or non-breaking spaces');
      if (breaks) problems.push('a line break');
      const clean = v
        .replace(/[\t\u00a0\u2000-\u200b\u3000]/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
      const at = parsed.nodeAt(f.path);
      const type = at && isScalar(at.node) ? at.node.type : undefined;
      const span = parsed.locate(f.path);
      // Rewrite only scalars on one line (plain or quoted): block scalars are left for a person.
      const oneLine = (type === 'PLAIN' || type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE') && !parsed.text.slice(span.start, span.end).includes('\n');
      report({
        path: f.path,
        message: `The ${f.kind === 'title' ? 'title' : 'text'} of ${f.owner} has ${problems.join(' and ')}: write it on one line with single, ordinary spaces.`,
        // Keep the scalar's style: plain stays plain where YAML allows, quotes stay the same quotes.
        fixes: oneLine
          ? [
              {
                title: 'Tidy the whitespace',
                edits: [
                  { span, newText: type === 'PLAIN' ? yamlString(clean) : type === 'QUOTE_SINGLE' ? `'${clean.replace(/'/g, "''")}'` : JSON.stringify(clean) },
                ],
                preferred: true,
                safe: true,
              },
            ]
          : [],
      });
    }
  },
};

import { replaceValue } from './util.js';
import { compareVersions } from './change-history.js';
import type { FileRule } from './types.js';

export const rule: FileRule = {
  meta: {
    id: 'version-latest',
    severity: 'error',
    category: 'history',
    description: "The document's version (and publication date) is its latest change-history entry's.",
    fixable: true,
  },
  scope: 'file',
  check({ parsed, model, report }) {
    const d = model.document;
    const changes = d.changes.filter((c) => typeof c.version === 'string' && /^\d+(\.\d+)*$/.test(c.version as string));
    if (!changes.length || typeof d.version !== 'string') return;
    const latest = changes.reduce((a, b) => (compareVersions(b.version as string, a.version as string) > 0 ? b : a));
    if (d.version !== latest.version) {
      report({
        path: ['document', 'version'],
        message:
          d.version.trim() === ''
            ? `The document's version is empty, but its change history goes up to version ${String(latest.version)}: the current version must be the latest entry.`
            : `The document is version ${d.version}, but its change history goes up to version ${String(latest.version)}: the current version must be the latest entry.`,
        related: [{ path: [...latest.path, 'version'], message: `latest entry: ${String(latest.version)}` }],
        fixes: [
          replaceValue(parsed, ['document', 'version'], JSON.stringify(latest.version), `Set the version to "${String(latest.version)}"`, {
            preferred: true,
            safe: true,
          }),
        ],
      });
    } else if (d.published?.trim() && latest.date?.trim() && d.published !== latest.date) {
      report({
        path: ['document', 'published'],
        severity: 'warning',
        message: `Version ${d.version} was published on ${latest.date} according to the change history, but the document says ${d.published}.`,
        related: [{ path: [...latest.path, 'date'], message: `version ${d.version} dated ${latest.date}` }],
        fixes: [replaceValue(parsed, ['document', 'published'], latest.date, `Set the publication date to ${latest.date}`, { preferred: true })],
      });
    }
  },
};

/**
 * The "Compare with previous version" report as a page: a pure function of the report (no `vscode`
 * import), so that a unit test can check its Content-Security-Policy and its escaping.
 *
 * The page runs no script at all: every text of the report is escaped into static HTML here, and
 * its links are command URIs limited (by the panel's `enableCommandUris`) to the two commands it
 * needs — go to a line, insert the drafted change-history entry. So there is no script to give a
 * nonce to, no innerHTML at run time, and the policy is `default-src 'none'` with the extension's
 * own stylesheet only.
 */
import type { Change, DiffReport, QualificationImpact } from '../../../server/src/core/diff/types.js';
import type { WordPart } from '../../../server/src/core/diff/words.js';

export const REVEAL_COMMAND = 'qualspec.diff.revealLine';
export const INSERT_ENTRY_COMMAND = 'qualspec.insertChangeHistoryEntry';

/** Escapes a value for HTML text or a double-quoted attribute. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function diffCsp(cspSource: string): string {
  return ["default-src 'none'", `style-src ${cspSource}`].join('; ');
}

/** A command URI: the arguments JSON-encoded, then URI-encoded (VS Code's convention). */
export function commandUri(command: string, args: unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

const num = (s: string | null): string => (s === null ? '—' : s.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
const rng = (r: { min: number; max: number } | null): string => (r ? (r.min === r.max ? `${r.min}` : `${r.min}–${r.max}`) : '—');

/** A range before and after: once when it did not change ("13–17", "—"), else "45–76 → 42–71". */
function span(r: { before: { min: number; max: number } | null; after: { min: number; max: number } | null }): string {
  const [a, b] = [rng(r.before), rng(r.after)];
  return a === b ? a : `${a} → ${b}`;
}

function words(parts: readonly WordPart[]): string {
  return parts
    .map((p) => (p.op === 'same' ? escapeHtml(p.text) : p.op === 'removed' ? `<del>${escapeHtml(p.text)}</del>` : `<ins>${escapeHtml(p.text)}</ins>`))
    .join(' ');
}

export interface DiffPageInput {
  cspSource: string;
  styleUri: string;
  /** The open spec (the new version), for the line links. */
  uri: string;
  report: DiffReport;
  /** Whether the drafted entry can be inserted (the server found where). */
  canInsert: boolean;
}

function lineLink(uri: string, line: number): string {
  return `<a href="${escapeHtml(commandUri(REVEAL_COMMAND, [uri, line]))}" title="Go to line ${line}">line ${line}</a>`;
}

function change(uri: string, c: Change): string {
  // An added item was nowhere in the old version (its `old` is the place it would have been).
  const where = [c.new ? lineLink(uri, c.new.line) : '', c.old && c.kind !== 'added' ? `was line ${c.old.line}` : ''].filter(Boolean).join(' · ');
  return `<li class="change ${escapeHtml(c.kind)}${c.sensitive ? ' sensitive' : ''}"><span class="kind">${escapeHtml(c.kind)}</span> ${escapeHtml(c.message)}${
    c.sensitive ? ' <span class="badge">regulator-sensitive</span>' : ''
  } <span class="where">${where}</span>${c.words ? `<div class="words">${words(c.words)}</div>` : ''}</li>`;
}

function impactRow(uri: string, q: QualificationImpact): string {
  const cells = [
    `${escapeHtml(q.subject)}${q.new ? ` (${lineLink(uri, q.new.line)})` : ''}`,
    num(q.before),
    num(q.after),
    num(q.both),
    num(q.lost),
    span(q.credit),
    span(q.glh),
    span(q.tqt),
  ];
  const notes = [
    q.withdrawn.length ? `Units withdrawn: ${q.withdrawn.join(', ')}.` : '',
    q.introduced.length ? `Units now available: ${q.introduced.join(', ')}.` : '',
    ...q.unreachable.map((u) => `No longer reached: ${u}.`),
    q.note ?? '',
  ].filter(Boolean);
  return `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>${notes.length ? `<tr class="notes"><td colspan="8">${escapeHtml(notes.join(' '))}</td></tr>` : ''}`;
}

export function getDiffHtml(input: DiffPageInput): string {
  const { report, uri } = input;
  const csp = escapeHtml(diffCsp(input.cspSource));
  const bySubject = new Map<string, Change[]>();
  for (const c of report.changes) bySubject.set(c.subject, [...(bySubject.get(c.subject) ?? []), c]);
  const changes = report.changes.length
    ? [...bySubject].map(([s, list]) => `<section><h3>${escapeHtml(s)}</h3><ul>${list.map((c) => change(uri, c)).join('')}</ul></section>`).join('\n')
    : '<p>No changes: the two versions say the same (spacing and comments aside).</p>';
  const impact = report.impact.length
    ? `<table><thead><tr><th>Qualification</th><th>Valid selections before</th><th>After</th><th>Valid under both</th><th>No longer valid</th><th>Credit</th><th>GLH</th><th>TQT</th></tr></thead><tbody>${report.impact
        .map((q) => impactRow(uri, q))
        .join('')}</tbody></table>`
    : '<p>No Certificate or Diploma with rules of combination.</p>';
  const problems = report.problems.length
    ? `<ul>${report.problems
        .map(
          (p) =>
            `<li class="problem ${escapeHtml(p.severity)}"><span class="kind">${escapeHtml(p.severity)}</span> ${escapeHtml(p.message)}${p.new ? ` (${lineLink(uri, p.new.line)})` : ''}</li>`,
        )
        .join('')}</ul>`
    : '<p>Nothing to fix: the version and the change history record the change.</p>';
  const insert = input.canInsert
    ? `<p><a class="button" href="${escapeHtml(commandUri(INSERT_ENTRY_COMMAND, [uri]))}">Insert this entry in the change history</a></p>`
    : report.changes.length && !report.problems.some((p) => p.code === 'no-change-history-entry')
      ? `<p class="note">The change history already has an entry for version ${escapeHtml(report.changelog.version)}: this draft is there to compare its wording with.</p>`
      : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${escapeHtml(input.styleUri)}">
<title>Changes since ${escapeHtml(report.old.label)}</title>
</head>
<body>
<main>
<h1>Changes since ${escapeHtml(report.old.label)}</h1>
<p class="versions">Version ${escapeHtml(report.old.version ?? '?')} → ${escapeHtml(report.new.version ?? '?')} · ${report.changes.length} change${report.changes.length === 1 ? '' : 's'}</p>
<h2>What changed</h2>
${changes}
<h2>Impact on learners</h2>
${impact}
<h2>Change control</h2>
${problems}
<h2>Drafted change-history entry</h2>
<pre>${escapeHtml(report.changelog.yaml)}</pre>
${insert}
</main>
</body>
</html>
`;
}

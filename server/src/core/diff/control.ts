/**
 * Change control over a semantic diff: a new version that changed content must carry a new
 * document.version and a change-history entry for it; regulator-sensitive changes are called out;
 * and a change-history entry is drafted from the changes.
 */
import type { SpecModel } from '../model/spec.js';
import type { ParsedFile, Path } from '../parse/parse.js';
import type { Severity } from '../rules/types.js';
import { LineIndex } from '../text/line-index.js';
import type { Change, ChangelogDraft, ControlProblem, QualificationImpact, Where } from './types.js';

/** Changes to the document's version, date and change history: the record of a change, not content. */
export const isRecordKeeping = (c: Change): boolean => c.key === 'document version' || c.key === 'document published' || c.key.startsWith('history ');

/** Changes to the settings of qualspec's checks (document.words, language, unitRefs): nothing a reader of the document sees. */
export const isSetting = (c: Change): boolean => c.area === 'settings';

/** A change to what the published document says: neither the record of a change nor a checker setting. */
export const isContent = (c: Change): boolean => !isRecordKeeping(c) && !isSetting(c);

function whereIn(parsed: ParsedFile, path: Path): Where {
  const span = parsed.locate(path);
  return { path, span, line: new LineIndex(parsed.text).positionAt(span.start).line + 1 };
}

const text = (v: string | number | undefined): string | undefined => (v === undefined ? undefined : String(v));

/** "1.1" -> "1.2", "2" -> "3", "1.9" -> "1.10"; anything else gets ".1" appended. */
export function nextVersion(v: string | undefined): string {
  if (!v) return '1.0';
  const m = /^(.*?)(\d+)$/.exec(v);
  return m ? `${m[1]}${Number(m[2]) + 1}` : `${v}.1`;
}

export function control(
  changes: readonly Change[],
  impact: readonly QualificationImpact[],
  before: SpecModel,
  after: SpecModel,
  afterParsed: ParsedFile,
  sensitiveSeverity: Severity | 'off',
): ControlProblem[] {
  const problems: ControlProblem[] = [];
  const content = changes.filter(isContent);
  const vOld = text(before.document.version);
  const vNew = text(after.document.version);
  if (content.length > 0) {
    if (vOld === vNew)
      problems.push({
        code: 'version-not-changed',
        severity: 'error',
        message: `The content changed (${content.length} change${content.length === 1 ? '' : 's'}) but the document version is still ${vOld ?? '(none)'}: give this version a new number, e.g. "${nextVersion(vOld)}".`,
        new: whereIn(afterParsed, afterParsed.has(['document', 'version']) ? ['document', 'version'] : ['document']),
      });
    const oldVersions = new Set(before.document.changes.map((c) => text(c.version)));
    const entry = after.document.changes.find((c) => text(c.version) === vNew && !oldVersions.has(vNew));
    if (vOld === vNew || !entry)
      problems.push({
        code: 'no-change-history-entry',
        severity: 'error',
        message: `No new change-history entry records this version${vNew !== undefined && vNew !== vOld ? ` (${vNew})` : ''}: add one that says what changed (qualspec diff --changelog drafts it).`,
        new: whereIn(afterParsed, afterParsed.has(['document', 'changeHistory']) ? ['document', 'changeHistory'] : ['document']),
      });
  }
  if (sensitiveSeverity !== 'off') {
    const bySubject = new Map<string, Change[]>();
    for (const c of changes) if (c.sensitive) bySubject.set(`${c.sensitive}|${c.subject}`, [...(bySubject.get(`${c.sensitive}|${c.subject}`) ?? []), c]);
    for (const [key, list] of bySubject) {
      const kind = key.split('|')[0];
      const first = list[0]!;
      const parts = list.map((c) => lower(c.message)).join('; ');
      const message =
        kind === 'outcomes'
          ? `${first.subject}: learning outcomes or assessment criteria changed under the same UAN (${parts}). A regulated unit's outcomes and criteria are recorded with its UAN: check with the regulator whether this needs a new unit number.`
          : `${first.subject}: sizes changed under the same QAN (${parts}). A regulated qualification's GLH, TQT and credit are recorded with its QAN: check with the regulator whether this needs a new qualification number or a notification.`;
      const p: ControlProblem = { code: 'regulator-sensitive', severity: sensitiveSeverity, message, change: first.key };
      if (first.new) p.new = first.new;
      problems.push(p);
    }
  }
  for (const q of impact)
    for (const u of q.unreachable) {
      const p: ControlProblem = { code: 'size-unreachable', severity: 'warning', message: `${q.subject}: this version's rules no longer reach ${u}.` };
      if (q.new) p.new = q.new;
      problems.push(p);
    }
  return problems;
}

const WIDTH = 96;

/** "Learning outcome 2 …" -> "learning outcome 2 …", but "TQT …" and "UAN …" stay. */
const lower = (s: string): string => (/^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);

function fold(s: string, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const w of s.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + w.length > WIDTH) {
      lines.push(indent + line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(indent + line);
  return lines.join('\n');
}

/** The summary sentence of a change, for a change history (ASCII arrows, as the specs write them). */
const sentence = (c: Change): string => `${c.message.replace(/ → /g, ' -> ').replace(/\.$/, '')}.`;

export function changelog(changes: readonly Change[], before: SpecModel, after: SpecModel, today: string): ChangelogDraft {
  const vOld = text(before.document.version);
  const vNew = text(after.document.version);
  const version = vNew !== undefined && vNew !== vOld ? vNew : nextVersion(vOld);
  const bySubject = new Map<string, Change[]>();
  for (const c of changes) if (isContent(c)) bySubject.set(c.subject, [...(bySubject.get(c.subject) ?? []), c]);
  const summary =
    bySubject.size === 0
      ? 'No change to the content.'
      : [...bySubject].map(([subject, list]) => `${subject}: ${list.map((c) => lower(sentence(c)).replace(/\.$/, '')).join('; ')}.`).join(' ');
  const yaml = `- version: "${version}"\n  date: ${today}\n  summary: >-\n${fold(summary, '    ')}\n`;
  return { version, date: today, summary, yaml };
}

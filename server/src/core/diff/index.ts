/**
 * The semantic diff of two versions of a spec (issue 17): what changed, what it means for learners
 * (by the combination engine), and whether the change is recorded. Pure: two texts in, a report out.
 */
import { buildModel, type SpecModel } from '../model/spec.js';
import { parseSpecText, type ParsedFile } from '../parse/parse.js';
import { LineIndex } from '../text/line-index.js';
import type { WorkspaceIndex } from '../workspace/index.js';
import { changelog, control, isContent } from './control.js';
import { impact } from './impact.js';
import { diffData } from './semantic.js';
import { DiffInputError, type DiffOptions, type DiffReport } from './types.js';

export * from './types.js';
export { wordDiff, similarity, normalise, type WordPart } from './words.js';
export { countBoth, MAX_CHANGED, type BothCount } from './both.js';
export { nextVersion, isRecordKeeping, isSetting, isContent } from './control.js';

export interface DiffSide {
  /** How the version is named in messages: "HEAD:specs/isp.yaml", "old/isp.yaml". */
  label: string;
  uri: string;
  text: string;
  /** The other spec files of this version, for pools that name units specified elsewhere. */
  index?: WorkspaceIndex;
}

export interface ReadSide {
  label: string;
  uri: string;
  parsed: ParsedFile;
  model: SpecModel;
  index?: WorkspaceIndex;
}

const SPEC_KEYS = ['document', 'qualifications', 'units'];

/** Parse one version; a YAML error or a file that is not a spec is a DiffInputError naming the version and the line. */
export function readSide(side: DiffSide, exact = false): ReadSide {
  // js-yaml reads the data; \`yaml\` parses only the chunks a change points into (see ParseOptions.fast).
  const parsed = parseSpecText(side.text, exact ? {} : { fast: true });
  const bad = parsed.problems.find((p) => p.severity === 'error');
  if (bad) {
    const pos = new LineIndex(side.text).positionAt(bad.span.start);
    throw new DiffInputError(`${side.label}:${pos.line + 1}:${pos.character + 1}: not valid YAML: ${bad.message.split('\n')[0]}`, side.label, pos.line + 1);
  }
  const data = parsed.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data) || !SPEC_KEYS.some((k) => k in data))
    throw new DiffInputError(
      `${side.label} is not a qualification spec: it has none of the sections ${SPEC_KEYS.join(', ')}${data === undefined ? ' (the file is empty)' : ''}.`,
      side.label,
    );
  const out: ReadSide = { label: side.label, uri: side.uri, parsed, model: buildModel(data) };
  if (side.index) out.index = side.index;
  return out;
}

export function diffSpecs(before: DiffSide, after: DiffSide, options: DiffOptions = {}): DiffReport {
  const report = diffRead(readSide(before), readSide(after), options);
  // Where the fast reading and \`yaml\` turned out to disagree on a chunk, trust neither: read exactly.
  const diverged = (r: ReadSide) => r.parsed.fast?.diverged === true;
  if (!diverged(report.a) && !diverged(report.b)) return report.report;
  return diffRead(readSide(before, true), readSide(after, true), options).report;
}

function diffRead(a: ReadSide, b: ReadSide, options: DiffOptions): { a: ReadSide; b: ReadSide; report: DiffReport } {
  const { changes, unitRename } = diffData(a.parsed, b.parsed);
  const qualImpact = impact(
    { model: a.model, parsed: a.parsed, uri: a.uri, ...(a.index ? { index: a.index } : {}) },
    { model: b.model, parsed: b.parsed, uri: b.uri, ...(b.index ? { index: b.index } : {}) },
    unitRename,
    options.maxMillis,
  );
  const problems = control(changes, qualImpact, a.model, b.model, b.parsed, options.sensitiveSeverity ?? 'warning');
  const today = options.today ?? b.model.document.published ?? '1970-01-01';
  const side = (s: ReadSide) => {
    const info: DiffReport['old'] = { label: s.label };
    if (s.model.document.title !== undefined) info.title = s.model.document.title;
    if (s.model.document.version !== undefined) info.version = String(s.model.document.version);
    return info;
  };
  const report: DiffReport = {
    old: side(a),
    new: side(b),
    changes,
    impact: qualImpact,
    problems,
    contentChanged: changes.some(isContent),
    changelog: changelog(changes, a.model, b.model, today),
  };
  return { a, b, report };
}

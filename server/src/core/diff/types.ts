/**
 * The semantic difference between two versions of a spec: what the CLI, the language server and
 * the VS Code panel show. JSON-safe throughout (counts of selections are decimal strings, exact).
 */
import type { Path } from '../parse/parse.js';
import type { Severity } from '../rules/types.js';
import type { Span } from '../text/line-index.js';
import type { WordPart } from './words.js';

/**
 * `settings`: the document's settings for qualspec's own checks (`document.words`, `language`,
 * `unitRefs`): they steer the spelling and ref-style checks and print nothing, so they are reported
 * apart and are not content (no version bump, no change-history entry; see docs/versions.md).
 */
export type ChangeArea = 'file' | 'document' | 'settings' | 'facts' | 'section' | 'group' | 'qualification' | 'unit';

/**
 * added / removed: the item is in one version only; changed: a value changed; renamed: the item kept
 * its identity under a new id, ref, UAN, QAN or title; renumbered: an outcome or criterion moved to a
 * new number; moved: text that belongs to one outcome now belongs to another.
 */
export type ChangeKind = 'added' | 'removed' | 'changed' | 'renamed' | 'renumbered' | 'moved';

/** Why a change matters to the regulator: outcomes or criteria of a unit whose UAN stayed, or sizes of a qualification whose QAN stayed. */
export type Sensitivity = 'outcomes' | 'sizes';

export interface Change {
  /** Stable identity of the change within a report ("unit L5L4 tqt"), for tests and de-duplication. */
  key: string;
  area: ChangeArea;
  kind: ChangeKind;
  /** What changed, in words: "Unit L5L4 Coach and Mentor Sales Professionals". */
  subject: string;
  /** The field or part, in words: "TQT", "learning outcome 2", "rule 'business-units'". Empty for the item as a whole. */
  part: string;
  /** One sentence: "TQT 40 → 60". */
  message: string;
  before?: string;
  after?: string;
  /** Word-level difference of a wording (before → after). */
  words?: WordPart[];
  sensitive?: Sensitivity;
  /** Where it is in each version (data path, span, 1-based line). */
  old?: Where;
  new?: Where;
}

export interface Where {
  path: Path;
  span: Span;
  line: number;
}

export interface SizeRange {
  min: number;
  max: number;
}

/** What a change means for learners and centres, for one Certificate or Diploma. */
export interface QualificationImpact {
  /** "Level 5 Diploma in Professional Sales (610/5684/4)" */
  subject: string;
  qan?: string;
  /** Exact numbers of valid selections (decimal strings); null when the version has no such qualification or it could not be counted. */
  before: string | null;
  after: string | null;
  /** Selections valid under both versions, exactly; null when not computed (see note). */
  both: string | null;
  /** Plans valid before that stop being valid (before − both). */
  lost: string | null;
  /** Plans valid now that were not before (after − both). */
  gained: string | null;
  credit: { before: SizeRange | null; after: SizeRange | null };
  glh: { before: SizeRange | null; after: SizeRange | null };
  tqt: { before: SizeRange | null; after: SizeRange | null };
  /** Units that could count towards it before and cannot now. */
  withdrawn: string[];
  /** Units that can count towards it now and could not before. */
  introduced: string[];
  /** Stated sizes that a valid selection reached before and no longer reaches. */
  unreachable: string[];
  /** Why a figure is missing, when one is. */
  note?: string;
  old?: Where;
  new?: Where;
}

export type ControlCode = 'version-not-changed' | 'no-change-history-entry' | 'regulator-sensitive' | 'size-unreachable';

/** A finding of the change-control check (`qualspec diff --check`). */
export interface ControlProblem {
  code: ControlCode;
  severity: Severity;
  message: string;
  /** Where to fix it in the new version. */
  new?: Where;
  /** The change it is about (regulator-sensitive changes). */
  change?: string;
}

/** A drafted change-history entry for the new version. */
export interface ChangelogDraft {
  version: string;
  date: string;
  summary: string;
  /** The entry as a YAML list item (no indentation), ready to paste under document.changeHistory. */
  yaml: string;
}

export interface SideInfo {
  label: string;
  title?: string;
  version?: string;
}

export interface DiffReport {
  old: SideInfo;
  new: SideInfo;
  changes: Change[];
  impact: QualificationImpact[];
  problems: ControlProblem[];
  /** True when something other than the document's version, date, change history and checker settings changed. */
  contentChanged: boolean;
  changelog: ChangelogDraft;
}

export interface DiffOptions {
  /** Severity of regulator-sensitive changes (`.qualspec.yaml` `diff.regulatorSensitive`). Default warning. */
  sensitiveSeverity?: Severity | 'off';
  /** Today's date, YYYY-MM-DD, for the drafted change-history entry (the core reads no clock). */
  today?: string;
  /** Most milliseconds the combination engine may spend per count. Default 2000. */
  maxMillis?: number;
}

/** Bad input: not YAML, not a spec. The message says which version and where. */
export class DiffInputError extends Error {
  constructor(
    message: string,
    readonly label: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

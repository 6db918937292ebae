/**
 * The qualspec language server's own requests, beyond LSP: what the VS Code client and the
 * combination preview ask for. Plain types and method names only (no imports at run time), so the
 * client can `import type` them, or import the constants without pulling in the server.
 *
 * Positions and ranges are LSP's: zero-based lines, UTF-16 characters.
 */

export interface LspPosition {
  line: number;
  character: number;
}

export interface LspRange {
  start: LspPosition;
  end: LspPosition;
}

/** A size as the spec states it: a whole number, or a min/max range. null when not given. */
export type StatedSize = { kind: 'fixed'; value: number } | { kind: 'range'; min?: number; max?: number } | null;

// ---------------------------------------------------------------- qualspec/qualifications

export const QualificationsRequestMethod = 'qualspec/qualifications';

export interface QualificationsParams {
  /** URI of an open (or indexed) spec file. */
  uri: string;
}

export interface QualificationInfo {
  /** Index of the qualification in the file's `qualifications` list (from 0). */
  index: number;
  title: string | null;
  type: 'award' | 'certificate' | 'diploma' | null;
  qan: string | null;
  /** The qualification's list item, from its first key to its last value. */
  range: LspRange;
}

export type QualificationsResult = QualificationInfo[];

// ---------------------------------------------------------------- qualspec/combination

export const CombinationRequestMethod = 'qualspec/combination';

export interface CombinationParams {
  uri: string;
  /** Index of the qualification in the file's `qualifications` list (from 0). */
  qualification: number;
  /** The learner's selection, as unit refs (default: nothing selected). */
  selection?: string[];
}

export interface CombinationUnit {
  ref: string;
  title: string | null;
  /** The level's rank: Entry 1–3 are -2..0, Levels 1–8 are 1–8. */
  level: number;
  /** The level as people write it: "Level 3", "Entry Level 3". */
  levelName: string;
  /** Null for a unit sized in GLH / TQT only. */
  credit: number | null;
  glh: number | null;
  tqt: number | null;
}

export interface CombinationGroup {
  id: string;
  title: string;
  units: CombinationUnit[];
}

export interface RuleStatusInfo {
  ok: boolean;
  /** "Business: 1 unit, needs at least 2" */
  reason: string;
}

export interface CombinationRule {
  /** The combination engine's id of the rule ("total", "mandatory", or "rule 2"). */
  id: string;
  /** The rule in the document's own words, when it gives them. */
  text: string | null;
  /** The rule in plain words (describeRule): "At least 2 units from Business". */
  words: string;
  /** Whether the rule can be met at all with the units on offer, ignoring the other rules. */
  feasibleAlone: boolean | null;
  /** Status for the selection. */
  status: RuleStatusInfo;
  /** Where the rule is written in the spec (the rule's list item). */
  range: LspRange | null;
}

export interface RangeWithExamples {
  min: number;
  max: number;
  minExample: string[];
  maxExample: string[];
}

export interface CombinationAnalysisInfo {
  /** Some selection meets every rule. */
  feasible: boolean;
  /** When infeasible: a smallest set of rule ids that cannot be met together. */
  conflict: string[] | null;
  /** Achievable total credit (null when infeasible). */
  credit: RangeWithExamples | null;
  /** Achievable GLH / TQT (null when infeasible or a unit lacks the value). */
  glh: { min: number; max: number } | null;
  tqt: { min: number; max: number } | null;
  /** Exact number of valid selections, as a decimal string (it may exceed 2^53). */
  count: string;
  /** Set when the engine could not analyse the rules (timeout, malformed pool); the other fields are then empty. */
  error?: string;
}

/** The checkSelection result of the combination engine. */
export interface SelectionCheckInfo {
  ok: boolean;
  rules: { id: string; ok: boolean; reason: string }[];
  totals: { units: number; credits: number; glh: number | null; tqt: number | null };
  unknownRefs: string[];
  /** What to change: "add 3 credits from Leadership or Self". */
  missing: string[];
}

export interface CombinationResult {
  uri: string;
  qualification: number;
  title: string | null;
  type: 'award' | 'certificate' | 'diploma' | null;
  qan: string | null;
  /** An Award of fixed units (its units are all mandatory), rather than rules of combination. */
  fixedUnits: boolean;
  /** What sizes are counted in: credit, or GLH (then TQT) where neither it nor its units give credit. */
  measure: 'credit' | 'glh' | 'tqt';
  stated: { credit: StatedSize; glh: StatedSize; tqt: StatedSize };
  /** The units on offer, by group, in the order the spec declares its groups. */
  groups: CombinationGroup[];
  rules: CombinationRule[];
  analysis: CombinationAnalysisInfo;
  /** The selection checked against every rule. */
  check: SelectionCheckInfo;
  /** A valid selection containing the selection with the smallest total credit (null: none exists). */
  fill: string[] | null;
  /** Refs named by the pool or the rules that are defined nowhere. */
  missing: string[];
  /** Units on offer that lack a credit or level, so they cannot be counted. */
  unsized: string[];
  /** The qualification's list item in the spec. */
  range: LspRange;
}

// ---------------------------------------------------------------- qualspec/lintWorkspace

export const LintWorkspaceRequestMethod = 'qualspec/lintWorkspace';

export interface LintWorkspaceParams {
  /** Only files under this folder URI (default: every workspace folder). */
  folder?: string;
}

export interface LintWorkspaceResult {
  files: number;
  /** Files with at least one finding. */
  filesWithProblems: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Per file with findings: its URI and counts. */
  byFile: { uri: string; errors: number; warnings: number; infos: number }[];
  /** Milliseconds the lint took. */
  millis: number;
}

// ---------------------------------------------------------------- qualspec/diff

export const DiffRequestMethod = 'qualspec/diff';

export interface DiffParams {
  /** URI of the open spec: the new version. */
  uri: string;
  /** The old version's text (from git, or another file). */
  oldText: string;
  /** How the old version is named in the report: "HEAD", "v1.2", "old/isp.yaml". */
  oldLabel: string;
  /** Today's date, YYYY-MM-DD, for the drafted change-history entry (default: the client's clock is not known, so the new version's publication date). */
  today?: string;
}

export type DiffResult =
  | {
      ok: true;
      /** The semantic report (core/diff/types.ts): lines in `new` refer to the open document, 1-based. */
      report: import('../core/diff/types.js').DiffReport;
      /** Inserts the drafted change-history entry after the last entry (an insertion: nothing is replaced, comments stay). */
      insertEntry: { range: LspRange; newText: string } | null;
    }
  | { ok: false; message: string };

// ---------------------------------------------------------------- commands the server's code lenses run

/** The client command a code lens runs. Arguments: [uri: string, qualification: number]. */
export const ShowCombinationPreviewCommand = 'qualspec.showCombinationPreview';
export type ShowCombinationPreviewArgs = [uri: string, qualification: number];

// ---------------------------------------------------------------- settings the server reads

/** `qualspec.*` settings, read with workspace/configuration (scope: each workspace folder). */
export interface QualspecSettings {
  /** Severity overrides by rule id; the project's `.qualspec.yaml` wins over them. */
  rules?: Record<string, 'error' | 'warning' | 'info' | 'off'>;
  /** Which files are specs, when the project's `.qualspec.yaml` does not say. */
  specGlobs?: string[];
  /** `qualspec.inlayHints.enabled`: false hides the derived numbers (inlay-hints.ts). Default on. */
  inlayHints?: boolean;
}

/** `qualspec/publishedDocument`: the published document of an open spec (the "Preview published document" webview). */
export const PublishedDocumentRequestMethod = 'qualspec/publishedDocument';

export interface PublishedDocumentParams {
  uri: string;
}

export interface PublishedDocumentResult {
  uri: string;
  /** The document version the HTML was made from. */
  version: number;
  title: string;
  lang: string;
  /** The document's stylesheet (screen and print). */
  css: string;
  /** The inside of <body>: escaped, no script, no inline style attribute. */
  body: string;
  /** Each unit's page (element id) and its node in the YAML. */
  units: { index: number; id: string; ref: string | null; range: LspRange }[];
}

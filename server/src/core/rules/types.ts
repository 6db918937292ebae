/**
 * What a check is, and what it reports. Checks are pure functions from the spec model (and the
 * workspace index) to findings; they never touch the file system, LSP or VS Code.
 */
import type { LocatePart, ParsedFile, Path } from '../parse/parse.js';
import type { SpecModel } from '../model/spec.js';
import type { Span } from '../text/line-index.js';
import type { WorkspaceIndex } from '../workspace/index.js';
import type { QualspecConfig } from '../config/config.js';
import type { Fix, Related, Severity } from '../lint/finding.js';

export type { Finding, Fix, Related, Severity, SeveritySetting, TextEdit } from '../lint/finding.js';

export type RuleCategory =
  | 'syntax'
  | 'schema'
  | 'sizes'
  | 'identifiers'
  | 'uniqueness'
  | 'references'
  | 'numbering'
  | 'combination'
  | 'apprenticeship'
  | 'history'
  | 'yaml'
  | 'text'
  | 'completeness'
  | 'config'
  | 'internal';

export interface RuleMeta {
  /** Stable id: the code shown with every finding and the name used in config and suppressions. */
  id: string;
  severity: Severity;
  category: RuleCategory;
  /** One sentence: what the rule checks. */
  description: string;
  /** Whether some of its findings carry a fix that --fix may apply without asking. */
  fixable?: boolean;
}

/** A finding as a check reports it: positions given as data paths, resolved by the engine. */
export interface Report {
  path: Path;
  part?: LocatePart;
  /** An exact span, when the check computed one itself (e.g. a word inside a string). */
  span?: Span;
  message: string;
  related?: (Related | { path: Path; part?: LocatePart; message: string })[];
  fixes?: Fix[];
  /** Overrides the rule's default severity for this one finding (before configuration applies). */
  severity?: Severity;
  /** Plain data for the editor's quick fixes (sent as the diagnostic's `data`), e.g. a misspelt word and its suggestions. */
  data?: unknown;
}

export interface FileContext {
  uri: string;
  parsed: ParsedFile;
  model: SpecModel;
  index: WorkspaceIndex;
  /** The project configuration that applies to the file (absent: the defaults). */
  config?: QualspecConfig;
  report(r: Report): void;
}

export interface FileRule {
  meta: RuleMeta;
  scope: 'file';
  check(ctx: FileContext): void;
}

export interface WorkspaceContext {
  index: WorkspaceIndex;
  report(uri: string, r: { span: Span; message: string; related?: Related[]; fixes?: Fix[] }): void;
}

export interface WorkspaceRule {
  meta: RuleMeta;
  scope: 'workspace';
  check(ctx: WorkspaceContext): void;
}

export type Rule = FileRule | WorkspaceRule;

/** Where a rule's doc page lives: `base` is a URL ending in '/', e.g. a file:// URL of docs/rules/. */
export const docsUrl = (id: string, base: string): string => `${base}${id}.md`;

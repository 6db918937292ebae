/**
 * What a check reports, as every front end receives it: a finding with its severity, its span and
 * its fixes. A leaf of the core (it imports only the span type), so that the configuration, which
 * sets severities, and the rules, which report findings, both build on it without importing each other.
 */
import type { Span } from '../text/line-index.js';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

/** One text replacement in a file (spans are UTF-16 offsets into the file's text). */
export interface TextEdit {
  span: Span;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix an editor should offer first. */
  preferred?: boolean;
  /** Unambiguous: the CLI's --fix may apply it without a person choosing. */
  safe?: boolean;
}

export interface Related {
  uri: string;
  span: Span;
  message: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  uri: string;
  span: Span;
  related: Related[];
  fixes: Fix[];
  /** The report's `data`, when it had some. */
  data?: unknown;
}

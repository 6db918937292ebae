/**
 * Messages between the extension (panel.ts) and the combination preview's webview (webview.ts),
 * and the state the webview persists (vscode.setState) so the panel survives a reload.
 * No `vscode` import: the webview bundle (browser) imports this file too.
 */
import type { CombinationResult, QualificationInfo } from '../protocol.js';

/** The webview panel's type, used by the serializer (and `onWebviewPanel:` activation). */
export const PREVIEW_VIEW_TYPE = 'qualspec.combinationPreview';

/** What the webview persists with setState, and the serializer gets back after a reload. */
export interface PreviewState {
  /** The spec file shown (a URI string). */
  uri: string;
  /** Index of the qualification in the file's `qualifications` list. */
  qualification: number;
  /** Unit refs ticked in the planner. */
  selection: string[];
  /** The last data shown, so a restored panel renders at once, before the server answers. */
  last?: UpdateMessage;
}

/** Extension -> webview: the data to show. */
export interface UpdateMessage {
  type: 'update';
  uri: string;
  /** The file's base name, for the header. */
  fileName: string;
  qualification: number;
  /** Every qualification of the file, for the picker. */
  qualifications: QualificationInfo[];
  /** The selection this data was computed for. */
  selection: string[];
  /** The sequence number of the webview's latest `select` that this data reflects (0 when none). */
  selectionSeq: number;
  /** The server's answer, or null with `error` when there is none. */
  data: CombinationResult | null;
  /** Why there is no data (server not running, qualification gone, request failed). */
  error?: string;
}

/** Extension -> webview: a request is under way (after an edit or a tick). */
export interface BusyMessage {
  type: 'busy';
}

export type ToWebview = UpdateMessage | BusyMessage;

/** Webview -> extension. */
export type FromWebview =
  /** The script has loaded and wants data. */
  | { type: 'ready' }
  /** The learner changed the ticked units (seq increases with each change). */
  | { type: 'select'; selection: string[]; seq: number }
  /** The learner picked another qualification of the same file. */
  | { type: 'qualification'; index: number }
  /** Show the qualification (or one of its rules, by id) in the editor. */
  | { type: 'reveal'; rule?: string };

/** Type guard for messages arriving from the webview (they are untrusted data). */
export function isFromWebview(m: unknown): m is FromWebview {
  if (typeof m !== 'object' || m === null) return false;
  const t = (m as { type?: unknown }).type;
  switch (t) {
    case 'ready':
      return true;
    case 'reveal': {
      const rule = (m as { rule?: unknown }).rule;
      return rule === undefined || typeof rule === 'string';
    }
    case 'select': {
      const s = (m as { selection?: unknown; seq?: unknown }).selection;
      const seq = (m as { seq?: unknown }).seq;
      return Array.isArray(s) && s.every((x) => typeof x === 'string') && typeof seq === 'number';
    }
    case 'qualification':
      return Number.isInteger((m as { index?: unknown }).index);
    default:
      return false;
  }
}

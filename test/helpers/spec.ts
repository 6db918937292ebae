/**
 * Shared fixtures for the rule tests: a builder that yields a small, valid spec text (one group,
 * one Award, three units), and helpers to lint texts, pick a rule's findings, read the text under a
 * finding's span and check that a fix resolves its finding without touching anything else.
 *
 *   const text = edit(spec(), 'credit: 5', 'credit: 6');
 *   const [f] = findings(lint(text), 'credit-tqt');
 *   expect(under(text, f)).toBe('6');
 *   expectFixResolves(text, f, f.fixes[0]!);
 */
import { expect } from 'vitest';
import { lintTexts, summariseText } from '../../server/src/core/lint/pipeline';
import { analyseFile } from '../../server/src/core/lint/engine';
import { ChunkCache } from '../../server/src/core/parse/parse';
import { WorkspaceSession } from '../../server/src/core/workspace/session';
import { applyEdits } from '../../server/src/core/fix/apply';
import { DEFAULT_CONFIG, type QualspecConfig } from '../../server/src/core/config/config';
import type { Finding, Fix, SeveritySetting } from '../../server/src/core/rules/types';
import type { Span } from '../../server/src/core/text/line-index';

export const URI = 'file:///ws/specs/a.yaml';
export const URI_B = 'file:///ws/specs/b.yaml';

export interface UnitOptions {
  ref: string;
  uan?: string | null;
  title?: string;
  level?: number;
  group?: string;
  glh?: number | null;
  tqt?: number | null;
  credit?: number;
  /** Number of learning outcomes (each with two criteria, indicative content and assessor guidance). */
  los?: number;
  /** `summary: true` and nothing but the table fields. */
  summary?: boolean;
  /** Extra YAML lines, indented for the unit's mapping (4 spaces). */
  extra?: string;
}

/** The three units of the default spec; values differ from unit to unit so `edit` can find each. */
export const DEFAULT_UNITS: UnitOptions[] = [
  { ref: 'L5B1', uan: 'A/651/5975', title: 'Analyse Financial Performance', glh: 25, tqt: 50, credit: 5 },
  { ref: 'L5B2', uan: 'D/651/5976', title: 'Organisational Sales Planning', glh: 15, tqt: 30, credit: 3 },
  { ref: 'L5B3', uan: 'M/651/5980', title: 'Market Research for Sales Strategy', glh: 20, tqt: 40, credit: 4 },
];

const LO_TEXTS = ['Understand the sales cycle', 'Be able to plan sales activity', 'Be able to review sales results', 'Understand customer needs'];

/** YAML for one unit, as an item of the top-level `units:` list. */
export function unit(o: UnitOptions): string {
  const lines = [`  - ref: ${o.ref}`];
  const uan = o.uan === undefined ? undefined : o.uan;
  if (uan !== null && uan !== undefined) lines.push(`    uan: ${uan}`);
  lines.push(`    title: ${o.title ?? `Unit ${o.ref}`}`);
  lines.push(`    level: ${o.level ?? 5}`);
  lines.push(`    group: ${o.group ?? 'business'}`);
  if (o.glh !== null && o.glh !== undefined) lines.push(`    glh: ${o.glh}`);
  if (o.tqt !== null && o.tqt !== undefined) lines.push(`    tqt: ${o.tqt}  # hours`);
  lines.push(`    credit: ${o.credit ?? 5}  # one credit per 10 hours of TQT`);
  if (o.summary) {
    lines.push('    summary: true');
    lines.push(`    specifiedIn: Unit specification ${o.ref}`);
  } else {
    const n = o.los ?? 2;
    lines.push(`    purpose: To enable learners to manage the work of unit ${o.ref}.`);
    lines.push('    learningOutcomes:');
    for (let i = 1; i <= n; i++) {
      lines.push(`      - number: ${i}`);
      lines.push(`        text: ${LO_TEXTS[(i - 1) % LO_TEXTS.length]}`);
      lines.push('        criteria:');
      lines.push(`          - number: "${i}.1"`);
      lines.push(`            text: Explain part one of outcome ${i}`);
      lines.push(`          - number: "${i}.2"`);
      lines.push(`            text: Describe part two of outcome ${i}`);
    }
    for (const key of ['indicativeContent', 'assessorGuidance']) {
      lines.push(`    ${key}:`);
      for (let i = 1; i <= n; i++) {
        lines.push(`      - lo: ${i}`);
        lines.push(`        text: |-`);
        lines.push(`          - ${key === 'indicativeContent' ? 'Content' : 'Guidance'} for outcome ${i}`);
      }
    }
  }
  if (o.extra) lines.push(o.extra.replace(/\n$/, ''));
  return lines.join('\n') + '\n';
}

export interface SpecOptions {
  /** Lines of the `document:` mapping (indented 2), replacing the default. */
  document?: string;
  /** Items of `groups:` (YAML text), replacing the default single group `business` (letter B). */
  groups?: string;
  /** Items of `qualifications:` (YAML text), replacing the default Award of L5B1 + L5B2. */
  qualifications?: string;
  /** The units, replacing DEFAULT_UNITS. */
  units?: UnitOptions[];
  /** Raw YAML appended to the `units:` list. */
  extraUnits?: string;
}

export const DEFAULT_DOCUMENT = `  awardingBody: Test Awarding Body
  unitRefs: isp
  title: Test Level 5 Qualifications in Sales
  version: "1.1"
  published: 2025-05-02
  changeHistory:
    - version: "1.0"
      date: 2024-10-02
      summary: Draft for review
    - version: "1.1"
      date: 2025-05-02
      summary: Updated units
`;

export const DEFAULT_GROUPS = `  - id: business
    title: Business
    letter: B
`;

export const DEFAULT_QUALIFICATIONS = `  - title: Level 5 Award in Sales Planning
    type: award
    level: 5
    qan: 610/5663/7  # checked on the Ofqual register
    glh: 40
    tqt: 80
    credit: 8
    units:
      - L5B1
      - L5B2
`;

/** A valid spec text: lints with no findings at all. */
export function spec(o: SpecOptions = {}): string {
  return [
    '# A minimal spec for the rule tests.\n',
    'qualspec: 1\n',
    'document:\n',
    o.document ?? DEFAULT_DOCUMENT,
    'groups:\n',
    o.groups ?? DEFAULT_GROUPS,
    'qualifications:\n',
    o.qualifications ?? DEFAULT_QUALIFICATIONS,
    'units:\n',
    ...(o.units ?? DEFAULT_UNITS).map(unit),
    o.extraUnits ?? '',
  ].join('');
}

export type SizeOption = number | { min?: number; max?: number };

function sizeLines(key: string, v: SizeOption | undefined): string[] {
  if (v === undefined) return [];
  if (typeof v === 'number') return [`    ${key}: ${v}`];
  return [`    ${key}:`, ...(v.min !== undefined ? [`      min: ${v.min}`] : []), ...(v.max !== undefined ? [`      max: ${v.max}`] : [])];
}

export interface CertificateOptions {
  title?: string;
  type?: string;
  level?: number;
  qan?: string;
  glh?: SizeOption;
  tqt?: SizeOption;
  credit?: SizeOption;
  /** Items of `pool:` as YAML lines indented 6 (e.g. `      groups: [business]`). */
  pool?: string;
  /** Items of `rules:` as YAML lines indented 6. */
  rules?: string;
}

/**
 * The default Certificate: credit 13–18 from the four units of CERTIFICATE_UNITS (5 + 3 + 4 + 6
 * credits; the valid selections have 13, 14, 15 or 18 credits), GLH 65–90, TQT 130–180.
 */
export const CERTIFICATE_RULES = `      - id: total
        text: A minimum of 13 credits, maximum 18 credits
        minCredits: 13
        maxCredits: 18
`;

/** YAML for a Certificate (or, with `type`, a Diploma), as an item of `qualifications:`. */
export function certificate(o: CertificateOptions = {}): string {
  const lines = [
    `  - title: ${o.title ?? 'Level 5 Certificate in Sales Planning'}`,
    `    type: ${o.type ?? 'certificate'}`,
    `    level: ${o.level ?? 5}`,
    `    qan: ${o.qan ?? '610/5683/2'}`,
  ];
  lines.push(...sizeLines('glh', 'glh' in o ? o.glh : { min: 65, max: 90 }));
  lines.push(...sizeLines('tqt', 'tqt' in o ? o.tqt : { min: 130, max: 180 }));
  lines.push(...sizeLines('credit', 'credit' in o ? o.credit : { min: 13, max: 18 }));
  if (o.pool) lines.push('    pool:', o.pool.replace(/\n$/, ''));
  lines.push('    rules:', (o.rules ?? CERTIFICATE_RULES).replace(/\n$/, ''));
  return lines.join('\n') + '\n';
}

/** The units of the Certificate spec: the default three and L5B4 (6 credits). */
export const CERTIFICATE_UNITS: UnitOptions[] = [
  ...DEFAULT_UNITS,
  { ref: 'L5B4', uan: 'F/651/5977', title: 'Manage Sales Technology Systems', glh: 30, tqt: 60, credit: 6 },
];

/** A valid spec holding the default Award and a Certificate (options for the Certificate). */
export function certificateSpec(o: CertificateOptions = {}, units: UnitOptions[] = CERTIFICATE_UNITS): string {
  return spec({ qualifications: DEFAULT_QUALIFICATIONS + certificate(o), units });
}

/**
 * Replace one occurrence of `from` by `to`. The occurrence must be unique in the text, or (with
 * `after`) the first one after the anchor: a unique string, or a list of strings each searched
 * after the one before (the first unique). Throws when it is not found, so a fixture that drifts
 * from the base fails loudly instead of testing nothing.
 */
export function edit(text: string, from: string, to: string, opts: { after?: string | string[] } = {}): string {
  const anchors = opts.after === undefined ? [] : Array.isArray(opts.after) ? opts.after : [opts.after];
  let start = 0;
  anchors.forEach((a, n) => {
    const i = n === 0 ? uniqueIndex(text, a) : text.indexOf(a, start);
    if (i < 0) throw new Error(`edit: anchor ${JSON.stringify(a)} not found`);
    start = i + a.length;
  });
  const i = anchors.length ? text.indexOf(from, start) : uniqueIndex(text, from);
  if (i < 0) throw new Error(`edit: ${JSON.stringify(from)} not found${anchors.length ? ` after ${JSON.stringify(anchors)}` : ''}`);
  return text.slice(0, i) + to + text.slice(i + from.length);
}

function uniqueIndex(text: string, s: string): number {
  const i = text.indexOf(s);
  if (i < 0) return -1;
  if (text.indexOf(s, i + 1) >= 0) throw new Error(`edit: ${JSON.stringify(s)} occurs more than once; give an 'after' anchor`);
  return i;
}

/** Config with the given rule severities. */
export const configWith = (rules: Record<string, SeveritySetting>): QualspecConfig => ({ ...DEFAULT_CONFIG, rules });

/** Lint one text as a one-file workspace (file and workspace rules); its findings. */
export function lint(text: string, config: QualspecConfig = DEFAULT_CONFIG, uri = URI): Finding[] {
  return lintAll([{ uri, text }], config).get(uri) ?? [];
}

/**
 * Lint several texts as one workspace; findings by URI. Both ways the engine is driven: the CLI's
 * (lintTexts: index every file, check each, check the workspace) and the editor's (the server's
 * incremental session: the scan's fast summaries, then each open file analysed against the index
 * and the workspace checks merged in). Every rule test so checks that the two agree.
 */
export function lintAll(files: { uri: string; text: string }[], config: QualspecConfig = DEFAULT_CONFIG): Map<string, Finding[]> {
  const cli = lintTexts(files, () => config);
  const editor = lintLikeTheEditor(files, config);
  for (const f of files) expect(comparable(editor.get(f.uri)), `the editor's findings for ${f.uri} differ from the CLI's`).toEqual(comparable(cli.get(f.uri)));
  return cli;
}

/** The language server's path (lsp/state.ts: scan, then `fresh()` on each open document, then the workspace checks). */
function lintLikeTheEditor(files: { uri: string; text: string }[], config: QualspecConfig): Map<string, Finding[]> {
  const session = new WorkspaceSession({ projectOf: () => '', configFor: () => config });
  for (const f of files) session.set(summariseText(f.uri, f.text).summary);
  session.ready = true;
  const own = new Map<string, Finding[]>();
  for (const f of files) own.set(f.uri, analyseFile(f.uri, f.text, { cache: new ChunkCache(), index: session.indexFor(f.uri), config }).findings);
  session.recompute();
  return new Map(files.map((f) => [f.uri, session.findings(f.uri, own.get(f.uri)!)]));
}

/** What a user sees of findings: rule, severity, place, words, related places and each fix's edits. */
const comparable = (fs: readonly Finding[] | undefined) =>
  (fs ?? []).map((f) => ({
    ruleId: f.ruleId,
    severity: f.severity,
    span: f.span,
    message: f.message,
    related: f.related,
    fixes: f.fixes.map((x) => ({ title: x.title, edits: x.edits })),
  }));

/** The findings of one rule. */
export const findings = (all: readonly Finding[], ruleId: string): Finding[] => all.filter((f) => f.ruleId === ruleId);

/** The text under a finding's span (or a related location's, or any span). */
export const under = (text: string, x: Finding | { span: Span } | Span): string => {
  const s = 'span' in x ? x.span : x;
  return text.slice(s.start, s.end);
};

/** The one finding of `ruleId` in the findings; fails the test if there is not exactly one. */
export function only(all: readonly Finding[], ruleId: string): Finding {
  const f = findings(all, ruleId);
  expect(
    f.map((x) => x.message),
    `findings of ${ruleId}`,
  ).toHaveLength(1);
  return f[0]!;
}

/** Line (1-based) of an offset, for messages and assertions. */
export const lineOf = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;

/** The `#` comments of a YAML text (each with the rest of its line). */
const comments = (text: string): string[] => text.split('\n').flatMap((l) => (/(^|\s)#.*$/.exec(l)?.[0].trim() ? [/(^|\s)(#.*)$/.exec(l)![2]!] : []));

/**
 * Apply a fix's edits and return the new text. Asserts that every edit applied (none overlapped)
 * and that every character outside the edit spans, comments included, is unchanged.
 */
export function applyFix(text: string, fix: Fix): string {
  expect(fix.edits.length, `fix '${fix.title}' has edits`).toBeGreaterThan(0);
  const { text: out, applied, skipped } = applyEdits(text, fix.edits);
  expect(skipped, `fix '${fix.title}': overlapping or out-of-range edits`).toEqual([]);
  // Rebuild the expected output from the untouched segments: bytes outside the edits are unchanged.
  const sorted = [...applied].sort((a, b) => a.span.start - b.span.start);
  let pos = 0;
  let outPos = 0;
  for (const e of sorted) {
    const keep = text.slice(pos, e.span.start);
    expect(out.slice(outPos, outPos + keep.length)).toBe(keep);
    outPos += keep.length + e.newText.length;
    pos = e.span.end;
  }
  expect(out.slice(outPos)).toBe(text.slice(pos));
  // No edit swallowed a comment.
  expect(comments(out), `fix '${fix.title}' keeps every comment`).toEqual(expect.arrayContaining(comments(text)));
  return out;
}

/**
 * Apply `fix` of `finding` and re-lint: the finding (same rule, same message) is gone.
 * `others` are the other files of the workspace, for workspace rules. Returns the fixed text.
 */
export function expectFixResolves(text: string, finding: Finding, fix: Fix | undefined, others: { uri: string; text: string }[] = []): string {
  expect(fix, `finding has a fix: ${finding.message}`).toBeDefined();
  const out = applyFix(text, fix!);
  const uri = finding.uri;
  const after = lintTexts([{ uri, text: out }, ...others.filter((o) => o.uri !== uri)]).get(uri) ?? [];
  const still = after.filter((f) => f.ruleId === finding.ruleId && f.message === finding.message);
  expect(
    still.map((f) => f.message),
    `after '${fix!.title}'`,
  ).toEqual([]);
  return out;
}

/** Every fix --fix would apply (safe: true). */
export const safeFixes = (f: Finding): Fix[] => f.fixes.filter((x) => x.safe === true);

/** The units of the second spec file of workspace tests (group `core`, letter C). */
export const OTHER_UNITS: UnitOptions[] = [
  { ref: 'L5C1', uan: 'T/651/5982', title: 'Tender Management', group: 'core', glh: 25, tqt: 50, credit: 5 },
  { ref: 'L5C2', uan: 'Y/651/5983', title: 'Sales Territory Management', group: 'core', glh: 15, tqt: 30, credit: 3 },
];

export const OTHER_QUALIFICATIONS = `  - title: Level 5 Award in Tender Management
    type: award
    level: 5
    qan: 610/5664/9
    glh: 40
    tqt: 80
    credit: 8
    units:
      - L5C1
      - L5C2
`;

/** A second valid spec, for workspace tests: group `core`, an Award of L5C1 + L5C2. Lints clean beside spec(). */
export function otherSpec(o: SpecOptions = {}): string {
  return spec({ groups: '  - id: core\n    title: Core\n    letter: C\n', qualifications: OTHER_QUALIFICATIONS, units: OTHER_UNITS, ...o });
}

/** YAML lines (indented 4) citing one KSB of an apprenticeship standard, for a unit's `extra`. */
export const ksb = (code: string, text: string, standard = 'Level 5 Operations Manager Apprenticeship'): string =>
  `    apprenticeshipLinks:\n      - standard: ${standard}\n        ksbs:\n          - code: ${code}\n            text: ${text}\n`;

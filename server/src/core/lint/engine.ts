/**
 * The lint engine: parse -> model -> file checks, and workspace checks over the index.
 * The same engine runs behind the CLI, the language server and the combination preview; pipeline.ts
 * strings it together over a set of files.
 */
import { ChunkCache, parseSpecText, type ParsedFile } from '../parse/parse.js';
import { buildModel, type SpecModel } from '../model/spec.js';
import { ALL_RULES } from '../rules/index.js';
import type { FileRule, Finding, Fix, Related, Report, Rule, Severity, WorkspaceRule } from '../rules/types.js';
import type { Span } from '../text/line-index.js';
import { summarise, WorkspaceIndex, type FileSummary, type UnitSummary } from '../workspace/index.js';
import { isSuppressed, parseSuppressions, type Suppressions } from './suppress.js';
import { damagedRegions, holdBackDamaged } from './damage.js';
import { DEFAULT_CONFIG, type QualspecConfig } from '../config/config.js';

export interface FileAnalysis {
  uri: string;
  parsed: ParsedFile;
  model: SpecModel;
  summary: FileSummary;
  /** Findings of the file checks, after configuration and suppressions. */
  findings: Finding[];
  /** Milliseconds spent: parse, checks. */
  timing: { parse: number; check: number };
}

export interface AnalyseOptions {
  index?: WorkspaceIndex;
  config?: QualspecConfig;
  cache?: ChunkCache;
  rules?: readonly Rule[];
  /** Update the index with this file's summary (default true when an index is given). */
  updateIndex?: boolean;
  /**
   * Batch mode (the CLI): read the data with js-yaml and let `yaml` parse only the chunks a finding
   * points into (parse.ts, `fast`). The findings are the same; a file where the two parsers turn out
   * to disagree is analysed again the exact way. Give `summary` when the index already holds this
   * file's summary (lintTexts indexes every file first), so that it is not built again.
   */
  fast?: boolean;
  summary?: FileSummary;
  /** The file's suppression comments, when the caller has them already (parseSuppressions of this text). */
  suppressions?: Suppressions;
}

const now = () => performance.now();

/**
 * The fixes whose edits an editor and --fix can apply: each edit inside the text, none overlapping
 * another of the same fix (a WorkspaceEdit with overlapping edits is refused by VS Code, and
 * applyEdits would drop one and half-apply the fix). A check that builds such a fix has a bug (it
 * usually located a node that is not there, and got an ancestor's span); its finding is kept.
 */
function soundFixes(text: string, fixes: readonly Fix[] | undefined): Fix[] {
  if (!fixes?.length) return [];
  return fixes.filter((f) => {
    const edits = [...f.edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
    return edits.every(
      (e, i) => e.span.start >= 0 && e.span.start <= e.span.end && e.span.end <= text.length && (i === 0 || e.span.start >= edits[i - 1]!.span.end),
    );
  });
}

/** Narrow a span that covers many lines (a whole mapping) to its first line, for readable squiggles. */
function narrow(text: string, s: Span): Span {
  const nl = text.indexOf('\n', s.start);
  if (nl === -1 || nl >= s.end) return s;
  let e = nl;
  if (text.charCodeAt(e - 1) === 13) e--;
  return e > s.start ? { start: s.start, end: e } : s;
}

/** The severity a finding is shown with: the configuration's for its rule, else the one it was reported with. */
function effectiveSeverity(ruleId: string, reported: Severity, config: QualspecConfig): Severity | 'off' {
  return config.rules[ruleId] ?? reported;
}

/**
 * The fast path, with the spans the summary already holds: a unit's ref and size fields, which the
 * summary reader found where the full parse finds them. A finding on one of them then costs no
 * `yaml` parse of its unit (most findings are there: credit, hours, UAN, title). Only units whose ref
 * is unique in the file; every other path is located as usual.
 */
function withKnownSpans(parsed: ParsedFile, model: SpecModel, summary: FileSummary, uri: string): ParsedFile {
  const mine = new Map<string, UnitSummary | null>();
  for (const u of summary.units) if (u.uri === uri) mine.set(u.ref, mine.has(u.ref) ? null : u);
  const refs = new Map<string, number>();
  for (const u of model.units) if (u.ref !== undefined) refs.set(u.ref, (refs.get(u.ref) ?? 0) + 1);
  const known = new Map<string, Span>();
  for (const u of model.units) {
    const s = u.ref !== undefined && refs.get(u.ref) === 1 ? mine.get(u.ref) : undefined;
    if (!s) continue;
    known.set(JSON.stringify([...u.path, 'ref']), s.refSpan);
    for (const [f, span] of Object.entries(s.fieldSpans)) known.set(JSON.stringify([...u.path, f]), span);
  }
  if (!known.size) return parsed;
  return {
    ...parsed,
    locate(path, part = 'value') {
      return (part === 'value' ? known.get(JSON.stringify(path)) : undefined) ?? parsed.locate(path, part);
    },
  };
}

export function analyseFile(uri: string, text: string, options: AnalyseOptions = {}): FileAnalysis {
  const t0 = now();
  const parsed = parseSpecText(text, { ...(options.cache ? { cache: options.cache } : {}), ...(options.fast ? { fast: true } : {}) });
  const model = buildModel(parsed.data);
  const suppressions = options.suppressions ?? parseSuppressions(text);
  const summary = options.summary ?? summarise(uri, parsed, model, suppressions);
  // What the checks locate through: in the fast path, spans the summary knows come from it.
  const located = options.fast && options.summary ? withKnownSpans(parsed, model, options.summary, uri) : parsed;
  const t1 = now();
  const index = options.index ?? new WorkspaceIndex();
  if (options.updateIndex !== false && options.index && !options.summary) index.set(summary);
  const config = options.config ?? DEFAULT_CONFIG;
  const findings: Finding[] = [];
  const rules = (options.rules ?? ALL_RULES).filter((r): r is FileRule => r.scope === 'file');
  for (const rule of rules) {
    if (config.rules[rule.meta.id] === 'off') continue;
    const report = (r: Report) => {
      const sev = effectiveSeverity(rule.meta.id, r.severity ?? rule.meta.severity, config);
      if (sev === 'off') return;
      const span = r.span ?? narrow(text, located.locate(r.path, r.part ?? 'value'));
      if (isSuppressed(suppressions, rule.meta.id, span)) return;
      const related: Related[] = (r.related ?? []).map((x) =>
        'uri' in x ? x : { uri, span: narrow(text, located.locate(x.path, x.part ?? 'value')), message: x.message },
      );
      findings.push({
        ruleId: rule.meta.id,
        severity: sev,
        message: r.message,
        uri,
        span,
        related,
        fixes: soundFixes(text, r.fixes),
        ...(r.data !== undefined ? { data: r.data } : {}),
      });
    };
    try {
      rule.check({ uri, parsed: located, model, index, config, report });
    } catch (e) {
      // A bug in one check must not hide the others' findings or crash the host.
      findings.push({
        ruleId: 'internal-error',
        severity: 'error',
        uri,
        span: { start: 0, end: 0 },
        related: [],
        fixes: [],
        message: `The check '${rule.meta.id}' failed on this file: ${e instanceof Error ? e.message : String(e)}. Please report this.`,
      });
    }
  }
  sortFindings(findings);
  const kept = heldBack(text, parsed, findings, rules);
  // Locating the findings parsed some chunks with `yaml`: if it disagreed with js-yaml, start again.
  if (parsed.fast?.diverged) return analyseFile(uri, text, { ...options, fast: false });
  return { uri, parsed, model, summary, findings: kept, timing: { parse: t1 - t0, check: now() - t1 } };
}

/** While the YAML is damaged, the findings the damage causes wait (damage.ts): one root cause per mistake. */
function heldBack(text: string, parsed: ParsedFile, findings: Finding[], rules: readonly Rule[]): Finding[] {
  if (!parsed.problems.length) return findings;
  const category = new Map(rules.map((r) => [r.meta.id, r.meta.category as string]));
  return holdBackDamaged(findings, damagedRegions(text, parsed.problems), (id) => category.get(id));
}

/** Findings of the workspace checks (cross-file), by file URI. */
export function analyseWorkspace(
  index: WorkspaceIndex,
  configFor: (uri: string) => QualspecConfig = () => DEFAULT_CONFIG,
  rules: readonly Rule[] = ALL_RULES,
): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const rule of rules.filter((r): r is WorkspaceRule => r.scope === 'workspace')) {
    try {
      rule.check({
        index,
        report(uri, r) {
          const config = configFor(uri);
          const sev = effectiveSeverity(rule.meta.id, rule.meta.severity, config);
          if (sev === 'off') return;
          const supp = index.get(uri)?.suppressions ?? [];
          if (isSuppressed(supp, rule.meta.id, r.span)) return;
          const list = out.get(uri) ?? [];
          list.push({ ruleId: rule.meta.id, severity: sev, message: r.message, uri, span: r.span, related: r.related ?? [], fixes: r.fixes ?? [] });
          out.set(uri, list);
        },
      });
    } catch (e) {
      for (const uri of index.uris()) {
        const list = out.get(uri) ?? [];
        list.push({
          ruleId: 'internal-error',
          severity: 'error',
          uri,
          span: { start: 0, end: 0 },
          related: [],
          fixes: [],
          message: `The workspace check '${rule.meta.id}' failed: ${e instanceof Error ? e.message : String(e)}. Please report this.`,
        });
        out.set(uri, list);
      }
    }
  }
  for (const l of out.values()) sortFindings(l);
  return out;
}

export function sortFindings<F extends Finding>(f: F[]): F[] {
  return f.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.ruleId.localeCompare(b.ruleId));
}

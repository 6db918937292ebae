/**
 * Semantic tokens (LSP textDocument/semanticTokens): what a theme colours beyond the YAML grammar.
 * Unit refs where a unit is defined (`ref:`) and wherever a qualification, a rule or a pool names
 * it; group ids where a group is declared and where a unit or a rule names it; QANs and UANs; and
 * the directive and rule ids of a `# qualspec-disable…` comment. Token types are the standard ones
 * whose meaning fits (the outline shows units as classes and groups as enums, so they are coloured
 * alike), so every theme colours them without a theme of its own.
 *
 * Computed from the spans the analysis already holds (the file's summary and the parsed model's
 * paths), never by parsing again, and kept per analysis: a document version is analysed once, so
 * its tokens are made once.
 */
import type { SemanticTokens, SemanticTokensLegend, Range } from 'vscode-languageserver-types';
import type { Span } from '../core/text/line-index.js';
import type { FileAnalysis } from '../core/index.js';
import { innerSpan, type SpecFile } from './host.js';

/** The token types, in legend order (a token's type is its index here). */
export const TOKEN_TYPES = ['class', 'enum', 'variable', 'keyword', 'property'] as const;
/** The token modifiers, in legend order (a token's modifiers are a bit set over these). */
export const TOKEN_MODIFIERS = ['declaration', 'readonly'] as const;

export type TokenType = (typeof TOKEN_TYPES)[number];
export type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

/** What each kind of token in a spec is, as a type and modifiers of the legend. */
const KIND = {
  unitDefinition: { type: 'class', modifiers: ['declaration'] },
  unitUse: { type: 'class', modifiers: [] },
  groupDefinition: { type: 'enum', modifiers: ['declaration'] },
  groupUse: { type: 'enum', modifiers: [] },
  /** A QAN or a UAN: an identifier Ofqual issues, not one the author makes up. */
  identifier: { type: 'variable', modifiers: ['readonly'] },
  directive: { type: 'keyword', modifiers: [] },
  ruleId: { type: 'property', modifiers: [] },
} as const satisfies Record<string, { type: TokenType; modifiers: readonly TokenModifier[] }>;

export type TokenKind = keyof typeof KIND;

/** One token at absolute UTF-16 line and character positions, before encoding. */
export interface SpecToken {
  line: number;
  character: number;
  length: number;
  kind: TokenKind;
}

const cache = new WeakMap<FileAnalysis, SpecToken[]>();

/** The tokens of an analysed file, in document order, none overlapping another (cached per analysis). */
export function specTokens(file: SpecFile): SpecToken[] {
  const hit = cache.get(file.analysis);
  if (hit) return hit;
  const tokens = collect(file);
  cache.set(file.analysis, tokens);
  return tokens;
}

function collect(file: SpecFile): SpecToken[] {
  const { summary, model, parsed } = file.analysis;
  const text = file.text;
  const spans: { span: Span; kind: TokenKind }[] = [];
  const add = (span: Span | undefined, kind: TokenKind, unquote = true) => {
    if (!span || span.end <= span.start) return;
    spans.push({ span: unquote ? innerSpan(text, span) : span, kind });
  };
  for (const u of summary.units) {
    add(u.refSpan, 'unitDefinition');
    add(u.fieldSpans.uan, 'identifier');
  }
  for (const g of summary.groups) add(g.span, 'groupDefinition');
  for (const u of summary.uses) add(u.span, u.kind === 'unit' ? 'unitUse' : 'groupUse');
  for (const q of summary.qualifications) add(q.qanSpan, 'identifier');
  // A UAN printed beside a unit an Award names (the table in the published document).
  for (const q of model.qualifications)
    for (const m of q.units) {
      const p = [...m.path, 'uan'];
      if (typeof m.fields.uan === 'string' && parsed.has(p)) add(parsed.locate(p), 'identifier');
    }
  for (const s of summary.suppressions) directiveSpans(text, s.comment, add);
  return encodeOrder(file, spans);
}

const DIRECTIVE = /qualspec-(?:disable-file|disable-next|disable)\b/;

/** The directive word and each rule id of a `# qualspec-disable…` comment. */
function directiveSpans(text: string, comment: Span, add: (span: Span, kind: TokenKind, unquote?: boolean) => void): void {
  const body = text.slice(comment.start, comment.end);
  const m = DIRECTIVE.exec(body);
  if (!m) return;
  const at = comment.start + m.index;
  add({ start: at, end: at + m[0].length }, 'directive', false);
  const ids = /[^\s,]+/g;
  const rest = body.slice(m.index + m[0].length);
  for (let r = ids.exec(rest); r; r = ids.exec(rest)) {
    const s = at + m[0].length + r.index;
    add({ start: s, end: s + r[0].length }, 'ruleId', false);
  }
}

/** Tokens sorted by position, one line each (a span over a line break is left uncoloured), overlaps dropped. */
function encodeOrder(file: SpecFile, spans: { span: Span; kind: TokenKind }[]): SpecToken[] {
  spans.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  const out: SpecToken[] = [];
  let end = -1;
  for (const { span, kind } of spans) {
    if (span.start < end) continue;
    const s = file.lines.positionAt(span.start);
    const e = file.lines.positionAt(span.end);
    if (s.line !== e.line || e.character <= s.character) continue;
    out.push({ line: s.line, character: s.character, length: e.character - s.character, kind });
    end = span.end;
  }
  return out;
}

const TYPE_INDEX = new Map<string, number>(TOKEN_TYPES.map((t, i) => [t, i]));
const MODIFIER_BIT = new Map<string, number>(TOKEN_MODIFIERS.map((m, i) => [m, 1 << i]));

/** Tokens as LSP encodes them: five numbers each, lines and starts relative to the token before. */
export function encodeTokens(tokens: readonly SpecToken[]): number[] {
  const data: number[] = [];
  let line = 0;
  let char = 0;
  for (const t of tokens) {
    const k = KIND[t.kind];
    const mods = k.modifiers.reduce((bits, m) => bits | MODIFIER_BIT.get(m)!, 0);
    data.push(t.line - line, t.line === line ? t.character - char : t.character, t.length, TYPE_INDEX.get(k.type)!, mods);
    line = t.line;
    char = t.character;
  }
  return data;
}

/** textDocument/semanticTokens/full. */
export function semanticTokens(file: SpecFile): SemanticTokens {
  return { data: encodeTokens(specTokens(file)) };
}

/** textDocument/semanticTokens/range: the tokens that start inside the range. */
export function semanticTokensInRange(file: SpecFile, range: Range): SemanticTokens {
  const before = (l: number, c: number, p: Range['start']) => l < p.line || (l === p.line && c < p.character);
  const tokens = specTokens(file).filter((t) => !before(t.line, t.character, range.start) && before(t.line, t.character, range.end));
  return { data: encodeTokens(tokens) };
}

/** A token's type and modifiers by name (for tests and tools that read the encoded form). */
export function decodeTokens(data: readonly number[], legend: SemanticTokensLegend = SEMANTIC_TOKENS_LEGEND) {
  const out: { line: number; character: number; length: number; type: string; modifiers: string[] }[] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i + 4 < data.length; i += 5) {
    line += data[i]!;
    char = data[i] === 0 ? char + data[i + 1]! : data[i + 1]!;
    const bits = data[i + 4]!;
    out.push({
      line,
      character: char,
      length: data[i + 2]!,
      type: legend.tokenTypes[data[i + 3]!] ?? '?',
      modifiers: legend.tokenModifiers.filter((_, b) => bits & (1 << b)),
    });
  }
  return out;
}

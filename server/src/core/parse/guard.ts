/**
 * `yaml`'s parse with the nesting depth checked before anything recursive runs, and its problems capped.
 *
 * `yaml`'s composer recurses once per level and relies on catching the stack overflow, and in V8 an
 * overflow that lands in a regular-expression compilation aborts the whole process ("FATAL ERROR:
 * RegExpCompiler Allocation failed") instead of throwing, which would take the language server down
 * with it. `yaml`'s parser (text -> CST) recurses too, when it closes many open collections at once
 * (`a: a: a: …` on one line), so it is fed one token at a time and stopped as soon as its stack of
 * open nodes grows past the limit; the CST's depth is then checked again, without recursion, before
 * it is composed (docs/robustness.md).
 */
import { Composer, Lexer, Parser, YAMLParseError, type CST, type Document } from 'yaml';

/** Deepest nesting of collections accepted. Real specs nest 7 deep; `yaml`'s composer overflows the stack near 800. */
export const MAX_NESTING = 64;
/** At most this many syntax problems are reported one by one (a damaged file can have thousands). */
export const MAX_SYNTAX_PROBLEMS = 100;

const YAML_OPTIONS = { uniqueKeys: true, prettyErrors: false, strict: true, keepSourceTokens: false } as const;

/** Offset of the first collection nested deeper than MAX_NESTING in a CST, or undefined. Iterative: no recursion. */
function tooDeepAt(tokens: readonly CST.Token[]): number | undefined {
  let at: number | undefined;
  const stack: [CST.Token, number][] = tokens.map((t) => [t, 0]);
  while (stack.length) {
    const [t, d] = stack.pop()!;
    if (t.type === 'document') {
      if (t.value) stack.push([t.value, d]);
    } else if (t.type === 'block-map' || t.type === 'block-seq' || t.type === 'flow-collection') {
      if (d + 1 > MAX_NESTING) {
        if (at === undefined || t.offset < at) at = t.offset;
        continue;
      }
      for (const it of t.items as CST.CollectionItem[]) {
        if (it.key) stack.push([it.key, d + 1]);
        if (it.value) stack.push([it.value, d + 1]);
      }
    }
  }
  return at;
}

/** The CST of a text, or the offset where its parser's stack of open nodes grew past the nesting limit. */
function cstGuarded(text: string): { tokens: CST.Token[]; tooDeep?: number; dropped: number; droppedAt?: number } {
  const parser = new Parser();
  const tokens: CST.Token[] = [];
  // Text after a broken document gives one error token per token (67,000 for a 100 kB line of `x: x:`):
  // only the first ones are composed into errors, the rest are counted.
  let errors = 0;
  let dropped = 0;
  let droppedAt: number | undefined;
  const keep = (t: CST.Token) => {
    if (t.type === 'error' && ++errors > MAX_SYNTAX_PROBLEMS) {
      dropped++;
      droppedAt ??= t.offset;
    } else tokens.push(t);
  };
  for (const lexeme of new Lexer().lex(text, false)) {
    for (const t of parser.next(lexeme)) keep(t);
    // The stack holds the document, the open collections and a pending scalar or two.
    if (parser.stack.length > MAX_NESTING + 3) return { tokens: [], tooDeep: Math.min(parser.offset, text.length), dropped: 0 };
  }
  for (const t of parser.end()) keep(t);
  return droppedAt === undefined ? { tokens, dropped } : { tokens, dropped, droppedAt };
}

/**
 * `yaml`'s parseDocument, with the nesting depth checked before anything recursive runs. When the
 * text nests deeper than MAX_NESTING, nothing is composed: the document is empty and `tooDeep` is
 * the offset where the nesting passes the limit. Every YAML text qualspec reads (specs and its
 * configuration) goes through this.
 */
export function parseDocumentGuarded(
  text: string,
  options: { uniqueKeys?: boolean; strict?: boolean } = YAML_OPTIONS,
): { doc: Document.Parsed; tooDeep?: number; dropped: number; droppedAt?: number } {
  const cst = cstGuarded(text);
  const tokens = cst.tokens;
  const deep = cst.tooDeep ?? tooDeepAt(tokens);
  const composer = new Composer({ ...options, prettyErrors: false, keepSourceTokens: false });
  // The composer's own errors are capped too (a flow list of 100,000 bad items would make as many).
  let dropped = cst.dropped;
  let droppedAt = cst.droppedAt;
  const c = composer as unknown as { onError?: (source: unknown, code: string, message: string, warning?: boolean) => void };
  const onError = c.onError;
  if (typeof onError === 'function') {
    let n = 0;
    c.onError = (source, code, message, warning) => {
      if (warning || ++n <= MAX_SYNTAX_PROBLEMS) return onError(source, code, message, warning);
      dropped++;
      const at = typeof source === 'number' ? source : Array.isArray(source) ? Number(source[0]) : Number((source as { offset?: number } | null)?.offset ?? 0);
      if (droppedAt === undefined || at < droppedAt) droppedAt = at;
    };
  }
  let doc: Document.Parsed | undefined;
  // `yaml` makes an Error per problem; their stack traces are never used and cost more than the rest.
  const traceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    for (const d of composer.compose(deep === undefined ? tokens : [], true, deep === undefined ? text.length : 0)) {
      if (!doc) doc = d;
      else {
        doc.errors.push(
          new YAMLParseError([d.range[0], d.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'),
        );
        break;
      }
    }
  } finally {
    Error.stackTraceLimit = traceLimit;
  }
  return { doc: doc!, dropped, ...(deep === undefined ? {} : { tooDeep: deep }), ...(droppedAt === undefined ? {} : { droppedAt }) };
}

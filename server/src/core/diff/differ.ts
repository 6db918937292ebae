/**
 * The collector of a version diff: the changes found so far, the renames learnt on the way (a unit
 * or group that kept its identity under a new ref or id, so that later lists and rules are compared
 * in the new names), and the two ways a change is reported — one field (`fields`) or an item only
 * one version has (`presence`). What is compared where lives in document.ts, units.ts and
 * qualifications.ts; semantic.ts runs them in order.
 */
import type { ParsedFile, Path } from '../parse/parse.js';
import type { LineIndex } from '../text/line-index.js';
import type { Item, Pairing } from './pairing.js';
import type { Change, ChangeArea, ChangeKind, Sensitivity, Where } from './types.js';
import { cap, label, PROSE, same, show } from './values.js';
import { wordDiff } from './words.js';

/** One version of the file: its parse (for source locations) and its line index. */
export interface Side {
  parsed: ParsedFile;
  lines: LineIndex;
}

export interface ChangeInput {
  key: string;
  area: ChangeArea;
  kind: ChangeKind;
  subject: string;
  part?: string | undefined;
  message: string;
  before?: unknown;
  after?: unknown;
  words?: boolean;
  sensitive?: Sensitivity | undefined;
  oldPath?: Path | undefined;
  newPath?: Path | undefined;
}

export class Differ {
  readonly changes: Change[] = [];
  /** Old unit ref -> new unit ref, for units that kept their identity under a new ref. */
  readonly unitRename = new Map<string, string>();
  /** Old group id -> new group id. */
  readonly groupRename = new Map<string, string>();

  constructor(
    private readonly a: Side,
    private readonly b: Side,
  ) {}

  private where(side: Side, path: Path | undefined): Where | undefined {
    if (!path) return undefined;
    const span = side.parsed.locate(path);
    return { path, span, line: side.lines.positionAt(span.start).line + 1 };
  }

  add(c: ChangeInput): void {
    const change: Change = { key: c.key, area: c.area, kind: c.kind, subject: c.subject, part: c.part ?? '', message: c.message };
    if (c.before !== undefined) change.before = show(c.before);
    if (c.after !== undefined) change.after = show(c.after);
    if (c.words && typeof c.before === 'string' && typeof c.after === 'string') change.words = wordDiff(c.before, c.after);
    if (c.sensitive) change.sensitive = c.sensitive;
    const o = this.where(this.a, c.oldPath);
    const n = this.where(this.b, c.newPath);
    if (o) change.old = o;
    if (n) change.new = n;
    this.changes.push(change);
  }

  /**
   * Report the items only one version has: each removed item points at itself in the old file and at
   * `newList` (where it would be) in the new one; an added item the other way round. `text` is the
   * wording shown beside it (before for a removal, after for an addition).
   */
  presence<T extends Item>(
    p: Pairing<T>,
    o: {
      area: ChangeArea;
      key: (x: T) => string;
      subject: (x: T) => string;
      part?: (x: T) => string;
      removed: (x: T) => string;
      added: (x: T) => string;
      text?: (x: T) => unknown;
      sensitive?: Sensitivity | undefined;
      oldList: Path;
      newList: Path;
    },
  ): void {
    const common = (x: T) => ({ key: o.key(x), area: o.area, subject: o.subject(x), part: o.part?.(x), sensitive: o.sensitive });
    for (const x of p.removed) this.add({ ...common(x), kind: 'removed', message: o.removed(x), before: o.text?.(x), oldPath: x.path, newPath: o.newList });
    for (const y of p.added) this.add({ ...common(y), kind: 'added', message: o.added(y), after: o.text?.(y), oldPath: o.oldList, newPath: y.path });
  }

  /**
   * Compare the fields of a matched pair. `skip` are keys compared elsewhere; every other key, known
   * or not, is compared as data, so that nothing a later format adds goes unreported.
   */
  fields(
    area: ChangeArea,
    keyBase: string,
    subject: string,
    a: Item,
    b: Item,
    skip: ReadonlySet<string>,
    opts: { sensitive?: (k: string) => Sensitivity | undefined; map?: (k: string, v: unknown) => unknown } = {},
  ): void {
    const keys = [...new Set([...Object.keys(a.o), ...Object.keys(b.o)])];
    for (const k of keys) {
      if (skip.has(k)) continue;
      const before = opts.map ? opts.map(k, a.o[k]) : a.o[k];
      const after = b.o[k];
      if (same(before, after)) continue;
      const prose = PROSE.has(k) && typeof before === 'string' && typeof after === 'string';
      const kind: ChangeKind = before === undefined ? 'added' : after === undefined ? 'removed' : 'changed';
      const message =
        kind === 'added'
          ? `${cap(label(k))} added: ${show(after)}`
          : kind === 'removed'
            ? `${cap(label(k))} removed (was ${show(before)})`
            : prose && k === 'title'
              ? `Title "${show(before)}" → "${show(after)}"`
              : prose
                ? `${cap(label(k))} ${k === 'text' ? 'changed' : 'reworded'}`
                : `${cap(label(k))} ${show(before)} → ${show(after)}`;
      this.add({
        key: `${keyBase} ${k}`,
        area,
        kind,
        subject,
        part: label(k),
        message,
        before,
        after,
        words: prose,
        sensitive: opts.sensitive?.(k),
        oldPath: a.o[k] !== undefined ? [...a.path, k] : a.path,
        newPath: b.o[k] !== undefined ? [...b.path, k] : b.path,
      });
    }
  }

  /** A group id of the old version in the new version's names. */
  readonly mapGroup = (g: unknown): unknown => (typeof g === 'string' ? (this.groupRename.get(g) ?? g) : g);
  /** A unit ref of the old version in the new version's names. */
  readonly mapRef = (r: unknown): unknown => (typeof r === 'string' ? (this.unitRename.get(r) ?? r) : r);
}

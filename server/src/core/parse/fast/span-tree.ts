import type { Span } from '../../text/line-index.js';
import type { Path } from '../types.js';

/**
 * The spans the reader recorded, as a tree by path segment, so that recording or looking one up does
 * not join the whole path into a string and hash it. A node's children are a sequence's items (by
 * index) or a mapping's entries (by key, searched in order: a mapping has a few wanted keys, and the
 * reader gives up on a repeated one). Lookups match a segment as `path.join` would write it, so a
 * number and its string meet: as long as no key holds a NUL, a path finds a node exactly when the two
 * paths' joins are equal.
 */
export class SpanTree {
  span: Span | undefined = undefined;
  private items: SpanTree[] | undefined = undefined;
  private keys: string[] | undefined = undefined;
  private entries: SpanTree[] | undefined = undefined;

  item(i: number): SpanTree {
    const items = (this.items ??= []);
    return (items[i] ??= new SpanTree());
  }

  entry(k: string): SpanTree {
    const keys = (this.keys ??= []);
    const entries = (this.entries ??= []);
    const i = keys.indexOf(k);
    if (i >= 0) return entries[i]!;
    const c = new SpanTree();
    keys.push(k);
    entries.push(c);
    return c;
  }

  private get(seg: string | number): SpanTree | undefined {
    if (typeof seg === 'number') {
      if (this.items !== undefined && Number.isInteger(seg) && seg >= 0) return this.items[seg];
      seg = String(seg);
    } else if (this.items !== undefined) {
      const i = Number(seg);
      if (Number.isInteger(i) && i >= 0 && String(i) === seg) return this.items[i];
    }
    const i = this.keys?.indexOf(seg) ?? -1;
    return i >= 0 ? this.entries![i] : undefined;
  }

  find(p: Path): SpanTree | undefined {
    if (p.length === 0) return this;
    let node = this.get(p[0]!);
    for (let i = 1; i < p.length && node !== undefined; i++) node = node.get(p[i]!);
    return node;
  }
}

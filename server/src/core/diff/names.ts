/** How the version diff names what changed: units, qualifications and rules, and a unit as an Award lists it. */
import type { Path } from '../parse/parse.js';
import type { Item } from './pairing.js';
import { arr, isObj, obj, show, str, type Obj } from './values.js';
import { normalise } from './words.js';

export function mention(v: unknown, path: Path): { path: Path; ref?: string; fields: Obj } {
  if (isObj(v)) {
    const { ref, ...fields } = v;
    const r = str(ref);
    return r !== undefined ? { path, ref: r, fields } : { path, fields };
  }
  const r = str(v);
  return r !== undefined ? { path, ref: r, fields: {} } : { path, fields: {} };
}

export function unitIndex(root: Obj): Map<string, Obj> {
  const m = new Map<string, Obj>();
  for (const u of arr(root.units)) {
    const o = obj(u);
    const r = str(o.ref);
    if (r !== undefined && !m.has(r)) m.set(r, o);
  }
  return m;
}

export function unitName(o: Obj): string {
  const ref = str(o.ref);
  const title = str(o.title);
  return `Unit ${ref ?? '(no ref)'}${title ? ` ${normalise(title)}` : ''}`;
}

export function qualName(o: Obj): string {
  const title = str(o.title);
  const qan = str(o.qan);
  return `${title ? normalise(title) : 'Qualification'}${qan ? ` (${qan})` : ''}`;
}

export function ruleName(r: Item): string {
  const id = str(r.o.id);
  if (id) return `'${id}'`;
  const t = str(r.o.text);
  return t ? `"${show(t)}"` : `${Number(r.path[r.path.length - 1]) + 1}`;
}

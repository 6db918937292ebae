/**
 * The spec format's JSON Schema, read for editor features: which keys a mapping may have, what a
 * key means (its description), which values are allowed, and whether a value is a unit ref or a
 * group id.
 */
import { SPEC_SCHEMA } from '../core/schema/validate.js';
import type { Path } from '../core/index.js';

type S = Record<string, unknown>;

export interface SchemaView {
  /** The alternatives a value at the path may match (anyOf/oneOf flattened, $refs followed). */
  alternatives: S[];
  /** The description most specific to the path (the property's own, else its definition's). */
  description?: string;
  /** Names of the $defs the path resolves through ("unitRef", "groupId", "unit" …). */
  defs: Set<string>;
}

function resolveRef(ref: string): S | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let cur: unknown = SPEC_SCHEMA;
  for (const raw of ref.slice(2).split('/')) {
    const k = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur && typeof cur === 'object') cur = (cur as S)[k];
    else return undefined;
  }
  return cur && typeof cur === 'object' ? (cur as S) : undefined;
}

/** Follow $refs and flatten anyOf/oneOf/allOf into alternatives; record def names and the first description. */
function expand(s: S, defs: Set<string>, out: S[], depth = 0): void {
  if (depth > 12) return;
  if (typeof s.$ref === 'string') {
    const name = /^#\/\$defs\/(.+)$/.exec(s.$ref)?.[1];
    if (name) defs.add(name);
    const r = resolveRef(s.$ref);
    if (r) expand(r, defs, out, depth + 1);
  }
  for (const k of ['anyOf', 'oneOf', 'allOf'] as const) {
    const list = s[k];
    if (Array.isArray(list)) for (const alt of list) if (alt && typeof alt === 'object') expand(alt as S, defs, out, depth + 1);
  }
  if (s.type !== undefined || s.properties !== undefined || s.items !== undefined || s.enum !== undefined || s.const !== undefined) out.push(s);
}

function descriptionOf(s: S): string | undefined {
  if (typeof s.description === 'string') return s.description;
  if (typeof s.$ref === 'string') {
    const r = resolveRef(s.$ref);
    if (r) return descriptionOf(r);
  }
  return undefined;
}

const cache = new Map<string, SchemaView | null>();

/** The schema of the value at a data path (indices may be any number). */
export function schemaAt(path: Path): SchemaView | undefined {
  const key = path.map((p) => (typeof p === 'number' ? '#' : p)).join('\u0000');
  const hit = cache.get(key);
  if (hit !== undefined) return hit ?? undefined;
  let raw: S[] = [SPEC_SCHEMA];
  for (const seg of path) {
    const next: S[] = [];
    for (const r of raw) {
      const alts: S[] = [];
      expand(r, new Set(), alts);
      for (const a of alts) {
        if (typeof seg === 'string') {
          const props = a.properties as Record<string, S> | undefined;
          if (props && props[seg]) next.push(props[seg]);
        } else if (a.items && typeof a.items === 'object') next.push(a.items as S);
      }
    }
    if (!next.length) {
      cache.set(key, null);
      return undefined;
    }
    raw = next;
  }
  const defs = new Set<string>();
  const alternatives: S[] = [];
  for (const r of raw) expand(r, defs, alternatives);
  let description: string | undefined;
  for (const r of raw) {
    description = descriptionOf(r);
    if (description) break;
  }
  const view: SchemaView = { alternatives, defs, ...(description ? { description } : {}) };
  cache.set(key, view);
  return view;
}

export interface PropertyInfo {
  name: string;
  description?: string;
  required: boolean;
  /** The kind of value: decides what a completion inserts after the key. */
  shape: 'scalar' | 'mapping' | 'list' | 'mixed';
}

/** Keys a mapping at the path may have, in schema order. */
export function propertiesAt(path: Path): PropertyInfo[] {
  const view = schemaAt(path);
  if (!view) return [];
  const out = new Map<string, PropertyInfo>();
  for (const a of view.alternatives) {
    const props = a.properties as Record<string, S> | undefined;
    if (!props) continue;
    const req = new Set(Array.isArray(a.required) ? (a.required as string[]) : []);
    for (const [name, ps] of Object.entries(props)) {
      if (out.has(name)) continue;
      const sub = schemaAt([...path, name]);
      const d = descriptionOf(ps);
      out.set(name, { name, ...(d ? { description: d } : {}), required: req.has(name), shape: shapeOf(sub) });
    }
  }
  return [...out.values()];
}

function shapeOf(v: SchemaView | undefined): PropertyInfo['shape'] {
  if (!v) return 'scalar';
  const kinds = new Set(
    v.alternatives.map((a) => {
      if (a.type === 'object' || a.properties) return 'mapping';
      if (a.type === 'array' || a.items) return 'list';
      return 'scalar';
    }),
  );
  return kinds.size === 1 ? ([...kinds][0] as PropertyInfo['shape']) : 'mixed';
}

/** Values a scalar at the path may take, when the schema lists them (enum, const, boolean). */
export function valuesAt(path: Path): { value: string; description?: string }[] {
  const view = schemaAt(path);
  if (!view) return [];
  const out: { value: string; description?: string }[] = [];
  const seen = new Set<string>();
  const add = (v: unknown) => {
    const s = typeof v === 'string' ? v : JSON.stringify(v);
    if (!seen.has(s)) {
      seen.add(s);
      out.push({ value: s });
    }
  };
  for (const a of view.alternatives) {
    if (Array.isArray(a.enum)) for (const v of a.enum) add(v);
    if (a.const !== undefined) add(a.const);
    if (a.type === 'boolean') {
      add(true);
      add(false);
    }
  }
  return out;
}

/** Whether a value at the path names a unit (unitRef) or a group (groupId). */
export function refKindAt(path: Path): 'unit' | 'group' | undefined {
  const view = schemaAt(path);
  if (!view) return undefined;
  if (view.defs.has('unitRef')) return 'unit';
  if (view.defs.has('groupId')) return 'group';
  return undefined;
}

/** "text", "a whole number" … for hovers. */
export function typeWords(path: Path): string | undefined {
  const view = schemaAt(path);
  if (!view) return undefined;
  const words = new Set<string>();
  for (const a of view.alternatives) {
    if (Array.isArray(a.enum)) words.add(`one of ${(a.enum as unknown[]).map((v) => `\`${String(v)}\``).join(', ')}`);
    else if (a.const !== undefined) words.add(`\`${String(a.const)}\``);
    else if (a.type === 'integer') words.add('a whole number');
    else if (a.type === 'number') words.add('a number');
    else if (a.type === 'string') words.add('text');
    else if (a.type === 'boolean') words.add('true or false');
    else if (a.type === 'array' || a.items) words.add('a list');
    else if (a.type === 'object' || a.properties) words.add('a mapping');
  }
  return words.size ? [...words].join(' or ') : undefined;
}

/**
 * The version diff of the qualifications: matched by QAN, then title; within each its fields and
 * facts, the units an Award lists (with the values printed beside them), the pool of units to choose
 * from and the rules of combination — all read in the new version's names of renamed units and groups.
 */
import type { Differ } from './differ.js';
import { mention, qualName, ruleName, unitIndex } from './names.js';
import { items, pairBy, type Item } from './pairing.js';
import { arr, cap, label, obj, same, show, str, type Obj } from './values.js';
import { normalise } from './words.js';

export function diffQualifications(d: Differ, a: Item[], b: Item[], A: Obj, B: Obj): void {
  const title = (x: Item) => (str(x.o.title) ? normalise(str(x.o.title)!).toLowerCase() : undefined);
  const p = pairBy(a, b, [(x) => str(x.o.qan), title]);
  d.presence(p, {
    area: 'qualification',
    key: (x) => `qualification ${show(x.o.qan ?? x.o.title)}`,
    subject: (x) => qualName(x.o),
    removed: (x) => `${qualName(x.o)} removed`,
    added: (y) => `${qualName(y.o)} added`,
    oldList: ['qualifications'],
    newList: ['qualifications'],
  });
  for (const [x, y] of p.pairs) qualification(d, x, y, A, B);
}

function qualification(d: Differ, x: Item, y: Item, A: Obj, B: Obj): void {
  const key = `qualification ${show(y.o.qan ?? y.o.title)}`;
  const subject = qualName(y.o);
  const sameQan = typeof x.o.qan === 'string' && x.o.qan === y.o.qan;
  const skip = new Set(['units', 'rules', 'pool', 'facts', 'printedTitles']);
  d.fields('qualification', key, subject, x, y, skip, {
    sensitive: (k) => (sameQan && (k === 'glh' || k === 'tqt' || k === 'credit') ? 'sizes' : undefined),
  });
  // Titles printed elsewhere record a document that disagrees with itself: they go with the title.
  if (!same(x.o.printedTitles, y.o.printedTitles)) {
    const titleChange = d.changes.find((c) => c.key === `${key} title`);
    if (titleChange)
      titleChange.message +=
        y.o.printedTitles === undefined
          ? ` (the title printed elsewhere as ${show(x.o.printedTitles)} is no longer recorded as a different printing)`
          : ` (titles printed elsewhere: ${show(x.o.printedTitles)} → ${show(y.o.printedTitles)})`;
    else d.fields('qualification', key, subject, x, y, new Set(Object.keys({ ...x.o, ...y.o }).filter((k) => k !== 'printedTitles')));
  }
  d.fields(
    'qualification',
    `${key} facts`,
    `${subject}: facts`,
    { path: [...x.path, 'facts'], o: obj(x.o.facts) },
    { path: [...y.path, 'facts'], o: obj(y.o.facts) },
    new Set(),
  );
  awardUnits(d, key, subject, x, y, A, B);
  pool(d, key, subject, x, y);
  rules(d, key, subject, x, y);
}

function awardUnits(d: Differ, key: string, subject: string, x: Item, y: Item, A: Obj, B: Obj): void {
  const ma = items(x.o.units, [...x.path, 'units']).map((m, i) => mention(arr(x.o.units)[i], m.path));
  const mb = items(y.o.units, [...y.path, 'units']).map((m, i) => mention(arr(y.o.units)[i], m.path));
  const refA = new Map(ma.map((m) => [str(d.mapRef(m.ref)) ?? '', m]));
  const refB = new Map(mb.map((m) => [m.ref ?? '', m]));
  const unitsA = unitIndex(A);
  const unitsB = unitIndex(B);
  for (const [r, m] of refA)
    if (r && !refB.has(r))
      d.add({
        key: `${key} unit ${r}`,
        area: 'qualification',
        kind: 'removed',
        subject,
        part: `unit ${r}`,
        message: `Unit ${m.ref ?? r} removed from the qualification`,
        oldPath: m.path,
        newPath: y.o.units !== undefined ? [...y.path, 'units'] : y.path,
      });
  for (const [r, m] of refB)
    if (r && !refA.has(r))
      d.add({
        key: `${key} unit ${r}`,
        area: 'qualification',
        kind: 'added',
        subject,
        part: `unit ${r}`,
        message: `Unit ${r} added to the qualification`,
        oldPath: x.o.units !== undefined ? [...x.path, 'units'] : x.path,
        newPath: m.path,
      });
  // The values printed beside a unit: what a reader of the table sees is the printed value, else the
  // unit's own. A change of the unit itself is reported with the unit, not again here.
  for (const [r, m] of refB) {
    const o = refA.get(r);
    if (!r || !o) continue;
    const ua = unitsA.get(o.ref ?? '') ?? {};
    const ub = unitsB.get(r) ?? {};
    for (const f of ['uan', 'title', 'level', 'glh', 'tqt', 'credit']) {
      const before = o.fields[f] ?? ua[f];
      const after = m.fields[f] ?? ub[f];
      if (same(before, after) || !same(ua[f], ub[f])) continue;
      d.add({
        key: `${key} unit ${r} ${f}`,
        area: 'qualification',
        kind: 'changed',
        subject,
        part: `${label(f)} printed beside unit ${r}`,
        message: `${cap(label(f))} printed beside unit ${r} ${show(before)} → ${show(after)}`,
        before,
        after,
        oldPath: o.fields[f] !== undefined ? [...o.path, f] : o.path,
        newPath: m.fields[f] !== undefined ? [...m.path, f] : m.path,
      });
    }
  }
}

function pool(d: Differ, key: string, subject: string, x: Item, y: Item): void {
  const pa = obj(x.o.pool);
  const pb = obj(y.o.pool);
  for (const [f, map] of [
    ['groups', d.mapGroup],
    ['units', d.mapRef],
  ] as const) {
    const la = arr(pa[f]).map(map).map(show);
    const lb = arr(pb[f]).map(show);
    const gone = la.filter((v) => !lb.includes(v));
    const come = lb.filter((v) => !la.includes(v));
    if (!gone.length && !come.length) continue;
    const what = f === 'groups' ? 'groups' : 'units';
    const parts = [...(gone.length ? [`no longer from ${what} ${gone.join(', ')}`] : []), ...(come.length ? [`now also from ${what} ${come.join(', ')}`] : [])];
    d.add({
      key: `${key} pool ${f}`,
      area: 'qualification',
      kind: 'changed',
      subject,
      part: `units to choose from (${what})`,
      message: `Units may be chosen ${parts.join('; ')}`,
      before: la,
      after: lb,
      oldPath: pa[f] !== undefined ? [...x.path, 'pool', f] : x.path,
      newPath: pb[f] !== undefined ? [...y.path, 'pool', f] : y.path,
    });
  }
}

function rules(d: Differ, key: string, subject: string, x: Item, y: Item): void {
  const ra = items(x.o.rules, [...x.path, 'rules']);
  const rb = items(y.o.rules, [...y.path, 'rules']);
  const text = (r: Item) => normalise(str(r.o.text) ?? '') || undefined;
  const shape = (r: Item, mapped: boolean) =>
    JSON.stringify(
      Object.fromEntries(
        Object.entries(r.o)
          .filter(([k]) => k !== 'id' && k !== 'text')
          .map(([k, v]) => [k, mapped ? mapRuleValue(d, k, v) : v]),
      ),
    );
  const index = (r: Item) => String(r.path[r.path.length - 1]);
  type Sided = Item & { side: 'a' | 'b' };
  const p = pairBy<Sided>(
    ra.map((r) => ({ ...r, side: 'a' })),
    rb.map((r) => ({ ...r, side: 'b' })),
    [(r) => str(r.o.id), text, (r) => shape(r, r.side === 'a'), index],
  );
  d.presence(p, {
    area: 'qualification',
    key: (r) => `${key} rule ${ruleName(r)}`,
    subject: () => subject,
    part: ruleName,
    removed: (r) => `Rule of combination ${ruleName(r)} removed`,
    added: (r) => `Rule of combination ${ruleName(r)} added`,
    text: (r) => r.o.text,
    oldList: x.o.rules !== undefined ? [...x.path, 'rules'] : x.path,
    newList: y.o.rules !== undefined ? [...y.path, 'rules'] : y.path,
  });
  for (const [r, s] of p.pairs)
    d.fields('qualification', `${key} rule ${ruleName(s)}`, `${subject}: rule ${ruleName(s)}`, r, s, new Set(), {
      map: (k, v) => mapRuleValue(d, k, v),
    });
}

/** A rule's value in the new version's names (groups and units renamed since). */
function mapRuleValue(d: Differ, k: string, v: unknown): unknown {
  if (k === 'groups' && Array.isArray(v)) return v.map(d.mapGroup);
  if ((k === 'units' || k === 'mandatory' || k === 'barred') && Array.isArray(v)) return v.map(d.mapRef);
  return v;
}

/**
 * The version diff of the units: matched by ref, then UAN, then title and level (a unit that kept its
 * identity under a new ref is a rename, learnt here for the qualifications compared after), then
 * within each unit its fields, learning outcomes and criteria (by wording), indicative content and
 * assessor guidance (by the outcome they belong to), and apprenticeship links.
 */
import type { Differ } from './differ.js';
import { items, matchWordings, pairBy, type Item } from './pairing.js';
import { unitName } from './names.js';
import type { Sensitivity } from './types.js';
import { cap, same, show, str } from './values.js';
import { normalise } from './words.js';

export function diffUnits(d: Differ, a: Item[], b: Item[]): void {
  const title = (x: Item) => (str(x.o.title) ? `${normalise(str(x.o.title)!).toLowerCase()}|${show(x.o.level)}` : undefined);
  const p = pairBy(a, b, [(x) => str(x.o.ref), (x) => str(x.o.uan), title]);
  const name = (x: Item) => unitName(x.o);
  for (const [x, y] of p.pairs) {
    const ra = str(x.o.ref);
    const rb = str(y.o.ref);
    if (ra !== undefined && rb !== undefined && ra !== rb) d.unitRename.set(ra, rb);
  }
  d.presence(p, {
    area: 'unit',
    key: (x) => `unit ${show(x.o.ref)}`,
    subject: name,
    removed: (x) => `${name(x)} removed`,
    added: (y) => `${name(y)} added`,
    oldList: ['units'],
    newList: ['units'],
  });
  for (const [x, y] of p.pairs) unit(d, x, y);
}

function unit(d: Differ, x: Item, y: Item): void {
  const key = `unit ${show(y.o.ref)}`;
  const subject = unitName(y.o);
  const ra = str(x.o.ref);
  const rb = str(y.o.ref);
  if (ra !== rb)
    d.add({
      key: `${key} ref`,
      area: 'unit',
      kind: 'renamed',
      subject,
      part: 'unit ref',
      message: `Unit ref ${show(ra)} → ${show(rb)} (the same unit: matched by ${x.o.uan !== undefined && same(x.o.uan, y.o.uan) ? 'its UAN' : 'its title and level'})`,
      before: ra,
      after: rb,
      oldPath: [...x.path, 'ref'],
      newPath: [...y.path, 'ref'],
    });
  const sameUan = typeof x.o.uan === 'string' && x.o.uan === y.o.uan;
  d.fields('unit', key, subject, x, y, new Set(['ref', 'learningOutcomes', 'indicativeContent', 'assessorGuidance', 'apprenticeshipLinks']), {
    map: (k, v) => (k === 'group' ? d.mapGroup(v) : v),
  });
  outcomes(d, key, subject, x, y, sameUan ? 'outcomes' : undefined);
  loTexts(d, key, subject, 'indicative content', x, y, 'indicativeContent');
  loTexts(d, key, subject, 'assessor guidance', x, y, 'assessorGuidance');
  ksbs(d, key, subject, x, y);
}

function outcomes(d: Differ, key: string, subject: string, x: Item, y: Item, sensitive: Sensitivity | undefined): void {
  const la = items(x.o.learningOutcomes, [...x.path, 'learningOutcomes']);
  const lb = items(y.o.learningOutcomes, [...y.path, 'learningOutcomes']);
  const lo = (i: Item) => `learning outcome ${show(i.o.number)}`;
  const p = matchWordings(la, lb);
  d.presence(p, {
    area: 'unit',
    key: (i) => `${key} lo ${show(i.o.number)}`,
    subject: () => subject,
    part: lo,
    removed: (i) => `${cap(lo(i))} removed: "${show(i.o.text)}"`,
    added: (i) => `${cap(lo(i))} added: "${show(i.o.text)}"`,
    text: (i) => i.o.text,
    sensitive,
    oldList: [...x.path, 'learningOutcomes'],
    newList: [...y.path, 'learningOutcomes'],
  });
  for (const [i, j] of p.pairs) {
    wording(d, `${key} lo ${show(j.o.number)}`, subject, 'learning outcome', i, j, sensitive);
    const ca = items(i.o.criteria, [...i.path, 'criteria']);
    const cb = items(j.o.criteria, [...j.path, 'criteria']);
    const q = matchWordings(ca, cb);
    const ac = (c: Item) => `criterion ${show(c.o.number)}`;
    d.presence(q, {
      area: 'unit',
      key: (c) => `${key} ac ${show(c.o.number)}`,
      subject: () => subject,
      part: ac,
      removed: (c) => `Assessment ${ac(c)} removed: "${show(c.o.text)}"`,
      added: (c) => `Assessment ${ac(c)} added: "${show(c.o.text)}"`,
      text: (c) => c.o.text,
      sensitive,
      oldList: [...i.path, 'criteria'],
      newList: [...j.path, 'criteria'],
    });
    for (const [c, e] of q.pairs) wording(d, `${key} ac ${show(e.o.number)}`, subject, 'assessment criterion', c, e, sensitive);
  }
}

/** A matched outcome or criterion: renumbered, reworded, or both (and any other field). */
function wording(d: Differ, key: string, subject: string, what: string, i: Item, j: Item, sensitive: Sensitivity | undefined): void {
  const na = show(i.o.number);
  const nb = show(j.o.number);
  const renumbered = !same(i.o.number, j.o.number);
  const reworded = !same(i.o.text, j.o.text);
  if (renumbered || reworded) {
    const message = renumbered ? `${cap(what)} ${na} is now ${nb}${reworded ? ', and reworded' : ` ("${show(j.o.text)}")`}` : `${cap(what)} ${nb} reworded`;
    d.add({
      key,
      area: 'unit',
      kind: renumbered ? 'renumbered' : 'changed',
      subject,
      part: `${what} ${nb}`,
      message,
      before: reworded ? i.o.text : na,
      after: reworded ? j.o.text : nb,
      words: reworded,
      sensitive,
      oldPath: reworded && i.o.text !== undefined ? [...i.path, 'text'] : i.path,
      newPath: reworded && j.o.text !== undefined ? [...j.path, 'text'] : j.path,
    });
  }
  d.fields('unit', key, subject, i, j, new Set(['number', 'text', 'criteria']), { sensitive: () => sensitive });
}

/** Indicative content or assessor guidance: one text per outcome; text that moved to another outcome is a move. */
function loTexts(d: Differ, key: string, subject: string, what: string, x: Item, y: Item, field: string): void {
  const ta = items(x.o[field], [...x.path, field]);
  const tb = items(y.o[field], [...y.path, field]);
  const text = (i: Item) => normalise(str(i.o.text) ?? '') || undefined;
  const p = pairBy(ta, tb, [(i) => (text(i) ? `${show(i.o.lo)}|${text(i)}` : undefined), text, (i) => str(i.o.lo)]);
  for (const [i, j] of p.pairs) {
    const moved = !same(i.o.lo, j.o.lo);
    const reworded = !same(i.o.text, j.o.text);
    if (!moved && !reworded) continue;
    d.add({
      key: `${key} ${field} ${show(j.o.lo)}`,
      area: 'unit',
      kind: moved ? 'moved' : 'changed',
      subject,
      part: `${what} for learning outcome ${show(j.o.lo)}`,
      message: moved
        ? `${cap(what)} for learning outcome ${show(i.o.lo)} now belongs to learning outcome ${show(j.o.lo)}${reworded ? ', and was reworded' : ''}`
        : `${cap(what)} for learning outcome ${show(j.o.lo)} changed`,
      before: i.o.text,
      after: j.o.text,
      words: reworded,
      oldPath: i.path,
      newPath: j.path,
    });
  }
  for (const i of p.removed) {
    const t = text(i);
    const into = t ? tb.find((j) => (text(j) ?? '').includes(t)) : undefined;
    d.add({
      key: `${key} ${field} ${show(i.o.lo)} (old)`,
      area: 'unit',
      kind: into ? 'moved' : 'removed',
      subject,
      part: `${what} for learning outcome ${show(i.o.lo)}`,
      message: into
        ? `${cap(what)} for learning outcome ${show(i.o.lo)} merged into that of learning outcome ${show(into.o.lo)}`
        : `${cap(what)} for learning outcome ${show(i.o.lo)} removed`,
      before: i.o.text,
      oldPath: i.path,
      newPath: into ? into.path : [...y.path, field],
    });
  }
  for (const j of p.added)
    d.add({
      key: `${key} ${field} ${show(j.o.lo)}`,
      area: 'unit',
      kind: 'added',
      subject,
      part: `${what} for learning outcome ${show(j.o.lo)}`,
      message: `${cap(what)} for learning outcome ${show(j.o.lo)} added`,
      after: j.o.text,
      oldPath: [...x.path, field],
      newPath: j.path,
    });
}

function ksbs(d: Differ, key: string, subject: string, x: Item, y: Item): void {
  const flat = (u: Item): Item[] =>
    items(u.o.apprenticeshipLinks, [...u.path, 'apprenticeshipLinks']).flatMap((link) =>
      items(link.o.ksbs, [...link.path, 'ksbs']).map((k) => ({ path: k.path, o: { ...k.o, standard: link.o.standard } })),
    );
  const ka = flat(x);
  const kb = flat(y);
  const id = (k: Item) => `${show(k.o.standard)}|${show(k.o.code)}`;
  const p = pairBy(ka, kb, [id]);
  const name = (k: Item) => `${show(k.o.code)} (${show(k.o.standard)})`;
  d.presence(p, {
    area: 'unit',
    key: (k) => `${key} ksb ${id(k)}`,
    subject: () => subject,
    part: (k) => `apprenticeship link ${name(k)}`,
    removed: (k) => `Apprenticeship link ${name(k)} removed`,
    added: (k) => `Apprenticeship link ${name(k)} added: "${show(k.o.text)}"`,
    text: (k) => k.o.text,
    oldList: [...x.path, 'apprenticeshipLinks'],
    newList: [...y.path, 'apprenticeshipLinks'],
  });
  for (const [k, l] of p.pairs)
    if (!same(k.o.text, l.o.text))
      d.add({
        key: `${key} ksb ${id(l)}`,
        area: 'unit',
        kind: 'changed',
        subject,
        part: `apprenticeship link ${name(l)}`,
        message: `Wording of apprenticeship link ${name(l)} changed`,
        before: k.o.text,
        after: l.o.text,
        words: true,
        oldPath: [...k.path, 'text'],
        newPath: [...l.path, 'text'],
      });
}

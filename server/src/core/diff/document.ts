/**
 * The version diff of the document as a whole: its cover fields and change history, the checker's
 * settings, the document facts, its sections and its groups of units.
 */
import type { Differ } from './differ.js';
import { items, pairBy, type Item } from './pairing.js';
import type { ChangeKind } from './types.js';
import { arr, cap, label, obj, same, SETTINGS, SETTINGS_SUBJECT, show, str, type Obj } from './values.js';
import { normalise } from './words.js';

/** Everything but the units and qualifications; groups first learn their renames. */
export function diffDocument(d: Differ, A: Obj, B: Obj): void {
  document(d, { path: ['document'], o: obj(A.document) }, { path: ['document'], o: obj(B.document) });
  facts(d, 'Document facts', 'facts', { path: ['facts'], o: obj(A.facts) }, { path: ['facts'], o: obj(B.facts) });
  sections(d, items(A.sections, ['sections']), items(B.sections, ['sections']));
  groups(d, items(A.groups, ['groups']), items(B.groups, ['groups']));
}

function document(d: Differ, a: Item, b: Item): void {
  const subject = 'The document';
  d.fields('document', 'document', subject, a, b, new Set(['changeHistory', ...SETTINGS]));
  settings(d, a, b);
  const ha = items(a.o.changeHistory, [...a.path, 'changeHistory']);
  const hb = items(b.o.changeHistory, [...b.path, 'changeHistory']);
  const p = pairBy(ha, hb, [(x) => str(x.o.version)]);
  for (const x of p.removed)
    d.add({
      key: `history ${str(x.o.version) ?? x.path.join('.')}`,
      area: 'document',
      kind: 'removed',
      subject: 'Change history',
      part: `entry ${show(x.o.version)}`,
      message: `Change-history entry ${show(x.o.version)} (${show(x.o.date)}) removed`,
      oldPath: x.path,
      newPath: [...b.path, 'changeHistory'],
    });
  for (const y of p.added)
    d.add({
      key: `history ${str(y.o.version) ?? y.path.join('.')}`,
      area: 'document',
      kind: 'added',
      subject: 'Change history',
      part: `entry ${show(y.o.version)}`,
      message: `Change-history entry ${show(y.o.version)} (${show(y.o.date)}) added: ${show(y.o.summary)}`,
      after: y.o.summary,
      oldPath: [...a.path, 'changeHistory'],
      newPath: y.path,
    });
  for (const [x, y] of p.pairs) d.fields('document', `history ${show(x.o.version)}`, `Change-history entry ${show(x.o.version)}`, x, y, new Set());
}

/**
 * document.words, language and unitRefs: settings of qualspec's spelling and ref-style checks, which
 * nothing prints. Reported under their own subject (area `settings`), the word list as the words
 * added and removed; change control does not count them (docs/versions.md, "Checker settings").
 */
function settings(d: Differ, a: Item, b: Item): void {
  for (const k of SETTINGS) {
    const before = a.o[k];
    const after = b.o[k];
    if (same(before, after)) continue;
    const common = { key: `document ${k}`, area: 'settings' as const, subject: SETTINGS_SUBJECT, part: label(k), before, after };
    const paths = { oldPath: before !== undefined ? [...a.path, k] : a.path, newPath: after !== undefined ? [...b.path, k] : b.path };
    if (k === 'words' && (Array.isArray(before) || before === undefined) && (Array.isArray(after) || after === undefined)) {
      const was = new Set(arr(before).map((w) => show(w)));
      const now = new Set(arr(after).map((w) => show(w)));
      const added = [...now].filter((w) => !was.has(w));
      const removed = [...was].filter((w) => !now.has(w));
      const parts = [added.length ? `added ${added.join(', ')}` : '', removed.length ? `removed ${removed.join(', ')}` : ''].filter(Boolean);
      // Only the order changed (or duplicates): the spelling check reads a set, so that is no change.
      if (!parts.length) continue;
      const kind: ChangeKind = before === undefined ? 'added' : after === undefined ? 'removed' : 'changed';
      d.add({ ...common, ...paths, kind, message: `Words the spelling check accepts: ${parts.join('; ')}` });
      continue;
    }
    const kind: ChangeKind = before === undefined ? 'added' : after === undefined ? 'removed' : 'changed';
    const message =
      kind === 'added'
        ? `${cap(label(k))} set: ${show(after)}`
        : kind === 'removed'
          ? `${cap(label(k))} no longer set (was ${show(before)})`
          : `${cap(label(k))} ${show(before)} → ${show(after)}`;
    d.add({ ...common, ...paths, kind, message });
  }
}

function facts(d: Differ, subject: string, keyBase: string, a: Item, b: Item): void {
  d.fields('facts', keyBase, subject, a, b, new Set());
}

function sections(d: Differ, a: Item[], b: Item[]): void {
  const p = pairBy(a, b, [
    (x) => str(x.o.id),
    (x) => (str(x.o.title) ? normalise(str(x.o.title)!).toLowerCase() : undefined),
    (x) => normalise(str(x.o.body) ?? '') || undefined,
  ]);
  const name = (x: Item) => `Section "${show(x.o.title ?? x.o.id)}"`;
  d.presence(p, {
    area: 'section',
    key: (x) => `section ${show(x.o.id)}`,
    subject: name,
    removed: (x) => `${name(x)} removed`,
    added: (y) => `${name(y)} added`,
    oldList: ['sections'],
    newList: ['sections'],
  });
  for (const [x, y] of p.pairs) d.fields('section', `section ${show(y.o.id)}`, name(y), x, y, new Set());
}

function groups(d: Differ, a: Item[], b: Item[]): void {
  const p = pairBy(a, b, [(x) => str(x.o.id), (x) => (str(x.o.title) ? normalise(str(x.o.title)!).toLowerCase() : undefined), (x) => str(x.o.letter)]);
  const name = (x: Item) => `Group ${show(x.o.title ?? x.o.id)}`;
  d.presence(p, {
    area: 'group',
    key: (x) => `group ${show(x.o.id)}`,
    subject: name,
    removed: (x) => `${name(x)} removed`,
    added: (y) => `${name(y)} added`,
    oldList: ['groups'],
    newList: ['groups'],
  });
  for (const [x, y] of p.pairs) {
    const ia = str(x.o.id);
    const ib = str(y.o.id);
    if (ia !== undefined && ib !== undefined && ia !== ib) d.groupRename.set(ia, ib);
    d.fields('group', `group ${show(y.o.id)}`, name(y), x, y, new Set());
  }
}

/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The combination preview's page script (bundled to dist/preview.js, an IIFE for the browser).
 *
 * It builds everything with DOM calls (text is always set with textContent, never parsed as HTML),
 * attaches handlers with addEventListener (the CSP allows no inline handler), and keeps focus
 * where it was across updates: controls are built once and only their state changes, and a
 * section with controls is rebuilt only when its content really changed.
 */
import { planCount } from './plan-words.js';
import type { CombinationGroup, CombinationResult, CombinationRule, CombinationUnit, QualificationInfo } from '../protocol.js';
import type { FromWebview, PreviewState, ToWebview, UpdateMessage } from './messages.js';
import { chartView } from './chart.js';
import { append, cssId, h, icon, type Child } from './dom.js';
import { capitalise, countWords, joinWords, normalise, num, plural, range, ruleName, sameSet, stated } from './format.js';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: PreviewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

// ------------------------------------------------------------------ state

let current: UpdateMessage | undefined;
let selection = new Set<string>();
/** Sequence number of the latest selection sent to the extension. */
let seq = 0;
let busy = false;
let lastAnnouncement = '';
/** Announce the next accepted update (set after a change made by the learner). */
let announceNext = false;
/** JSON keys of what each section was last built from, to rebuild only on change. */
const built: Record<string, string> = {};

function saveState(): void {
  if (!current) return;
  api.setState({ uri: current.uri, qualification: current.qualification, selection: [...selection], last: current });
}

function send(m: FromWebview): void {
  api.postMessage(m);
}

function setSelection(next: Iterable<string>, announce = true): void {
  selection = new Set(next);
  seq += 1;
  announceNext = announce;
  send({ type: 'select', selection: orderedSelection(), seq });
  saveState();
  renderSelectionState();
}

/** The selection in pool order (then any refs no longer in the pool). */
function orderedSelection(): string[] {
  const pool = current?.data ? current.data.groups.flatMap((g) => g.units.map((u) => u.ref)) : [];
  const inPool = pool.filter((r) => selection.has(r));
  const rest = [...selection].filter((r) => !pool.includes(r));
  return [...inPool, ...rest];
}

// ------------------------------------------------------------------ skeleton (built once)

const app = document.getElementById('app') as HTMLElement;
const announcer = document.getElementById('announce') as HTMLElement;

const titleEl = h('h1', { id: 'title' }, 'Combination preview');
const subtitleEl = h('p', { class: 'subtitle', id: 'subtitle' });
const pickerSelect = h('select', { id: 'qualification-picker' });
const pickerEl = h('div', { class: 'picker', hidden: true }, h('label', { for: 'qualification-picker' }, 'Qualification '), pickerSelect);
const revealButton = h('button', { type: 'button', class: 'secondary', title: 'Show this qualification in the editor' }, 'Show in editor');
const errorEl = h('div', { class: 'error', role: 'alert', hidden: true });
const busyEl = h('span', { class: 'busy', hidden: true }, 'Updating…');

const summarySection = h('section', { id: 'summary', 'aria-labelledby': 'summary-h' });
const rulesSection = h('section', { id: 'rules', 'aria-labelledby': 'rules-h' });
const chartSection = h('section', { id: 'chart', 'aria-labelledby': 'chart-h' });
const unitsSection = h('section', { id: 'units', 'aria-labelledby': 'units-h' });

const planTotals = h('p', { class: 'plan-totals', id: 'plan-totals' });
const planVerdict = h('p', { class: 'plan-verdict', id: 'plan-verdict' });
// Scrollable when long (the plan bar is sticky), so focusable for keyboard scrolling.
const planMissing = h('ul', { class: 'plan-missing', id: 'plan-missing', 'aria-label': 'Still missing', tabindex: 0 });
const fillButton = h('button', { type: 'button', id: 'fill' }, 'Fill to the minimum');
const clearButton = h('button', { type: 'button', id: 'clear', class: 'secondary' }, 'Clear');
const planBar = h(
  'section',
  { class: 'plan-bar', id: 'plan', 'aria-labelledby': 'plan-h' },
  h('div', { class: 'plan-head' }, h('h2', { id: 'plan-h' }, 'Your plan'), busyEl),
  planVerdict,
  planTotals,
  planMissing,
  h('div', { class: 'plan-actions' }, fillButton, clearButton),
);

const content = h('div', { class: 'content', hidden: true }, summarySection, planBar, rulesSection, unitsSection, chartSection);

app.replaceChildren(
  h('header', { class: 'header' }, h('div', { class: 'heading' }, titleEl, subtitleEl), h('div', { class: 'header-actions' }, pickerEl, revealButton)),
  errorEl,
  content,
);

// The plan bar is sticky: scrolling something into view must leave it below the bar (preview.css, scroll-padding-top).
const planHeight = () => document.documentElement.style.setProperty('--qs-plan-height', `${Math.ceil(planBar.getBoundingClientRect().height)}px`);
if (typeof ResizeObserver === 'function') new ResizeObserver(planHeight).observe(planBar);

pickerSelect.addEventListener('change', () => {
  const index = Number(pickerSelect.value);
  if (Number.isInteger(index)) send({ type: 'qualification', index });
});
revealButton.addEventListener('click', () => send({ type: 'reveal' }));
fillButton.addEventListener('click', () => {
  const fill = current?.data?.fill;
  if (!fill) return;
  const added = fill.filter((r) => !selection.has(r));
  setSelection([...selection, ...fill], false);
  announce(added.length ? `Filled to the minimum: added ${joinWords(added, 'and')}.` : 'The plan already meets every rule.');
});
clearButton.addEventListener('click', () => {
  setSelection([], false);
  announce('Plan cleared.');
});
unitsSection.addEventListener('change', (e) => {
  const t = e.target;
  if (!(t instanceof HTMLInputElement) || t.type !== 'checkbox' || !t.dataset.ref) return;
  const next = new Set(selection);
  if (t.checked) next.add(t.dataset.ref);
  else next.delete(t.dataset.ref);
  setSelection(next);
});
summarySection.addEventListener('click', (e) => {
  const t = e.target;
  if (!(t instanceof HTMLButtonElement) || !t.dataset.plan) return;
  const refs = t.dataset.plan.split(' ').filter(Boolean);
  setSelection(refs, false);
  announce(`Planned ${plural(refs.length, 'unit')}: ${joinWords(refs, 'and')}.`);
});

rulesSection.addEventListener('click', (e) => {
  const t = e.target;
  if (t instanceof HTMLButtonElement && t.dataset.rule) send({ type: 'reveal', rule: t.dataset.rule });
});

function announce(text: string): void {
  if (!text || text === lastAnnouncement) return;
  lastAnnouncement = text;
  // Re-set the text so that the same message twice is still read.
  announcer.textContent = '';
  window.setTimeout(() => (announcer.textContent = text), 30);
}

// ------------------------------------------------------------------ rendering

/** Rebuilds `section` from `build()` only when `key` changed; keeps focus on an equivalent control. */
function rebuild(name: string, section: HTMLElement, key: string, build: () => Child[]): void {
  if (built[name] === key) return;
  built[name] = key;
  const focused = document.activeElement instanceof HTMLElement && section.contains(document.activeElement) ? document.activeElement.id : '';
  section.replaceChildren();
  append(section, build());
  if (focused) document.getElementById(focused)?.focus();
}

function render(): void {
  const u = current;
  app.setAttribute('aria-busy', busy ? 'true' : 'false');
  busyEl.hidden = !busy;
  if (!u) return;
  const d = u.data;
  const qual = u.qualifications.find((q) => q.index === u.qualification);
  titleEl.textContent = d?.title || qual?.title || `Qualification ${u.qualification + 1}`;
  const type = d?.type ?? qual?.type;
  const qan = d?.qan ?? qual?.qan;
  subtitleEl.textContent = [u.fileName, type ? capitalise(type) : null, qan ? `QAN ${qan}` : null].filter(Boolean).join(' · ');
  renderPicker(u.qualifications, u.qualification);
  errorEl.hidden = !u.error;
  errorEl.textContent = u.error ?? '';
  content.hidden = !d;
  if (!d) return;
  rebuild(
    'summary',
    summarySection,
    JSON.stringify([d.stated, d.analysis, d.rules.map((r) => [r.id, r.words, r.feasibleAlone]), d.missing, d.unsized, d.fixedUnits]),
    () => buildSummary(d),
  );
  rebuild('units', unitsSection, JSON.stringify(d.groups), () => buildUnits(d.groups));
  renderSelectionState();
}

function renderPicker(quals: QualificationInfo[], index: number): void {
  const key = JSON.stringify(quals.map((q) => [q.index, q.title, q.type, q.qan]));
  if (built.picker !== key) {
    built.picker = key;
    pickerSelect.replaceChildren(...quals.map((q) => h('option', { value: q.index }, q.title || `Qualification ${q.index + 1}`)));
  }
  pickerEl.hidden = quals.length < 2;
  pickerSelect.value = String(index);
}

function buildSummary(d: CombinationResult): Child[] {
  const a = d.analysis;
  const credit = stated(d.stated.credit);
  const glh = stated(d.stated.glh);
  const tqt = stated(d.stated.tqt);
  const findings: { level: 'bad' | 'note'; text: string }[] = [];
  if (a.error) findings.push({ level: 'bad', text: `The rules could not be analysed: ${a.error}` });
  else if (!a.feasible) {
    findings.push({
      level: 'bad',
      text:
        a.conflict && a.conflict.length > 1
          ? `No selection meets every rule: ${joinWords(
              a.conflict.map((id) => ruleName(d.rules, id)),
              'and',
            )} cannot all be met together.`
          : a.conflict?.length === 1
            ? `No selection meets every rule: ${ruleName(d.rules, a.conflict[0]!)} cannot be met with the units on offer.`
            : 'No selection of the units on offer meets every rule.',
    });
  }
  if (d.missing.length) findings.push({ level: 'bad', text: `Named but defined nowhere: ${d.missing.join(', ')}. They are left out of the analysis.` });
  if (d.unsized.length)
    findings.push({ level: 'bad', text: `Units without a credit value or level: ${d.unsized.join(', ')}. They cannot be counted and are left out.` });
  let creditDiffers = false;
  if (a.credit && credit) {
    const { min, max } = a.credit;
    if (credit.min !== null && credit.min < min) {
      creditDiffers = true;
      findings.push({
        level: 'bad',
        text: `The stated minimum of ${plural(credit.min, 'credit')} cannot be reached: the smallest valid selection has ${min}.`,
      });
    }
    if (credit.max !== null && credit.max > max) {
      creditDiffers = true;
      findings.push({ level: 'bad', text: `The stated maximum of ${plural(credit.max, 'credit')} cannot be reached: the largest valid selection has ${max}.` });
    }
    if (credit.min !== null && credit.min > min) {
      creditDiffers = true;
      findings.push({ level: 'note', text: `Valid selections of ${min} credits exist, below the stated minimum of ${credit.min}.` });
    }
    if (credit.max !== null && max > credit.max) {
      creditDiffers = true;
      findings.push({ level: 'note', text: `Valid selections of up to ${max} credits exist, above the stated maximum of ${credit.max}.` });
    }
  }
  // GLH and TQT: a valid selection outside the stated range is worth a note.
  const outside = (what: string, achieved: { min: number; max: number } | null, st: ReturnType<typeof stated>): boolean => {
    if (!achieved || !st) return false;
    const below = st.min !== null && achieved.min < st.min;
    const above = st.max !== null && achieved.max > st.max;
    if (below) findings.push({ level: 'note', text: `Valid selections of ${achieved.min} ${what} exist, below the stated ${st.text}.` });
    if (above) findings.push({ level: 'note', text: `Valid selections of up to ${achieved.max} ${what} exist, above the stated ${st.text}.` });
    return below || above;
  };
  const glhDiffers = outside('GLH', a.glh, glh);
  const tqtDiffers = outside('hours of TQT', a.tqt, tqt);
  const row = (label: string, achievable: string, statedText: string | undefined, differs = false) =>
    h('tr', { class: differs ? 'differs' : null }, h('th', { scope: 'row' }, label), h('td', {}, achievable), h('td', {}, statedText ?? 'not stated'));
  const table = h(
    'table',
    { class: 'summary-table' },
    h('caption', { class: 'visually-hidden' }, 'Achievable and stated sizes'),
    h('thead', {}, h('tr', {}, h('td', {}), h('th', { scope: 'col' }, 'Achievable'), h('th', { scope: 'col' }, 'Stated'))),
    h(
      'tbody',
      {},
      row('Credit', a.credit ? range(a.credit.min, a.credit.max) : '—', credit?.text, creditDiffers),
      row('GLH', a.glh ? range(a.glh.min, a.glh.max) : '—', glh?.text, glhDiffers),
      row('TQT', a.tqt ? range(a.tqt.min, a.tqt.max) : '—', tqt?.text, tqtDiffers),
    ),
  );
  const verdict = a.error
    ? h('p', { class: 'verdict bad' }, icon('✗'), 'The rules could not be analysed.')
    : a.feasible
      ? h(
          'p',
          { class: 'verdict ok' },
          icon('✓'),
          d.fixedUnits ? 'An Award of fixed units: every unit is mandatory.' : `The rules can be met: ${countWords(a)}.`,
        )
      : h('p', { class: 'verdict bad' }, icon('✗'), 'The rules cannot all be met.');
  const examples: Child[] = [];
  if (a.credit && !d.fixedUnits) {
    const ex = (label: string, refs: string[], credits: number, id: string) =>
      refs.length
        ? h(
            'li',
            {},
            h('span', { class: 'example-label' }, `${label} (${plural(credits, 'credit')}): `),
            h('span', { class: 'refs' }, refs.join(', ')),
            ' ',
            h(
              'button',
              { type: 'button', class: 'link', id, 'data-plan': refs.join(' '), 'aria-label': `Plan the ${label.toLowerCase()} selection` },
              'Plan this',
            ),
          )
        : null;
    const list = [ex('Smallest', a.credit.minExample, a.credit.min, 'plan-min'), ex('Largest', a.credit.maxExample, a.credit.max, 'plan-max')].filter(Boolean);
    if (list.length) examples.push(h('ul', { class: 'examples', 'aria-label': 'Example valid selections' }, ...list));
  }
  return [
    h('h2', { id: 'summary-h' }, 'What the rules allow'),
    verdict,
    findings.length ? h('ul', { class: 'findings' }, ...findings.map((f) => h('li', { class: f.level }, icon(f.level === 'bad' ? '⚠' : 'ℹ'), f.text))) : null,
    table,
    ...examples,
  ];
}

function buildUnits(groups: CombinationGroup[]): Child[] {
  const out: Child[] = [
    h('h2', { id: 'units-h' }, 'Units by group'),
    h('p', { class: 'hint' }, 'Tick the units a learner would take; the rules and totals update as you go.'),
  ];
  for (const g of groups) {
    const caption = h(
      'caption',
      {},
      h('span', { class: 'group-title' }, g.title || g.id),
      ' ',
      h('span', { class: 'group-meta', 'data-group': g.id }, groupMeta(g)),
    );
    out.push(
      h(
        'table',
        { class: 'units', 'data-group': g.id },
        caption,
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col', class: 'col-unit' }, 'Unit'),
            h('th', { scope: 'col', class: 'num' }, 'Level'),
            h('th', { scope: 'col', class: 'num' }, 'Credit'),
            h('th', { scope: 'col', class: 'num' }, 'GLH'),
            h('th', { scope: 'col', class: 'num' }, 'TQT'),
          ),
        ),
        h('tbody', {}, ...g.units.map((u) => unitRow(u))),
      ),
    );
  }
  if (groups.length === 0) out.push(h('p', { class: 'placeholder' }, 'This qualification has no units to choose from.'));
  return out;
}

function groupMeta(g: CombinationGroup): string {
  const available = g.units.reduce((t, x) => t + (x.credit ?? 0), 0);
  const picked = g.units.filter((x) => selection.has(x.ref));
  const pickedCredits = picked.reduce((t, x) => t + (x.credit ?? 0), 0);
  return `${plural(g.units.length, 'unit')}, ${plural(available, 'credit')} · ${picked.length} ticked, ${plural(pickedCredits, 'credit')}`;
}

function unitRow(u: CombinationUnit): HTMLTableRowElement {
  const id = `unit-${cssId(u.ref)}`;
  return h(
    'tr',
    { 'data-ref': u.ref },
    h(
      'td',
      { class: 'col-unit' },
      h('input', { type: 'checkbox', id, 'data-ref': u.ref, 'aria-describedby': `${id}-size` }),
      h('label', { for: id }, h('span', { class: 'ref' }, u.ref), u.title ? ` ${u.title}` : ''),
      h(
        'span',
        { class: 'visually-hidden', id: `${id}-size` },
        `${u.levelName}${typeof u.credit === 'number' ? `, ${plural(u.credit, 'credit')}` : ''}${typeof u.glh === 'number' ? `, ${u.glh} GLH` : ''}`,
      ),
    ),
    // "3", "Entry 3": never "0" for Entry Level 3.
    h('td', { class: 'num' }, u.levelName.replace(/^Level /, '').replace(/^Entry Level /, 'Entry ')),
    h('td', { class: 'num' }, num(u.credit)),
    h('td', { class: 'num' }, num(u.glh)),
    h('td', { class: 'num' }, num(u.tqt)),
  );
}

/** Everything that depends on the ticked units (and the server's check of them). */
function renderSelectionState(): void {
  const u = current;
  const d = u?.data;
  if (!u || !d) return;
  for (const box of unitsSection.querySelectorAll<HTMLInputElement>('input[type=checkbox][data-ref]')) {
    const on = selection.has(box.dataset.ref ?? '');
    if (box.checked !== on) box.checked = on;
    box.closest('tr')?.classList.toggle('selected', on);
  }
  for (const meta of unitsSection.querySelectorAll<HTMLElement>('.group-meta[data-group]')) {
    const g = d.groups.find((x) => x.id === meta.dataset.group);
    if (g) meta.textContent = groupMeta(g);
  }
  // The server's check is for `u.selection`. While a newer selection is on its way, the totals are
  // computed here at once and the rule statuses are marked as being rechecked.
  const fresh = sameSet(u.selection, selection);
  const check = d.check;
  const chosen = d.groups.flatMap((g) => g.units).filter((x) => selection.has(x.ref));
  const totals = fresh
    ? check.totals
    : {
        units: chosen.length,
        credits: chosen.reduce((t, x) => t + (x.credit ?? 0), 0),
        glh: chosen.every((x) => typeof x.glh === 'number') ? chosen.reduce((t, x) => t + (x.glh ?? 0), 0) : null,
        tqt: chosen.every((x) => typeof x.tqt === 'number') ? chosen.reduce((t, x) => t + (x.tqt ?? 0), 0) : null,
      };
  planTotals.textContent = `${plural(totals.units, 'unit')} · ${plural(totals.credits, 'credit')} · ${num(totals.glh)} GLH · ${num(totals.tqt)} TQT`;

  const met = check.rules.filter((r) => r.ok).length;
  const total = check.rules.length;
  planVerdict.className = `plan-verdict ${fresh ? (check.ok ? 'ok' : 'bad') : 'stale'}`;
  planVerdict.replaceChildren(
    ...(!fresh
      ? ['Checking the rules…']
      : check.ok
        ? [icon('✓'), selection.size === 0 && total === 0 ? 'No rules to meet.' : 'This plan meets every rule.']
        : [icon('✗'), planCount(selection.size, met, total)]),
  );
  const missing = fresh ? check.missing : [];
  planMissing.replaceChildren(...missing.map((m) => h('li', {}, capitalise(m))));
  planMissing.hidden = missing.length === 0;

  const fill = d.fill;
  const fillAdds = fresh && fill ? fill.filter((r) => !selection.has(r)) : [];
  fillButton.disabled = !fresh || !fill || fillAdds.length === 0;
  fillButton.title = !fresh
    ? 'Waiting for the server…'
    : !fill
      ? 'No valid selection contains these units: untick one first.'
      : fillAdds.length === 0
        ? 'The plan already meets every rule.'
        : `Adds the fewest credits that make a valid selection: ${fillAdds.join(', ')}`;
  clearButton.disabled = selection.size === 0;

  renderRules(d, fresh, selection.size === 0);
  renderChart(d, fresh);

  if (fresh && announceNext) {
    announceNext = false;
    announce(
      check.ok
        ? `${plural(totals.credits, 'credit')}. This plan meets every rule.`
        : `${plural(totals.credits, 'credit')}. ${planCount(selection.size, met, total)}${check.missing.length ? ` Still missing: ${check.missing.join('; ')}.` : ''}`,
    );
  }
}

function renderRules(d: CombinationResult, fresh: boolean, nothingChosen: boolean): void {
  const key = JSON.stringify([d.rules, fresh, nothingChosen]);
  const focused = document.activeElement instanceof HTMLElement && rulesSection.contains(document.activeElement) ? document.activeElement.id : '';
  if (built.rules === key) return;
  built.rules = key;
  rulesSection.replaceChildren(
    h('h2', { id: 'rules-h' }, 'Rules of combination'),
    d.rules.length === 0
      ? h('p', { class: 'placeholder' }, 'This qualification states no rules of combination.')
      : h(
          'ol',
          { class: `rules${fresh ? '' : ' stale'}`, 'aria-busy': fresh ? 'false' : 'true' },
          ...d.rules.map((r, i) => ruleItem(r, i, fresh, nothingChosen)),
        ),
  );
  if (focused) document.getElementById(focused)?.focus();
}

function ruleItem(r: CombinationRule, i: number, fresh: boolean, nothingChosen: boolean): HTMLLIElement {
  const text = r.text && normalise(r.text) !== normalise(r.words) ? r.text : null;
  const st = r.status;
  // Met by an empty plan (nothing breaks it yet): not shown as a tick.
  const waiting = nothingChosen && st.ok;
  return h(
    'li',
    { class: `rule ${waiting ? 'waiting' : st.ok ? 'met' : 'unmet'}`, 'data-rule': r.id },
    h('div', { class: 'rule-words' }, r.words),
    text ? h('blockquote', { class: 'rule-text' }, h('span', { class: 'visually-hidden' }, 'As published: '), text) : null,
    r.feasibleAlone === false
      ? h('p', { class: 'rule-feasible bad' }, icon('⚠'), 'Cannot be met with the units on offer, whatever the other rules say.')
      : null,
    h(
      'p',
      { class: `rule-status ${waiting ? 'waiting' : st.ok ? 'ok' : 'bad'}` },
      icon(waiting ? '○' : st.ok ? '✓' : '✗'),
      h('strong', {}, waiting ? 'Nothing chosen yet' : st.ok ? 'Met' : 'Not met'),
      st.reason && !waiting ? ` — ${st.reason}` : '',
      fresh ? '' : h('span', { class: 'stale-note' }, ' (rechecking…)'),
    ),
    r.range
      ? h(
          'button',
          { type: 'button', class: 'link reveal-rule', id: `reveal-rule-${i}`, 'data-rule': r.id, 'aria-label': `Show rule ${i + 1} in the spec` },
          'Show in spec',
        )
      : null,
  );
}

function renderChart(d: CombinationResult, fresh: boolean): void {
  const view = chartView(d, fresh, selection);
  if (built.chart === view.key) return;
  built.chart = view.key;
  chartSection.replaceChildren(...view.build());
}

// ------------------------------------------------------------------ messages

function accept(u: UpdateMessage): void {
  const switched = !current || current.uri !== u.uri || current.qualification !== u.qualification;
  if (!switched && u.selectionSeq < seq) {
    // Data for an older selection: a newer answer is on its way. Keep the learner's ticks.
    return;
  }
  current = u;
  selection = new Set(u.selection);
  busy = false;
  if (switched) announceNext = false;
  saveState();
  render();
}

window.addEventListener('message', (e: MessageEvent<ToWebview>) => {
  const m = e.data;
  if (!m || typeof m !== 'object') return;
  if (m.type === 'update') accept(m);
  else if (m.type === 'busy') {
    busy = true;
    app.setAttribute('aria-busy', 'true');
    busyEl.hidden = false;
  }
});

// A restored panel (reload, or hidden and shown again) renders its last data at once.
const saved = api.getState() as Partial<PreviewState> | undefined;
if (saved?.last && typeof saved.last === 'object') {
  current = { ...saved.last, selection: Array.isArray(saved.selection) ? saved.selection : saved.last.selection, selectionSeq: 0 };
  selection = new Set(current.selection);
  render();
}
send({ type: 'ready' });

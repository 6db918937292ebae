/// <reference lib="dom" />
/**
 * The preview's "Credits by group" view: an inline SVG bar chart of the credits available, ticked
 * and required in each group, with a table for screen readers. Built from the server's answer and
 * the ticked units; `key` says when it must be rebuilt.
 */
import type { CombinationResult, CombinationUnit } from '../protocol.js';
import { h, s } from './dom.js';

/**
 * Available, ticked and needed credits per group: an inline SVG bar chart, with a table for screen
 * readers. "Needed" is what the smallest valid plan containing the ticked units (the server's
 * `fill`) takes from each group: the rules often constrain groups together, so no per-group
 * requirement would be true on its own.
 */
export function chartView(d: CombinationResult, fresh: boolean, selection: ReadonlySet<string>): { key: string; build: () => Node[] } {
  const plan = fresh && d.fill ? new Set(d.fill) : null;
  const rows: ChartRow[] = d.groups.map((g) => {
    const credits = (f: (u: CombinationUnit) => boolean) => g.units.filter(f).reduce((t, u) => t + (u.credit ?? 0), 0);
    return {
      label: g.title || g.id,
      available: credits(() => true),
      selected: credits((u) => selection.has(u.ref)),
      min: plan ? credits((u) => plan.has(u.ref)) : null,
    };
  });
  const key = JSON.stringify(rows);
  return { key, build: () => (rows.length === 0 ? [] : chart(rows)) };
}

interface ChartRow {
  label: string;
  available: number;
  selected: number;
  min: number | null;
}

function chart(rows: ChartRow[]): Node[] {
  const W = 480;
  const labelW = 120;
  const x0 = labelW + 8;
  const barW = W - x0 - 8;
  const rowH = 40;
  const scale = Math.max(1, ...rows.map((r) => Math.max(r.available, r.min ?? 0)));
  const X = (v: number) => x0 + (Math.min(v, scale) / scale) * barW;
  const H = rows.length * rowH + 6;
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', 'aria-hidden': 'true', focusable: 'false', preserveAspectRatio: 'xMinYMin meet' });
  rows.forEach((r, i) => {
    const y = i * rowH + 6;
    const label = r.label.length > 18 ? `${r.label.slice(0, 17)}…` : r.label;
    svg.append(
      s('text', { x: 0, y: y + 11, class: 'chart-label' }, label),
      s('rect', { x: x0, y, width: Math.max(0, X(r.available) - x0), height: 14, class: 'bar-available' }),
      s('rect', { x: x0, y, width: Math.max(0, X(r.selected) - x0), height: 14, class: 'bar-selected' }),
    );
    if (r.min !== null && r.min > 0) svg.append(s('line', { x1: X(r.min), x2: X(r.min), y1: y - 4, y2: y + 18, class: 'marker-required' }));
    const parts = [`${r.selected} of ${r.available} credits ticked`];
    if (r.min !== null) parts.push(`${r.min} needed`);
    svg.append(s('text', { x: x0, y: y + 29, class: 'chart-value' }, parts.join(' · ')));
  });
  const table = h(
    'table',
    { class: 'visually-hidden' },
    h('caption', {}, 'Credits by group'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Group'),
        h('th', { scope: 'col' }, 'Available'),
        h('th', { scope: 'col' }, 'Ticked'),
        h('th', { scope: 'col' }, 'Needed in the smallest valid plan'),
      ),
    ),
    h(
      'tbody',
      {},
      ...rows.map((r) =>
        h('tr', {}, h('th', { scope: 'row' }, r.label), h('td', {}, r.available), h('td', {}, r.selected), h('td', {}, r.min === null ? '—' : r.min)),
      ),
    ),
  );
  const legend = h(
    'ul',
    { class: 'legend', 'aria-hidden': 'true' },
    h('li', {}, h('span', { class: 'swatch swatch-available' }), 'available'),
    h('li', {}, h('span', { class: 'swatch swatch-selected' }), 'ticked'),
    h('li', {}, h('span', { class: 'swatch swatch-required' }), 'needed: smallest valid plan with your ticks'),
  );
  return [h('h2', { id: 'chart-h' }, 'Credits by group'), svg, legend, table];
}

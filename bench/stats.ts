/** Small statistics and formatting helpers for the benchmark report. */

export interface Summary {
  n: number;
  min: number;
  median: number;
  max: number;
  p95?: number;
}

export function quantile(sorted: readonly number[], q: number): number {
  if (!sorted.length) return NaN;
  // Nearest rank: the smallest value with at least q of the values at or below it.
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function summarise(xs: readonly number[], withP95 = false): Summary {
  const s = [...xs].filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return { n: 0, min: NaN, median: NaN, max: NaN };
  return { n: s.length, min: s[0]!, median: median(s), max: s[s.length - 1]!, ...(withP95 ? { p95: quantile(s, 0.95) } : {}) };
}

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms >= 10000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

export function fmtMB(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return '—';
  return `${(bytes / 1048576).toFixed(0)} MB`;
}

export function fmtRatio(x: number): string {
  if (!Number.isFinite(x)) return '—';
  if (x >= 100) return `${x.toFixed(0)}×`;
  if (x >= 10) return `${x.toFixed(1)}×`;
  return `${x.toFixed(2)}×`;
}

/** "min / median / max" of a summary, with a formatter. */
export function mmm(s: Summary | undefined, f: (x: number) => string = fmtMs): string {
  if (!s || !s.n) return '—';
  return `${f(s.min)} / **${f(s.median)}** / ${f(s.max)}`;
}

/**
 * Inlay hints (LSP textDocument/inlayHint): numbers the spec implies but does not write, shown
 * where they come from. Never a number that is wrong (the diagnostics say so), never one the line
 * already states:
 *
 * - a unit with a TQT and no `credit:`, in a spec that counts credits: the credit its TQT gives,
 *   at the end of the `tqt:` line ("15 credits (TQT ÷ 10)");
 * - a qualification with rules of combination: what the rules allow, at its `rules:` key, in the
 *   measure its rules or units are counted in ("rules allow 18–24 credits", "rules allow 360 GLH"),
 *   when the qualification does not state that size or leaves one end of it open ("credit: {min: 37}");
 * - an Award of fixed units: the totals of its units, at its `units:` key, in each size every one
 *   of its units gives and the Award does not state ("units total 8 credits · 40 GLH · 80 TQT").
 *
 * A qualification whose rules cannot be met, or name units that do not exist, gets no hint: its
 * code lens and diagnostics say why.
 */
import { InlayHintKind, type InlayHint, type Range } from 'vscode-languageserver-types';
import type { Path } from '../core/index.js';
import type { Size, SpecModel } from '../core/model/spec.js';
import { analyseQualification, formatCount, qualMeasure } from './combination.js';
import { amountRangeText } from '../core/model/sizes.js';
import type { ServiceHost, SpecFile } from './host.js';

type Measure = 'credit' | 'glh' | 'tqt';
const WORD: Record<Measure, string> = { credit: 'credits', glh: 'GLH', tqt: 'TQT' };

/** Whether the spec counts credits: a framework of credits (QCF), or a unit or qualification that states one. */
function countsCredit(model: SpecModel): boolean {
  return model.document.framework === 'qcf' || model.units.some((u) => u.credit !== undefined) || model.qualifications.some((q) => q.credit !== undefined);
}

/**
 * Whether a derived size [min, max] says more than the stated one: nothing is stated, or a range
 * is stated with one end open and the other end agreeing (the hint gives the open end). A stated
 * size that agrees in full says it already; one that disagrees is a finding, not a hint.
 */
function unstated(stated: Size | undefined, min: number, max: number): boolean {
  if (stated === undefined) return true;
  if (stated.kind === 'fixed') return false;
  if (stated.min !== undefined && stated.min !== min) return false;
  if (stated.max !== undefined && stated.max !== max) return false;
  return stated.min === undefined || stated.max === undefined;
}

const inside = (p: { line: number }, r: Range | undefined) => !r || (p.line >= r.start.line && p.line <= r.end.line);

export function inlayHints(host: ServiceHost, file: SpecFile, range?: Range): InlayHint[] {
  const { model, parsed } = file.analysis;
  const out: InlayHint[] = [];
  /** A hint at the end of the line where `path`'s value (or key) ends. */
  const after = (p: Path, part: 'value' | 'key', label: string, tooltip: string) => {
    if (!parsed.has(p)) return;
    const span = parsed.locate(p, part);
    const position = file.lines.positionAt(part === 'key' ? span.end + 1 : span.end);
    if (!inside(position, range)) return;
    // `key:` hints sit after the colon; the text there must be the colon (a damaged line gets none).
    if (part === 'key' && file.text[span.end] !== ':') return;
    out.push({ position, label, paddingLeft: true, tooltip, kind: InlayHintKind.Type });
  };

  if (countsCredit(model))
    for (const u of model.units)
      if (u.credit === undefined && u.tqt !== undefined && u.tqt > 0 && !('credit' in u.raw)) {
        const c = Math.floor(u.tqt / 10);
        after(
          [...u.path, 'tqt'],
          'value',
          `${c} credit${c === 1 ? '' : 's'} (TQT ÷ 10)`,
          `The unit states no credit. One credit is 10 hours of TQT, rounded down: TQT ${u.tqt} gives ${c}.`,
        );
      }

  for (const q of model.qualifications) {
    if (!q.hasRules && !q.hasUnits) continue;
    // Only the qualifications whose hint line the client shows are analysed (it asks for the visible range).
    const key = [...q.path, q.rules.length === 0 && q.units.length > 0 ? 'units' : 'rules'];
    if (!parsed.has(key) || !inside(file.lines.positionAt(parsed.locate(key, 'key').end), range)) continue;
    let a: ReturnType<typeof analyseQualification>;
    try {
      a = analyseQualification(model, q, host.index, file.uri);
    } catch {
      continue;
    }
    const an = a.analysis;
    if (a.qp.missing.length || an instanceof Error || !an.feasible) continue;
    if (a.fixed) {
      const units = a.qp.problem.units;
      if (!units.length || a.qp.unsized.length) continue;
      const parts = (['credit', 'glh', 'tqt'] as const)
        .filter((m) => (m !== 'credit' || countsCredit(model)) && units.every((u) => u[m] !== undefined))
        .map((m) => ({ m, total: units.reduce((s, u) => s + u[m]!, 0) }))
        .filter(({ m, total }) => unstated(q[m], total, total))
        .map(({ m, total }) => `${total} ${WORD[m]}`);
      if (parts.length)
        after(
          [...q.path, 'units'],
          'key',
          `units total ${parts.join(' · ')}`,
          'The Award’s size is the sum of its units’ sizes: these are the totals of the units it names, in the sizes the Award does not state.',
        );
      continue;
    }
    const m = qualMeasure(a);
    const r = m === 'credit' ? (an.credit ? { min: an.credit.min, max: an.credit.max ?? an.credit.min } : null) : an[m];
    if (!r || !unstated(q[m], r.min, r.max)) continue;
    const n = an.count;
    after(
      [...q.path, 'rules'],
      'key',
      `rules allow ${amountRangeText(r.min, r.max, m)}`,
      `Every selection of units that meets all the rules totals ${amountRangeText(r.min, r.max, m)} (${formatCount(n)} selection${n === 1n ? '' : 's'} in all).`,
    );
  }
  return out.sort((x, y) => x.position.line - y.position.line || x.position.character - y.position.character);
}

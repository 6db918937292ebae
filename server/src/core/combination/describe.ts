/** Rules of combination in plain words, for the education team. */
import { countBounds } from './model.js';
import type { ComboRule, CountRule } from './types.js';
import { levelName } from '../model/spec.js';

/** "a", "a or b", "a, b or c". */
export function joinWords(items: readonly string[], conj: 'and' | 'or'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conj} ${items[items.length - 1]}`;
}

/** "1 unit", "2 units". */
/** A level rank inside a sentence (one formatter, the model's): "level 3", "Entry Level 3". */
export { levelName };

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function groupTitle(id: string, titles: Record<string, string> | undefined): string {
  return titles?.[id] ?? id;
}

/** Whether the count rule has no scope (it counts the whole selection). */
export function isUnscoped(rule: CountRule): boolean {
  return rule.scopeGroups === undefined && rule.scopeUnits === undefined;
}

/** Name of a count rule's scope: "Business", "Leadership or Self", "units L5B1 or L5B2"; "" when unscoped. */
export function scopeName(rule: CountRule, titles?: Record<string, string>): string {
  if (isUnscoped(rule)) return '';
  const parts = (rule.scopeGroups ?? []).map((g) => groupTitle(g, titles));
  const units = rule.scopeUnits ?? [];
  if (units.length > 0) parts.push(`${units.length === 1 ? 'unit' : 'units'} ${joinWords(units, 'or')}`);
  return parts.length > 0 ? joinWords(parts, 'or') : 'no units';
}

/** "at least 2 units", "between 13 and 36 credits", "at most 6 credits", "exactly 3 units"; null if unbounded. */
function boundPhrase(min: number | undefined, max: number | undefined, word: string, words = `${word}s`): string | null {
  const b = countBounds(min, max);
  if (!b) return null;
  const { lo, hi } = b;
  if (hi === Number.POSITIVE_INFINITY) return lo === 0 ? null : `at least ${plural(lo, word)}`;
  if (lo === 0) return `at most ${plural(hi, word)}`;
  if (lo === hi) return `exactly ${plural(lo, word)}`;
  return `between ${lo} and ${hi} ${words}`;
}

/** The requirement part of a reason: "needs at least 2", "allows at most 36", "needs 13 to 36". */
export function requirement(min: number | undefined, max: number | undefined): string {
  const b = countBounds(min, max);
  if (!b) return 'no limit';
  const { lo, hi } = b;
  if (hi === Number.POSITIVE_INFINITY) return `needs at least ${lo}`;
  if (lo === 0) return `allows at most ${hi}`;
  if (lo === hi) return `needs exactly ${lo}`;
  return `needs ${lo} to ${hi}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function unitList(units: readonly string[]): string {
  return joinWords(units, 'and');
}

/**
 * The rule in plain words: "At least 2 units from Business", "Between 13 and 36 credits in total",
 * "At least 50% of credits from units at level 5 or above".
 */
export function describeRule(rule: ComboRule, groupTitles?: Record<string, string>): string {
  switch (rule.kind) {
    case 'count': {
      const parts = [
        boundPhrase(rule.minUnits, rule.maxUnits, 'unit'),
        boundPhrase(rule.minCredits, rule.maxCredits, 'credit'),
        boundPhrase(rule.minGlh, rule.maxGlh, 'guided learning hour'),
        boundPhrase(rule.minTqt, rule.maxTqt, 'hour of total qualification time (TQT)', 'hours of total qualification time (TQT)'),
      ].filter((p): p is string => p !== null);
      const scope = scopeName(rule, groupTitles);
      const where = scope === '' ? 'in total' : `from ${scope}`;
      if (parts.length === 0) return `Any number of units ${where}`;
      return `${capitalise(parts.join(' and '))} ${where}`;
    }
    case 'mandatory':
      if (rule.units.length === 0) return 'No mandatory units';
      return rule.units.length === 1 ? `Unit ${rule.units[0]} is mandatory` : `Units ${unitList(rule.units)} are mandatory`;
    case 'barred':
      if (rule.units.length === 2) return `Units ${rule.units[0]} and ${rule.units[1]} cannot be taken together`;
      return `At most one of ${unitList(rule.units)}`;
    case 'levelShare': {
      const at = `units at ${levelName(rule.level)} or above`;
      const parts: string[] = [];
      if (rule.minPercent !== undefined)
        parts.push(`at least ${rule.minPercent}% of ${rule.measure === 'glh' ? 'guided learning hours' : 'credits'} from ${at}`);
      if (rule.minCredits !== undefined) parts.push(`at least ${plural(rule.minCredits, 'credit')} from ${at}`);
      if (rule.minGlh !== undefined) parts.push(`at least ${plural(rule.minGlh, 'guided learning hour')} from ${at}`);
      return parts.length ? capitalise(parts.join(' and ')) : `Any share from ${at}`;
    }
  }
}

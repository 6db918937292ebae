/** Words of the combination preview's plan bar that depend on counts only (unit-tested without a DOM). */

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * "3 of 6 rules met." With nothing chosen, a rule is met only in the sense that nothing breaks it
 * yet (a level share of 0 of 0 credits, a limit on barred units): counting those read as progress,
 * "1 of 6 rules met", on a plan with no units in it.
 */
export function planCount(chosen: number, met: number, total: number): string {
  if (total === 0) return 'This plan is not valid.';
  if (chosen === 0) return `No units chosen yet: a plan must meet ${plural(total, 'rule')}.`;
  return `${met} of ${plural(total, 'rule')} met.`;
}

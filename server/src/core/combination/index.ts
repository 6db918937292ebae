/** Public API of the combination engine (no YAML, LSP or VS Code dependency). */
export type { ComboProblem, ComboRule, ComboUnit, CountRule, MandatoryRule, BarredRule, LevelShareRule } from './types.js';
export { analyse, enumerate, fillToMinimum, listingOrder } from './engine.js';
export type { Analysis, RangeResult, EngineOptions } from './engine.js';
export { checkSelection } from './check.js';
export type { RuleStatus, SelectionCheck } from './check.js';
export { describeRule } from './describe.js';
export { ComboTimeoutError, ComboInputError } from './errors.js';

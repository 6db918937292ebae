/** Public API of the combination engine (no YAML, LSP or VS Code dependency). */
export type { ComboProblem, ComboRule, ComboUnit, CountRule, MandatoryRule, BarredRule, LevelShareRule } from './types.js';
export { analyse, assess, enumerate, fillToMinimum, listingOrder } from './engine.js';
export type { Analysis, Assessment, RangeResult, EngineOptions } from './engine.js';
export { checkSelection } from './check.js';
export type { RuleStatus, SelectionCheck } from './check.js';
export { describeRule } from './describe.js';
export { ComboTimeoutError, ComboInputError } from './errors.js';

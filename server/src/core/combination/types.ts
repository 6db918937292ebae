/**
 * Inputs and outputs of the combination engine. The engine is part of the language core: it knows
 * nothing of YAML, LSP or VS Code. The spec model is translated into a {@link ComboProblem} by the
 * caller.
 */

/** A unit a learner may choose. */
export interface ComboUnit {
  ref: string;
  title?: string;
  group: string;
  level: number;
  credit: number;
  glh?: number;
  tqt?: number;
}

/** Count units and/or credits within a scope. No scope (both undefined) = the whole selection. */
export interface CountRule {
  kind: 'count';
  id: string;
  text?: string;
  scopeGroups?: string[];
  scopeUnits?: string[];
  minUnits?: number;
  maxUnits?: number;
  minCredits?: number;
  maxCredits?: number;
}

/** Every listed unit must be selected. */
export interface MandatoryRule {
  kind: 'mandatory';
  id: string;
  text?: string;
  units: string[];
}

/** At most one of the listed units may be selected. */
export interface BarredRule {
  kind: 'barred';
  id: string;
  text?: string;
  units: string[];
}

/** Credits from units at `level` or above must be at least `minPercent` % of the selected credits. */
export interface LevelShareRule {
  kind: 'levelShare';
  id: string;
  text?: string;
  level: number;
  minPercent: number;
}

export type ComboRule = CountRule | MandatoryRule | BarredRule | LevelShareRule;

export interface ComboProblem {
  /** The units the qualification may draw on (its pool). Refs are unique. */
  units: ComboUnit[];
  rules: ComboRule[];
  /** Group titles by id, for messages ("Business"). */
  groupTitles?: Record<string, string>;
}

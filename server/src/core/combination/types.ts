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
  /** The level's rank: Entry 1–3 are -2, -1, 0; Levels 1–8 are 1–8. */
  level: number;
  /** Undefined for a unit sized in GLH / TQT only (counted as 0 credits; the analysis then gives no credit range). */
  credit?: number;
  glh?: number;
  tqt?: number;
}

/** Count units, credits, GLH and/or TQT within a scope. No scope (both undefined) = the whole selection. */
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
  /** Guided learning hours of the units in scope (a unit without GLH counts 0). */
  minGlh?: number;
  maxGlh?: number;
  /** Total qualification time of the units in scope (a unit without TQT counts 0). */
  minTqt?: number;
  maxTqt?: number;
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

/**
 * Units at `level` or above must bring at least `minPercent` % of the selected credits (of the
 * selected GLH with `measure: 'glh'`), and / or at least `minCredits` credits and `minGlh` GLH.
 */
export interface LevelShareRule {
  kind: 'levelShare';
  id: string;
  text?: string;
  level: number;
  minPercent?: number;
  /** What minPercent is a share of: credit (the default) or GLH (a spec sized in GLH). */
  measure?: 'credit' | 'glh';
  minCredits?: number;
  minGlh?: number;
}

export type ComboRule = CountRule | MandatoryRule | BarredRule | LevelShareRule;

export interface ComboProblem {
  /** The units the qualification may draw on (its pool). Refs are unique. */
  units: ComboUnit[];
  rules: ComboRule[];
  /** Group titles by id, for messages ("Business"). */
  groupTitles?: Record<string, string>;
}

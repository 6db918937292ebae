/** Every check, by id. One rule per file, each with docs/rules/<id>.md and tests beside it. */
import type { Rule, RuleMeta } from './types.js';
import { rule as acNumbering } from './ac-numbering.js';
import { rule as awardTotals } from './award-totals.js';
import { rule as changeHistory } from './change-history.js';
import { rule as creditRangeReachable } from './credit-range-reachable.js';
import { rule as creditTqt } from './credit-tqt.js';
import { rule as doubledWord } from './doubled-word.js';
import { rule as duplicateQan } from './duplicate-qan.js';
import { rule as duplicateRef } from './duplicate-ref.js';
import { rule as duplicateUan } from './duplicate-uan.js';
import { rule as glhTqt } from './glh-tqt.js';
import { rule as ksbText } from './ksb-text.js';
import { rule as loNumbering } from './lo-numbering.js';
import { rule as loTextKeys } from './lo-text-keys.js';
import { rule as qanCheckDigit } from './qan-check-digit.js';
import { rule as qualificationTitleMismatch } from './qualification-title-mismatch.js';
import { rule as qualificationStructure } from './qualification-structure.js';
import { rule as refGroup } from './ref-group.js';
import { rule as refLevel } from './ref-level.js';
import { rule as rqfSizeBand } from './rqf-size-band.js';
import { rule as ruleTextNumbers } from './rule-text-numbers.js';
import { rule as repeatedPunctuation } from './repeated-punctuation.js';
import { rule as rulesAchievable } from './rules-achievable.js';
import { rule as schema } from './schema.js';
import { rule as sizeBand } from './size-band.js';
import { rule as sizeRanges } from './size-ranges.js';
import { rule as spaceAfterPunctuation } from './space-after-punctuation.js';
import { rule as spelling } from './spelling.js';
import { rule as termCase } from './term-case.js';
import { rule as titleCase } from './title-case.js';
import { rule as titleLevelSize } from './title-level-size.js';
import { rule as titleWordForm } from './title-word-form.js';
import { rule as uanCheckCharacter } from './uan-check-character.js';
import { rule as unitCopyMismatch } from './unit-copy-mismatch.js';
import { rule as unitIncomplete } from './unit-incomplete.js';
import { rule as unitMentionMismatch } from './unit-mention-mismatch.js';
import { rule as unitRefFormat } from './unit-ref-format.js';
import { rule as unknownGroup } from './unknown-group.js';
import { rule as unknownKey } from './unknown-key.js';
import { rule as unknownUnit } from './unknown-unit.js';
import { rule as usSpelling } from './us-spelling.js';
import { rule as versionLatest } from './version-latest.js';
import { rule as whitespace } from './whitespace.js';
import { rule as yamlSyntax } from './yaml-syntax.js';
import { rule as yamlTypeTrap } from './yaml-type-trap.js';

export const ALL_RULES: readonly Rule[] = [
  acNumbering,
  awardTotals,
  changeHistory,
  creditRangeReachable,
  creditTqt,
  doubledWord,
  duplicateQan,
  duplicateRef,
  duplicateUan,
  glhTqt,
  ksbText,
  loNumbering,
  loTextKeys,
  qanCheckDigit,
  qualificationTitleMismatch,
  qualificationStructure,
  refGroup,
  refLevel,
  rqfSizeBand,
  ruleTextNumbers,
  repeatedPunctuation,
  rulesAchievable,
  schema,
  sizeBand,
  sizeRanges,
  spaceAfterPunctuation,
  spelling,
  termCase,
  titleCase,
  titleLevelSize,
  titleWordForm,
  uanCheckCharacter,
  unitCopyMismatch,
  unitIncomplete,
  unitMentionMismatch,
  unitRefFormat,
  unknownGroup,
  unknownKey,
  unknownUnit,
  usSpelling,
  versionLatest,
  whitespace,
  yamlSyntax,
  yamlTypeTrap,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(ALL_RULES.map((r) => [r.meta.id, r]));

/**
 * Ids qualspec reports under that are not checks of a spec: problems in a `.qualspec.yaml`, and a
 * check that failed. They have doc pages and appear in the rules table and the SARIF rules like the
 * checks, but no rule runs them, so they cannot be configured in `rules`.
 */
export const PSEUDO_RULES: readonly RuleMeta[] = [
  {
    id: 'config',
    severity: 'error',
    category: 'config',
    description: 'The qualspec configuration file (.qualspec.yaml) is valid YAML and uses only the keys and values qualspec knows.',
  },
  {
    id: 'internal-error',
    severity: 'error',
    category: 'internal',
    description: 'A check failed unexpectedly on a file; the other checks still ran. Please report it.',
  },
];

/** Every id qualspec reports under: the rules, then the pseudo-rules. */
export const CATALOGUE: readonly RuleMeta[] = [...ALL_RULES.map((r) => r.meta), ...PSEUDO_RULES];

/**
 * Seed qualifications as combination problems, transcribed from the two seed documents
 * (/work/shared/seeds). If the transcribed spec changes a value, update it here and recompute the
 * figures in seeds.test.ts with the one-off scripts described there.
 */
import type { ComboProblem, ComboRule, ComboUnit } from '../../../server/src/core/combination/types';

/** ISP units: ref, group, level, GLH, TQT, credit. */
const ISP_ROWS: [string, string, number, number, number, number][] = [
  ['L5B1', 'business', 5, 25, 50, 5],
  ['L5B2', 'business', 5, 25, 50, 5],
  ['L5B3', 'business', 5, 15, 30, 3],
  ['L5B4', 'business', 5, 20, 40, 4],
  ['L5B5', 'business', 5, 30, 60, 6],
  ['L4B3', 'business', 4, 15, 30, 3],
  ['L4B5', 'business', 4, 15, 30, 3],
  ['L4B8', 'business', 4, 15, 30, 3],
  ['L5C1', 'core', 5, 25, 50, 5],
  ['L5C2', 'core', 5, 30, 60, 6],
  ['L5C3', 'core', 5, 30, 60, 6],
  ['L5C4', 'core', 5, 20, 40, 4],
  ['L4C1', 'core', 4, 20, 40, 4],
  ['L4C3', 'core', 4, 15, 30, 3],
  ['L4C7', 'core', 4, 15, 30, 3],
  ['L4C8', 'core', 4, 15, 30, 3],
  ['L5L1', 'leadership', 5, 40, 80, 8],
  ['L5L2', 'leadership', 5, 30, 60, 6],
  ['L5L3', 'leadership', 5, 25, 50, 5],
  ['L5L4', 'leadership', 5, 30, 60, 6],
  ['L5L5', 'leadership', 5, 15, 30, 3],
  ['L5L6', 'leadership', 5, 25, 50, 5],
  ['L5L7', 'leadership', 5, 20, 40, 4],
  ['L4L5', 'leadership', 4, 30, 60, 6],
  ['L6L4', 'leadership', 6, 40, 80, 8],
  ['L5S1', 'self', 5, 25, 50, 5],
  ['L5S2', 'self', 5, 20, 40, 4],
  ['L5S3', 'self', 5, 20, 40, 4],
  ['L4S2', 'self', 4, 15, 30, 3],
  ['L4S3', 'self', 4, 15, 30, 3],
  ['L4S6', 'self', 4, 15, 30, 3],
  ['L6S2', 'self', 6, 40, 80, 8],
];

export const ISP_UNITS: ComboUnit[] = ISP_ROWS.map(([ref, group, level, glh, tqt, credit]) => ({
  ref,
  group,
  level,
  glh,
  tqt,
  credit,
}));

export const ISP_GROUP_TITLES: Record<string, string> = {
  business: 'Business',
  core: 'Core',
  leadership: 'Leadership',
  self: 'Self',
};

const ISP_SHARE: ComboRule = { kind: 'levelShare', id: 'level5', level: 5, minPercent: 50 };

/** ISP Level 5 Certificate in Professional Sales. */
export const ISP_CERTIFICATE: ComboProblem = {
  units: ISP_UNITS,
  groupTitles: ISP_GROUP_TITLES,
  rules: [
    { kind: 'count', id: 'total', minCredits: 13, maxCredits: 36 },
    { kind: 'count', id: 'business', scopeGroups: ['business'], minUnits: 2 },
    { kind: 'count', id: 'core', scopeGroups: ['core'], minUnits: 2 },
    { kind: 'count', id: 'leadership-or-self', scopeGroups: ['leadership', 'self'], minUnits: 1 },
    ISP_SHARE,
  ],
};

/** ISP Level 5 Diploma in Professional Sales. */
export const ISP_DIPLOMA: ComboProblem = {
  units: ISP_UNITS,
  groupTitles: ISP_GROUP_TITLES,
  rules: [
    { kind: 'count', id: 'total', minCredits: 37 },
    { kind: 'count', id: 'business', scopeGroups: ['business'], minCredits: 9 },
    { kind: 'count', id: 'core', scopeGroups: ['core'], minCredits: 12 },
    { kind: 'count', id: 'leadership', scopeGroups: ['leadership'], minCredits: 8 },
    { kind: 'count', id: 'self', scopeGroups: ['self'], minCredits: 8 },
    ISP_SHARE,
  ],
};

/** ILM units: ref, group, level, credit, GLH. */
const ILM_ROWS: [string, string, number, number, number][] = [
  ['8570-228', 'group-1', 2, 2, 7],
  ['8570-229', 'group-1', 2, 2, 7],
  ['8570-205', 'group-1', 2, 2, 6],
  ['8750-213', 'group-2', 2, 1, 6],
  ['8750-212', 'group-2', 2, 1, 7],
  ['8750-207', 'group-2', 2, 1, 6],
  ['8750-221', 'group-2', 2, 1, 5],
  ['8750-216', 'group-2', 2, 1, 5],
  ['8750-300', 'group-3', 3, 2, 9],
  ['8750-302', 'group-3', 3, 2, 9],
  ['8750-307', 'group-3', 3, 2, 4],
  ['8750-326', 'group-3', 3, 2, 7],
  ['8750-303', 'group-3', 3, 2, 9],
];

export const ILM_UNITS: ComboUnit[] = ILM_ROWS.map(([ref, group, level, credit, glh]) => ({
  ref,
  group,
  level,
  credit,
  glh,
}));

/** ILM Level 2 Certificate in Sales Management (600/5929/1). */
export const ILM_CERTIFICATE: ComboProblem = {
  units: ILM_UNITS,
  groupTitles: { 'group-1': 'Group 1', 'group-2': 'Group 2', 'group-3': 'Group 3' },
  rules: [
    { kind: 'mandatory', id: 'mandatory', units: ['8570-228', '8570-229', '8570-205'] },
    { kind: 'count', id: 'total', minCredits: 13, maxCredits: 36 },
    { kind: 'count', id: 'group-3-max', scopeGroups: ['group-3'], maxCredits: 6 },
  ],
};

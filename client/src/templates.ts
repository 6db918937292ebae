/**
 * The starter specs "Qualspec: New Specification from Template" offers, one for each way awarding
 * bodies size their qualifications. The files are in templates/ (shipped in the extension); each
 * lints with no finding (test/unit/templates.test.ts). No VS Code API here, so it is unit-tested.
 */

export interface SpecTemplate {
  /** The file in templates/. */
  file: string;
  label: string;
  description: string;
  detail: string;
  /** The file name offered when the spec is saved. */
  suggestedName: string;
}

export const SPEC_TEMPLATES: readonly SpecTemplate[] = [
  {
    file: 'rqf-credit.yaml',
    label: 'RQF, sized in credits',
    description: 'GLH, TQT and credit',
    detail: 'An Award of fixed units and a Certificate with rules of combination in credits; refs such as L3M1 (level, group letter, number).',
    suggestedName: 'new-spec.qspec.yaml',
  },
  {
    file: 'btec-glh.yaml',
    label: 'RQF, sized in GLH only (BTEC Nationals style)',
    description: 'GLH and TQT, no credit',
    detail: 'Units numbered 1, 2, 3, lettered learning aims and Pass/Merit/Distinction criteria (A.P1, A.M1, AB.D1); rules in GLH.',
    suggestedName: 'new-spec.qspec.yaml',
  },
  {
    file: 'qcf-credit.yaml',
    label: 'QCF, sized in credits (City & Guilds style)',
    description: 'QCF size bands, UANs',
    detail: 'Units numbered by level (2xx = Level 2), each with its UAN; qualification numbers under one scheme (6001-01).',
    suggestedName: 'new-spec.qspec.yaml',
  },
];

/** The date every template is written with: a new spec gets the day it is made instead. */
export const TEMPLATE_DATE = '2026-01-05';

/** A template's text for a spec made on `today` (YYYY-MM-DD): its published date and first change-history entry. */
export function instantiate(text: string, today: string): string {
  return text.split(TEMPLATE_DATE).join(today);
}

/** Today as the format writes dates (YYYY-MM-DD), in local time. */
export function isoDate(d: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

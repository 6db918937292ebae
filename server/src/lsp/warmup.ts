/**
 * Warming up: before the first document opens, run the whole pipeline (YAML parsing, the model,
 * every check, the schema validator, the combination engine) over a small made-up spec, so that the
 * first real validation runs on compiled code instead of paying the JIT and lazy-initialisation
 * costs on the user's 300 KB file.
 */
import { analyseFile, analyseWorkspace, ChunkCache, WorkspaceIndex } from '../core/index.js';

function unit(i: number, group: string, letter: string): string {
  const los = [1, 2, 3]
    .map(
      (n) => `      - number: ${n}
        text: Be able to plan and review the work of outcome ${n}
        criteria:
          - number: "${n}.1"
            text: Explain the purpose of the plan
          - number: "${n}.2"
            text: Review the results against the plan`,
    )
    .join('\n');
  return `  - ref: L5${letter}${i}
    uan: A/651/5975
    title: Warm-up Unit ${i}
    level: 5
    group: ${group}
    glh: 25
    tqt: 50
    credit: 5
    purpose: >-
      To enable learners to understand the relationship between planning and review. They will
      understand an approach to targets and be able to forecast.
    learningOutcomes:
${los}
    indicativeContent:
      - lo: 1
        text: |-
          - Why planning matters for decisions
          - How to estimate lifetime value
    assessorGuidance:
      - lo: 1
        text: |-
          Learners should select at least three accounts and estimate their value.`;
}

function spec(variant: number): string {
  const units = [...Array(6).keys()].map((i) => unit(i + 1, i < 3 ? 'business' : 'core', i < 3 ? 'B' : 'C')).join('\n');
  return `# warm-up spec
qualspec: 1
document:
  awardingBody: Warm-up Body
  title: Warm-up Qualifications ${variant}
  version: "1.0"
  changeHistory:
    - version: "1.0"
      date: 2024-10-02
      summary: First
groups:
  - id: business
    title: Business
    letter: B
  - id: core
    title: Core
    letter: C
qualifications:
  - title: Level 5 Award in Warming Up
    type: award
    level: 5
    qan: 610/5663/7
    glh: 25
    tqt: 50
    credit: 5
    units:
      - L5B1
  - title: Level 5 Certificate in Warming Up
    type: certificate
    level: 5
    qan: 610/5683/2
    credit:
      min: 15
      max: 30
    rules:
      - id: total
        text: A minimum of 15 credits
        minCredits: 15
        maxCredits: 30
      - id: business-units
        groups: [business]
        minUnits: 1
      - id: level-share
        levelShare:
          level: 5
          minPercent: 50
units:
${units}
`;
}

/** The warm-up as small steps (each a few tens of milliseconds), so that a document opening meanwhile is not kept waiting. */
export function warmUpSteps(): (() => void)[] {
  const index = new WorkspaceIndex();
  const cache = new ChunkCache();
  const steps: (() => void)[] = [];
  for (let i = 0; i < 4; i++) {
    const text = spec(i);
    steps.push(() => analyseFile('untitled:warm-up', text, { index, cache }));
    // An edit inside one unit: the incremental path.
    const at = text.indexOf('Explain the purpose');
    steps.push(() => analyseFile('untitled:warm-up', text.slice(0, at) + 'x' + text.slice(at), { index, cache }));
  }
  steps.push(() => {
    analyseWorkspace(index);
    index.delete('untitled:warm-up');
  });
  return steps;
}

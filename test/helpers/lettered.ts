/**
 * A unit in the BTEC style for the rule tests: learning aims lettered A, B, C and criteria graded per
 * band across the unit (A.P1, A.P2, B.P3 …; A.M1, B.M2; AB.D1 spanning aims A and B), assessor
 * guidance given once for the unit. Appended to spec()'s units with `extraUnits`; it is valid.
 */
export const LETTERED_UNIT = `  - ref: L5B9
    uan: R/651/5990
    title: Plan a Sales Campaign
    level: 5
    group: business
    glh: 30
    tqt: 60
    credit: 6
    purpose: To enable learners to plan and review a sales campaign.
    learningOutcomes:
      - number: A
        text: Examine the market for a campaign
        criteria:
          - number: A.P1
            text: Explain the research used to choose a market
          - number: A.P2
            text: Describe the needs of the market
          - number: A.M1
            text: Analyse how the research shapes the campaign
      - number: B
        text: Plan the campaign
        criteria:
          - number: B.P3
            text: Produce a plan for the campaign
          - number: B.M2
            text: Justify the choices made in the plan
          - number: AB.D1
            text: Evaluate how far the plan meets the needs of the market
      - number: C
        text: Review the campaign
        criteria:
          - number: C.P4
            text: Review the results of the campaign
    indicativeContent:
      - lo: A
        text: Market research
      - lo: B
        text: Campaign planning
      - lo: C
        text: Reviewing results
    assessorGuidance: One assignment may cover all three learning aims.
`;

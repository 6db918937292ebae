import type { ParsedFile, Path } from '../parse/parse.js';
import type { CriterionModel, UnitModel } from '../model/spec.js';
import type { FileRule, Report } from './types.js';

/** A graded criterion's number: the aims it belongs to (A, AB), its band (P, M, D) and its number in the band. */
export const GRADED = /^([A-Z]{1,4})\.([PMD])(\d+)$/;
const BAND: Record<string, string> = { P: 'Pass', M: 'Merit', D: 'Distinction' };

/**
 * The graded criteria of a unit with lettered learning aims, as BTEC numbers them: each grade band
 * (Pass, Merit, Distinction) is numbered 1, 2, 3 … across the whole unit in the order listed (A.P1,
 * A.P2, B.P3 …; A.M1, B.M2 …), and a criterion's prefix names the aim it sits under (AB.D1, under
 * aim A or B, spans both) and only aims the unit has.
 */
function checkGraded(parsed: ParsedFile, u: UnitModel, report: (r: Report) => void): void {
  const unitName = `unit ${u.ref ?? u.index + 1}`;
  const aims = new Set(u.learningOutcomes.map((lo) => lo.number).filter((n): n is string => typeof n === 'string'));
  const inBand: Record<string, { c: CriterionModel; prefix: string; n: number }[]> = { P: [], M: [], D: [] };
  for (const lo of u.learningOutcomes) {
    const aim = lo.number;
    lo.criteria.forEach((c, j) => {
      if (typeof c.number !== 'string') return;
      const m = GRADED.exec(c.number);
      const where = typeof aim === 'string' ? `learning aim ${aim}` : `learning outcome ${aim ?? '?'}`;
      if (!m) {
        if (typeof aim === 'string')
          report({
            path: [...c.path, 'number'],
            message: `Criterion ${j + 1} of learning aim ${aim} in ${unitName} is numbered ${c.number}: the criteria of a lettered learning aim are graded, ${aim}.P1, ${aim}.M1, ${aim}.D1 (Pass, Merit, Distinction).`,
          });
        return;
      }
      const [, prefix, band, num] = m as unknown as [string, string, string, string];
      inBand[band]!.push({ c, prefix, n: Number(num) });
      const unknown = [...prefix].filter((l) => !aims.has(l));
      if (typeof aim !== 'string')
        report({
          path: [...c.path, 'number'],
          message: `Criterion ${c.number} in ${unitName} is a graded criterion of learning aim ${prefix}, but it is listed under ${where}: graded criteria belong to lettered learning aims.`,
        });
      else if (unknown.length)
        report({
          path: [...c.path, 'number'],
          message: `Criterion ${c.number} in ${unitName} names learning aim${unknown.length > 1 ? 's' : ''} ${unknown.join(' and ')}, which the unit does not have (its aims are ${[...aims].join(', ')}).`,
        });
      else if (!prefix.includes(aim))
        report({
          path: [...c.path, 'number'],
          message: `Criterion ${c.number} in ${unitName} is listed under learning aim ${aim}, but its number names ${prefix.length > 1 ? 'aims' : 'aim'} ${[...prefix].join(' and ')}: number it ${aim}.${band}${num} or move it to its aim.`,
        });
    });
  }
  for (const band of ['P', 'M', 'D'] as const) {
    const list = inBand[band]!;
    const word = BAND[band]!;
    // One finding per defect: each number is judged against the one before it in the band.
    const wrong = list.filter((x, k) => x.n !== (k === 0 ? 1 : list[k - 1]!.n + 1));
    if (!wrong.length) continue;
    const fix = {
      title: `Renumber the ${word} criteria of ${u.ref ?? 'this unit'} ${band}1–${band}${list.length}`,
      preferred: true,
      safe: false,
      edits: list.flatMap((x, k) => (x.n !== k + 1 ? [{ span: parsed.locate([...x.c.path, 'number']), newText: `${x.prefix}.${band}${k + 1}` }] : [])),
    };
    for (const x of wrong) {
      const k = list.indexOf(x);
      const prev = k === 0 ? 0 : list[k - 1]!.n;
      const why =
        x.n === prev
          ? `repeats ${band}${x.n}, the number of the ${word} criterion before it`
          : x.n < prev
            ? `comes after ${band}${prev}: ${word} criteria are numbered in the order they are listed`
            : `skips ${prev + 1 === x.n - 1 ? `${band}${prev + 1}` : `${band}${prev + 1}–${band}${x.n - 1}`}`;
      report({
        path: [...x.c.path, 'number'],
        message: `Criterion ${String(x.c.number)} in ${unitName} ${why}: ${word} criteria run ${band}1, ${band}2, ${band}3 … across the unit's learning aims, so it should be ${x.prefix}.${band}${prev + 1}.`,
        fixes: [fix],
      });
    }
  }
}

export const rule: FileRule = {
  meta: {
    id: 'ac-numbering',
    severity: 'error',
    category: 'numbering',
    description:
      'Assessment criteria are numbered LO.1, LO.2 … (1.1, 1.2 for outcome 1), or graded per band across the unit (A.P1, A.P2, B.P3 …, A.M1 …, AB.D1), in order, without gaps or repeats.',
    fixable: true,
  },
  scope: 'file',
  check({ parsed, model, report }) {
    for (const u of model.units) {
      if (u.learningOutcomes.some((lo) => typeof lo.number === 'string' || lo.criteria.some((c) => typeof c.number === 'string' && GRADED.test(c.number))))
        checkGraded(parsed, u, report);
      u.learningOutcomes.forEach((lo, i) => {
        // Lettered aims and their graded criteria are checkGraded's.
        if (typeof lo.number === 'string' || lo.criteria.some((c) => typeof c.number === 'string' && GRADED.test(c.number))) return;
        const loNo = lo.number ?? i + 1;
        // A number as written: YAML reads an unquoted 1.10 as 1.1, but the author wrote 1.10 (yaml-type-trap asks for quotes).
        const source = (path: Path) => {
          const s = parsed.locate(path);
          return parsed.text.slice(s.start, s.end).trim();
        };
        const shown = lo.criteria.map((c) => (typeof c.number === 'number' ? source([...c.path, 'number']) : c.number));
        const wrong = (j: number) => shown[j] !== undefined && shown[j] !== `${loNo}.${j + 1}`;
        const bad = lo.criteria.filter((_, j) => wrong(j));
        if (bad.length === 0) return;
        const edits = lo.criteria.flatMap((c, j) => (wrong(j) ? [{ span: parsed.locate([...c.path, 'number']), newText: `"${loNo}.${j + 1}"` }] : []));
        // Safe for --fix only when the numbers merely repeat (1.3, 1.4, 1.4 -> 1.5) on criteria of different
        // texts: a gap may be a criterion lost in transcription, an order change may be deliberate.
        const ks = shown.map((n) => new RegExp(`^${loNo}\\.(\\d+)$`).exec(String(n))?.[1]);
        const onlyRepeats =
          typeof lo.number === 'number' &&
          ks.every((k, j) => k !== undefined && (j === 0 ? Number(k) === 1 : Number(k) - Number(ks[j - 1]) <= 1 && Number(k) >= Number(ks[j - 1]))) &&
          lo.criteria.every((c, j) => j === 0 || ks[j] !== ks[j - 1] || c.text !== lo.criteria[j - 1]!.text);
        const fix = {
          title: `Renumber the criteria of learning outcome ${loNo} (${u.ref ?? ''}) ${loNo}.1–${loNo}.${lo.criteria.length}`,
          edits,
          preferred: true,
          safe: onlyRepeats,
        };
        for (const c of bad) {
          const j = lo.criteria.indexOf(c);
          const s = String(shown[j]);
          const m = /^(\d+)\.(\d+)$/.exec(s);
          let why: string;
          if (!m)
            why = s.trim() === '' ? `has an empty number: it should be ${loNo}.${j + 1}` : `is numbered '${s}', which is not of the form ${loNo}.${j + 1}`;
          else if (Number(m[1]) !== loNo) why = `is numbered ${s}, but it belongs to learning outcome ${loNo}`;
          else if (shown.slice(0, j).includes(s)) why = `repeats the number ${s}`;
          else why = `is numbered ${s}, but as criterion ${j + 1} of the outcome it should be ${loNo}.${j + 1}`;
          report({
            path: [...c.path, 'number'],
            message: `Criterion ${j + 1} of learning outcome ${loNo} in unit ${u.ref ?? u.index + 1} ${why}.`,
            fixes: [fix],
          });
        }
      });
    }
  },
};

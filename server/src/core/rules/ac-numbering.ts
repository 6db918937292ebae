import type { Path } from '../parse/parse.js';
import type { FileRule } from './types.js';

export const rule: FileRule = {
  meta: {
    id: 'ac-numbering',
    severity: 'error',
    category: 'numbering',
    description: 'Assessment criteria are numbered LO.1, LO.2 … (1.1, 1.2 for outcome 1), in order, without gaps or repeats.',
    fixable: true,
  },
  scope: 'file',
  check({ parsed, model, report }) {
    for (const u of model.units) {
      u.learningOutcomes.forEach((lo, i) => {
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

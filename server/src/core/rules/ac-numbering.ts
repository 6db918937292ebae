import type { FileRule } from './types.js';

export const rule: FileRule = {
  meta: { id: 'ac-numbering', severity: 'error', category: 'numbering', description: 'Assessment criteria are numbered LO.1, LO.2 … (1.1, 1.2 for outcome 1), in order, without gaps or repeats.', fixable: true },
  scope: 'file',
  check({ parsed, model, report }) {
    for (const u of model.units) {
      u.learningOutcomes.forEach((lo, i) => {
        const loNo = lo.number ?? i + 1;
        const bad = lo.criteria.filter((c, j) => c.number !== undefined && String(c.number) !== `${loNo}.${j + 1}`);
        if (bad.length === 0) return;
        const edits = lo.criteria.flatMap((c, j) => (c.number !== undefined && String(c.number) !== `${loNo}.${j + 1}` ? [{ span: parsed.locate([...c.path, 'number']), newText: `"${loNo}.${j + 1}"` }] : []));
        const fix = { title: `Renumber the criteria of learning outcome ${loNo} (${u.ref ?? ''}) ${loNo}.1–${loNo}.${lo.criteria.length}`, edits, preferred: true, safe: typeof lo.number === 'number' };
        for (const c of bad) {
          const j = lo.criteria.indexOf(c);
          const s = String(c.number);
          const m = /^(\d+)\.(\d+)$/.exec(s);
          let why: string;
          if (!m) why = `is numbered '${s}', which is not of the form ${loNo}.${j + 1}`;
          else if (Number(m[1]) !== loNo) why = `is numbered ${s}, but it belongs to learning outcome ${loNo}`;
          else if (lo.criteria.slice(0, j).some((x) => String(x.number) === s)) why = `repeats the number ${s}`;
          else why = `is numbered ${s}, but as criterion ${j + 1} of the outcome it should be ${loNo}.${j + 1}`;
          report({ path: [...c.path, 'number'], message: `Criterion ${j + 1} of learning outcome ${loNo} in unit ${u.ref ?? u.index + 1} ${why}.`, fixes: [fix] });
        }
      });
    }
  },
};

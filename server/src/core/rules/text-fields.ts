/** The human-written text fields of a spec, for the text hygiene checks. */
import type { Path } from '../parse/parse.js';
import type { SpecModel } from '../model/spec.js';

export interface TextField {
  path: Path;
  value: string;
  /** A title or a one-line statement (LO/AC), as opposed to Markdown prose. */
  kind: 'title' | 'statement' | 'prose';
  owner: string;
}

const memo = new WeakMap<SpecModel, readonly TextField[]>();

/** The text fields of a model, with their paths and owners (memoised per model: several checks read them; read-only). */
export function textFields(model: SpecModel): readonly TextField[] {
  let fields = memo.get(model);
  if (!fields) {
    fields = collect(model);
    memo.set(model, fields);
  }
  return fields;
}

function collect(model: SpecModel): TextField[] {
  const out: TextField[] = [];
  for (const u of model.units) {
    const owner = `unit ${u.ref ?? u.index + 1}`;
    if (u.title !== undefined) out.push({ path: [...u.path, 'title'], value: u.title, kind: 'title', owner });
    for (const lo of u.learningOutcomes) {
      if (lo.text !== undefined)
        out.push({ path: [...lo.path, 'text'], value: lo.text, kind: 'statement', owner: `learning outcome ${lo.number ?? ''} of ${owner}` });
      for (const c of lo.criteria)
        if (c.text !== undefined)
          out.push({ path: [...c.path, 'text'], value: c.text, kind: 'statement', owner: `criterion ${String(c.number ?? '')} of ${owner}` });
    }
    for (const [list, label] of [
      [u.indicativeContent, 'indicative content'],
      [u.assessorGuidance, 'assessor guidance'],
    ] as const)
      for (const x of list)
        if (x.text !== undefined) out.push({ path: [...x.path, 'text'], value: x.text, kind: 'prose', owner: `${label} ${x.lo ?? ''} of ${owner}` });
    if (typeof u.raw.purpose === 'string') out.push({ path: [...u.path, 'purpose'], value: u.raw.purpose, kind: 'prose', owner: `the purpose of ${owner}` });
  }
  for (const q of model.qualifications) {
    if (q.title !== undefined) out.push({ path: [...q.path, 'title'], value: q.title, kind: 'title', owner: `qualification ${q.index + 1}` });
    for (const m of q.units)
      if (typeof m.fields.title === 'string')
        out.push({ path: [...m.path, 'title'], value: m.fields.title, kind: 'title', owner: `unit ${m.ref ?? ''} in '${q.title ?? ''}'` });
    for (const r of q.rules)
      if (r.text !== undefined) out.push({ path: [...r.path, 'text'], value: r.text, kind: 'prose', owner: `a rule of '${q.title ?? ''}'` });
  }
  for (const g of model.groups)
    if (g.title !== undefined) out.push({ path: [...g.path, 'title'], value: g.title, kind: 'title', owner: `group '${g.id ?? ''}'` });
  if (model.document.title !== undefined) out.push({ path: ['document', 'title'], value: model.document.title, kind: 'title', owner: 'the document' });
  return out;
}

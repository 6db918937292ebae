/**
 * The published specification document: the spec model (and its raw data, for the prose the model
 * does not keep) to one self-contained HTML page. Pure: no I/O, no clock (the caller passes what
 * it wants printed), the same input gives the same bytes.
 *
 * Layout follows how awarding bodies publish a specification: cover, contents, change control,
 * the prose sections in published order, then per qualification its key facts, structure and
 * rules of combination (with the smallest and largest total the rules allow and an example route),
 * then one page per unit by group (purpose, apprenticeship links, learning outcomes with their
 * criteria, indicative content, assessor guidance).
 *
 * Review mode marks each finding of the linter where it applies (the unit, learning outcome,
 * criterion, qualification or section whose YAML holds it) and lists them all at the start.
 */
import type { ParsedFile, Path } from '../parse/parse.js';
import type { QualificationModel, SpecModel, UnitModel } from '../model/spec.js';
import type { Finding } from '../rules/types.js';
import type { WorkspaceIndex } from '../workspace/index.js';
import { LineIndex, type Span } from '../text/line-index.js';
import { buildProblem, analyseCached } from '../combination/from-spec.js';
import { describeRule } from '../combination/describe.js';
import { documentCss } from './css.js';
import { markdown } from './markdown.js';
import { ASSESSMENT, esc, GRADING, levelText, sizeText, slug, TYPE, ukDate } from './words.js';

export { esc, slug, ukDate } from './words.js';

export interface PublishInput {
  uri: string;
  parsed: ParsedFile;
  model: SpecModel;
  /** Other spec files, for units a qualification's pool names from elsewhere. */
  index?: WorkspaceIndex;
  /** The findings of `qualspec lint` for this file (shown only with `review`). */
  findings?: readonly Finding[];
  review?: boolean;
  /** Printed in the colophon: "qualspec 0.1.0". */
  generator?: string;
  /** The document's language (BCP 47), default en-GB. */
  lang?: string;
  /**
   * Page numbers for the contents, by the id of the element each entry links to (the printed PDF's
   * pages: server/src/publish/pdf.ts prints twice). `reserve`: the place for a number in every entry,
   * empty, so that the first printing lays the contents out as the second will. Absent (HTML on
   * screen): no page numbers.
   */
  pageNumbers?: ReadonlyMap<string, number> | 'reserve';
}

export interface PublishedUnit {
  index: number;
  ref?: string;
  id: string;
  /** The unit's node in the YAML. */
  span: Span;
}

export interface PublishResult {
  html: string;
  title: string;
  lang: string;
  css: string;
  /** The inside of <body>. */
  body: string;
  units: PublishedUnit[];
  counts: { qualifications: number; units: number; learningOutcomes: number; criteria: number; findings: number; notesPlaced: number };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : typeof v === 'number' ? String(v) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const SEV_WORD: Record<Finding['severity'], string> = { error: 'Error', warning: 'Warning', info: 'Note' };
const SEV_MARK: Record<Finding['severity'], string> = { error: '✖', warning: '▲', info: 'ℹ' };

interface Target {
  id: string;
  label: string;
  span: Span;
}

/** Findings placed at the innermost element of the document whose YAML holds them. */
class Notes {
  private readonly byTarget = new Map<string, { n: number; f: Finding }[]>();
  readonly placed: { n: number; f: Finding; target?: Target }[] = [];
  constructor(
    private readonly lines: LineIndex,
    findings: readonly Finding[],
    targets: readonly Target[],
  ) {
    const sorted = [...findings].sort((a, b) => a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId));
    sorted.forEach((f, i) => {
      let best: Target | undefined;
      for (const t of targets) {
        if (f.span.start >= t.span.start && f.span.start <= t.span.end && (!best || t.span.end - t.span.start <= best.span.end - best.span.start)) best = t;
      }
      const n = i + 1;
      this.placed.push({ n, f, ...(best ? { target: best } : {}) });
      if (best) this.byTarget.set(best.id, [...(this.byTarget.get(best.id) ?? []), { n, f }]);
    });
  }

  line(f: Finding): number {
    return this.lines.positionAt(f.span.start).line + 1;
  }

  /** The margin notes of one element of the document. */
  at(id: string): string {
    const list = this.byTarget.get(id);
    if (!list) return '';
    return list
      .map(
        ({ n, f }) =>
          `<aside class="note note-${f.severity}" role="note" id="finding-${n}" aria-label="${esc(`${SEV_WORD[f.severity]} ${n}`)}">` +
          `<span class="sev"><span aria-hidden="true">${SEV_MARK[f.severity]}</span> ${SEV_WORD[f.severity]} ${n}</span>` +
          `${esc(f.message)} <span class="where">(<span class="rule">${esc(f.ruleId)}</span>, line ${this.line(f)} of the YAML; <a href="#findings">all findings</a>)</span></aside>`,
      )
      .join('');
  }
}

class NoNotes {
  at(): string {
    return '';
  }
}

export function publishDocument(input: PublishInput): PublishResult {
  const { model, parsed } = input;
  const data = isObj(parsed.data) ? parsed.data : {};
  const doc = isObj(data.document) ? data.document : {};
  const facts = isObj(data.facts) ? data.facts : {};
  const md = markdown();
  const lang = input.lang ?? 'en-GB';
  const counts = { qualifications: 0, units: 0, learningOutcomes: 0, criteria: 0, findings: 0, notesPlaced: 0 };

  const title = str(doc.title) ?? 'Qualification specification';
  const version = str(doc.version);
  const body = str(doc.awardingBody);
  const bodyShort = str(doc.awardingBodyShort);

  // ---------------------------------------------------------------- ids of units (unique)
  const unitIds = new Map<UnitModel, string>();
  const used = new Set<string>();
  for (const u of model.units) {
    let id = `unit-${slug(u.ref ?? `unit-${u.index + 1}`)}`;
    if (used.has(id)) id = `${id}-${u.index + 1}`;
    used.add(id);
    unitIds.set(u, id);
  }
  const unitId = (u: UnitModel) => unitIds.get(u)!;
  const loId = (u: UnitModel, i: number) => `${unitId(u)}-lo-${i + 1}`;
  const acId = (u: UnitModel, i: number, j: number) => `${unitId(u)}-lo-${i + 1}-ac-${j + 1}`;
  const qualId = (q: QualificationModel) => `qualification-${q.index + 1}`;
  const sections = arr(data.sections).map((s, i) => {
    const o = isObj(s) ? s : {};
    return { i, id: `section-${slug(str(o.id) ?? String(i + 1))}`, title: str(o.title) ?? `Section ${i + 1}`, body: str(o.body) };
  });

  // ---------------------------------------------------------------- review notes
  const locate = (p: Path): Span => parsed.locate(p);
  let notes: Notes | NoNotes = new NoNotes();
  let review: Notes | undefined;
  if (input.review) {
    const targets: Target[] = [];
    const add = (id: string, label: string, path: Path) => {
      if (parsed.has(path)) targets.push({ id, label, span: parsed.locate(path, 'entry') });
    };
    add('cover', 'the document details', ['document']);
    add('change-control', 'the change history', ['document', 'changeHistory']);
    add('facts', 'the key facts', ['facts']);
    sections.forEach((s) => add(s.id, s.title, ['sections', s.i]));
    add('groups', 'the unit groups', ['groups']);
    for (const q of model.qualifications) add(qualId(q), q.title ?? `qualification ${q.index + 1}`, q.path);
    for (const u of model.units) {
      const name = [u.ref, u.title].filter(Boolean).join(' ') || `unit ${u.index + 1}`;
      add(unitId(u), name, u.path);
      u.learningOutcomes.forEach((lo, i) => {
        add(loId(u, i), `${name}, learning outcome ${lo.number ?? i + 1}`, lo.path);
        lo.criteria.forEach((c, j) => add(acId(u, i, j), `${name}, criterion ${c.number ?? `${i + 1}.${j + 1}`}`, c.path));
      });
    }
    review = new Notes(new LineIndex(parsed.text), input.findings ?? [], targets);
    notes = review;
    counts.findings = review.placed.length;
    counts.notesPlaced = review.placed.filter((p) => p.target).length;
  }

  // ---------------------------------------------------------------- helpers
  const out: string[] = [];
  const toc: { id: string; title: string; children?: { id: string; title: string }[] }[] = [];
  const factRows = (rows: [string, string | undefined][]) =>
    rows
      .filter((r): r is [string, string] => r[1] !== undefined && r[1] !== '')
      .map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>${v}</td></tr>`)
      .join('');
  const unitName = (u: UnitModel) => [u.ref, u.title].filter(Boolean).join(' ');

  // ---------------------------------------------------------------- cover
  out.push(`<header class="cover" id="cover">`);
  if (body) out.push(`<p class="body-name">${esc(body)}${bodyShort && bodyShort !== body ? ` (${esc(bodyShort)})` : ''}</p>`);
  out.push(`<h1>${esc(title)}</h1>`);
  if (str(doc.subtitle)) out.push(`<p class="subtitle">${esc(str(doc.subtitle))}</p>`);
  out.push('<dl>');
  const coverFacts: [string, string | undefined][] = [
    ['Version', version],
    ['Published', ukDate(str(doc.published))],
    ['Sector subject area', str(doc.sectorSubjectArea)],
  ];
  for (const [k, v] of coverFacts) if (v) out.push(`<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`);
  out.push('</dl>');
  if (input.review) {
    out.push(`<p class="review-banner">Review copy: this document shows the findings of qualspec's checks where they apply. It is not for publication.</p>`);
  }
  out.push(notes.at('cover'));
  if (str(doc.copyright)) out.push(`<p class="copyright">${esc(str(doc.copyright))}</p>`);
  out.push(`</header>`);

  const main: string[] = [];

  // ---------------------------------------------------------------- findings index
  if (review) {
    const by = { error: 0, warning: 0, info: 0 };
    for (const p of review.placed) by[p.f.severity]++;
    toc.push({ id: 'findings', title: 'Review findings' });
    main.push(`<section id="findings" class="findings-index part" aria-labelledby="findings-h"><h2 id="findings-h">Review findings</h2>`);
    if (!review.placed.length) {
      main.push(`<p class="counts">qualspec found nothing to report in this specification.</p>`);
    } else {
      main.push(
        `<p class="counts">${by.error} error${by.error === 1 ? '' : 's'}, ${by.warning} warning${by.warning === 1 ? '' : 's'}, ${by.info} note${by.info === 1 ? '' : 's'}. Each is marked in the document where it applies.</p>`,
      );
      main.push(
        `<table><caption>Every finding, in the order of the YAML file</caption><colgroup><col class="col-acnum"><col class="col-status"><col><col class="col-lo"></colgroup><thead><tr><th scope="col">No.</th><th scope="col">Severity</th><th scope="col">Finding</th><th scope="col">Where</th></tr></thead><tbody>`,
      );
      for (const p of review.placed) {
        const where = p.target ? `<a href="#${esc(p.target.id)}">${esc(p.target.label)}</a>` : 'the file as a whole';
        main.push(
          `<tr><td class="num"><a href="#${p.target ? `finding-${p.n}` : 'findings'}">${p.n}</a></td><td class="sev-${p.f.severity}"><span aria-hidden="true">${SEV_MARK[p.f.severity]}</span> ${SEV_WORD[p.f.severity]}</td><td>${esc(p.f.message)} <span class="rule">(${esc(p.f.ruleId)})</span></td><td>${where}, line ${review.line(p.f)}</td></tr>`,
        );
      }
      main.push(`</tbody></table>`);
    }
    main.push(`</section>`);
  }

  // ---------------------------------------------------------------- change control
  const changes = arr(doc.changeHistory).filter(isObj);
  if (changes.length) {
    toc.push({ id: 'change-control', title: 'Change control' });
    main.push(`<section id="change-control" aria-labelledby="change-control-h"><h2 id="change-control-h">Change control</h2>`);
    main.push(notes.at('change-control'));
    main.push(
      `<table><caption>Summary of changes to this specification</caption><colgroup><col class="col-ref"><col class="col-uan"><col><col class="col-ref"></colgroup><thead><tr><th scope="col">Version</th><th scope="col">Date</th><th scope="col">Summary of change</th><th scope="col">Author</th></tr></thead><tbody>`,
    );
    for (const c of changes) {
      main.push(
        `<tr><th scope="row">${esc(str(c.version))}</th><td>${esc(ukDate(str(c.date)))}</td><td>${md.inline(str(c.summary) ?? '')}</td><td>${esc(str(c.author))}</td></tr>`,
      );
    }
    main.push(`</tbody></table></section>`);
  }

  // ---------------------------------------------------------------- prose
  if (sections.length) {
    const children: { id: string; title: string }[] = [];
    main.push(`<section class="part" id="about" aria-labelledby="about-h"><h2 id="about-h" class="visually-hidden">About this specification</h2>`);
    for (const s of sections) {
      children.push({ id: s.id, title: s.title });
      main.push(`<section id="${esc(s.id)}" aria-labelledby="${esc(s.id)}-h"><h3 id="${esc(s.id)}-h">${esc(s.title)}</h3>`);
      main.push(notes.at(s.id));
      if (s.body) main.push(md.block(s.body, 4));
      main.push(`</section>`);
    }
    main.push(`</section>`);
    for (const c of children) toc.push(c);
  }

  // ---------------------------------------------------------------- qualifications
  const groupTitle = (id: string | undefined) => (id ? (model.groupsById.get(id)?.title ?? id) : 'Other units');
  const unitRow = (u: UnitModel | undefined, ref: string, status?: string) => {
    const cells = u
      ? [
          u.uan ? esc(u.uan) : '—',
          u.ref ? `<a href="#${esc(unitId(u))}">${esc(u.ref)}</a>` : '—',
          esc(u.title ?? ''),
          esc(u.level ?? ''),
          esc(u.glh ?? '—'),
          esc(u.tqt ?? '—'),
          esc(u.credit ?? '—'),
        ]
      : ['—', esc(ref), 'Specified in another document', '—', '—', '—', '—'];
    const [uan, r, t, ...nums] = cells;
    return `<tr><td>${uan}</td><th scope="row">${r}</th><td>${t}</td>${nums.map((n) => `<td class="num">${n}</td>`).join('')}${status !== undefined ? `<td>${esc(status)}</td>` : ''}</tr>`;
  };
  const unitTableHead = (caption: string, withStatus: boolean) =>
    `<table><caption>${esc(caption)}</caption><colgroup><col class="col-uan"><col class="col-ref"><col><col class="col-level"><col class="col-num"><col class="col-num"><col class="col-num">${withStatus ? '<col class="col-status">' : ''}</colgroup><thead><tr><th scope="col">Ofqual unit ref. (UAN)</th><th scope="col">Unit ref.</th><th scope="col">Unit title</th><th scope="col" class="num">Level</th><th scope="col" class="num">GLH</th><th scope="col" class="num">TQT</th><th scope="col" class="num">Credit</th>${withStatus ? '<th scope="col">Mandatory or optional</th>' : ''}</tr></thead><tbody>`;

  if (model.qualifications.length) {
    const children: { id: string; title: string }[] = [];
    main.push(`<section class="part" id="qualifications" aria-labelledby="qualifications-h"><h2 id="qualifications-h">The qualifications</h2>`);
    main.push(notes.at('facts'));
    for (const q of model.qualifications) {
      counts.qualifications++;
      const qraw = isObj(arr(data.qualifications)[q.index]) ? (arr(data.qualifications)[q.index] as Obj) : {};
      const qf: Obj = { ...facts, ...(isObj(qraw.facts) ? qraw.facts : {}) };
      const id = qualId(q);
      const qTitle = q.title ?? `Qualification ${q.index + 1}`;
      children.push({ id, title: qTitle });
      main.push(`<section id="${id}" class="qualification" aria-labelledby="${id}-h"><h3 id="${id}-h">${esc(qTitle)}</h3>`);
      main.push(notes.at(id));
      if (str(qraw.description)) main.push(md.block(str(qraw.description)!, 4));
      const list = (v: unknown) =>
        arr(v)
          .map((x) => str(x))
          .filter((x): x is string => !!x);
      const progression = list(qf.progression);
      const regions = list(qf.regions);
      main.push(`<table class="facts"><caption>Key facts</caption><tbody>`);
      main.push(
        factRows([
          ['Qualification title', esc(qTitle)],
          ['Qualification number (QAN)', q.qan ? esc(q.qan) : undefined],
          ['Type', q.type ? esc(TYPE[q.type]) : undefined],
          ['Level', esc(levelText(q.level))],
          ['Guided learning hours (GLH)', esc(sizeText(q.glh, 'GLH'))],
          ['Total qualification time (TQT)', esc(sizeText(q.tqt, 'TQT'))],
          ['Credit value', esc(sizeText(q.credit, 'credit'))],
          ['Sector subject area', esc(str(doc.sectorSubjectArea))],
          ['Grading', str(qf.grading) ? esc(GRADING[str(qf.grading)!] ?? str(qf.grading)) : undefined],
          ['Assessment', str(qf.assessment) ? esc(ASSESSMENT[str(qf.assessment)!] ?? str(qf.assessment)) : undefined],
          ['Assessment in detail', str(qf.assessmentNote) ? md.inline(str(qf.assessmentNote)!) : undefined],
          ['Minimum age', str(qf.minimumAge) ? `${esc(str(qf.minimumAge))} years` : undefined],
          ['Operational start date', esc(ukDate(str(qf.operationalStartDate)))],
          ['Time allowed', esc(str(qf.timeAllowed))],
          ['Entry requirements', str(qf.entryRequirements) ? md.inline(str(qf.entryRequirements)!) : undefined],
          ['Induction', str(qf.induction) ? md.inline(str(qf.induction)!) : undefined],
          ['Tutorial support', str(qf.tutorialSupport) ? md.inline(str(qf.tutorialSupport)!) : undefined],
          ['Progression', progression.length ? `<ul>${progression.map((p) => `<li>${md.inline(p)}</li>`).join('')}</ul>` : undefined],
          ['Available in', regions.length ? esc(regions.join(', ')) : undefined],
        ]),
      );
      main.push(`</tbody></table>`);

      // Structure.
      const fixed = q.rules.length === 0 && q.units.length > 0;
      const { problem, missing } = buildProblem(
        model,
        fixed
          ? { ...q, pool: { path: q.path, units: { path: q.path, items: q.units.filter((m) => m.ref).map((m) => ({ path: m.refPath, value: m.ref! })) } } }
          : q,
        input.index,
        input.uri,
      );
      const mandatory = new Set<string>();
      for (const r of problem.rules) if (r.kind === 'mandatory') for (const m of r.units) mandatory.add(m);
      main.push(`<h4>Structure</h4>`);
      if (fixed) {
        main.push(`<p>Learners must achieve every unit below.</p>`);
        main.push(unitTableHead(`Units of the ${qTitle}`, true));
        for (const m of q.units) if (m.ref) main.push(unitRow(model.unitsByRef.get(m.ref)?.[0], m.ref, 'Mandatory'));
        main.push(`</tbody></table>`);
      } else {
        const refs = [...problem.units.map((u) => u.ref), ...missing];
        if (!refs.length) main.push(`<p>This qualification names no units.</p>`);
        const byGroup = new Map<string, string[]>();
        for (const ref of refs) {
          const u = model.unitsByRef.get(ref)?.[0];
          const g = u?.group ?? problem.units.find((x) => x.ref === ref)?.group ?? '';
          byGroup.set(g, [...(byGroup.get(g) ?? []), ref]);
        }
        const order = [...model.groups.map((g) => g.id ?? ''), ...byGroup.keys()].filter((g, i, a) => byGroup.has(g) && a.indexOf(g) === i);
        for (const g of order) {
          main.push(unitTableHead(`${groupTitle(g || undefined)} units`, true));
          for (const ref of byGroup.get(g)!) main.push(unitRow(model.unitsByRef.get(ref)?.[0], ref, mandatory.has(ref) ? 'Mandatory' : 'Optional'));
          main.push(`</tbody></table>`);
        }
      }

      // Rules of combination.
      if (!fixed && q.rules.length) {
        main.push(`<h4>Rules of combination</h4><p>To achieve the ${esc(qTitle)}, learners must pass units that meet every rule:</p><ul class="rules">`);
        for (const r of problem.rules) {
          const words = describeRule(r, problem.groupTitles);
          main.push(`<li>${r.text ? `${esc(r.text)}<span class="words">In other words: ${esc(words)}.</span>` : `${esc(words)}.`}</li>`);
        }
        main.push(`</ul>`);
        const a = missing.length ? new Error(`units ${missing.join(', ')} are specified elsewhere`) : analyseCached(problem);
        const credit = (refs: readonly string[]) => refs.reduce((s, r) => s + (problem.units.find((u) => u.ref === r)?.credit ?? 0), 0);
        const route = (label: string, refs: readonly string[]) => {
          const items = refs.map((r) => {
            const u = model.unitsByRef.get(r)?.[0];
            const c = problem.units.find((x) => x.ref === r)?.credit;
            return `<li>${u ? `<a href="#${esc(unitId(u))}">${esc(unitName(u))}</a>` : esc(r)}${c !== undefined ? ` (${c} credit${c === 1 ? '' : 's'})` : ''}</li>`;
          });
          return `<div class="route"><h5>${esc(label)}: ${credit(refs)} credits from ${refs.length} unit${refs.length === 1 ? '' : 's'}</h5><ul>${items.join('')}</ul></div>`;
        };
        if (a instanceof Error) {
          main.push(`<p>The totals these rules allow could not be worked out: ${esc(a.message)}.</p>`);
        } else if (!a.feasible || !a.credit) {
          main.push(`<p><strong>No choice of units meets every rule together.</strong></p>`);
        } else {
          const c = a.credit;
          const hours = [
            a.glh ? `${a.glh.min} to ${a.glh.max} guided learning hours` : '',
            a.tqt ? `${a.tqt.min} to ${a.tqt.max} hours of total qualification time` : '',
          ]
            .filter(Boolean)
            .join(' and ');
          main.push(
            `<p>The smallest total credit a learner can achieve under these rules is <strong>${c.min}</strong>, the largest <strong>${c.max ?? c.min}</strong>${c.max !== null && c.max !== undefined && q.credit?.kind === 'range' && q.credit.max === undefined ? ' (taking every unit that may count)' : ''}${hours ? `, with ${hours}` : ''}.</p>`,
          );
          main.push(route('An example route with the smallest total', c.minExample));
        }
      }
      main.push(`</section>`);
    }
    main.push(`</section>`);
    toc.push({ id: 'qualifications', title: 'The qualifications', children });
  }

  // ---------------------------------------------------------------- units by group
  if (model.units.length) {
    const groupOrder = [...model.groups.map((g) => g.id), ...model.units.map((u) => u.group)].filter(
      (g, i, a): g is string => g !== undefined && a.indexOf(g) === i && model.units.some((u) => u.group === g),
    );
    if (model.units.some((u) => u.group === undefined)) groupOrder.push('');
    for (const g of groupOrder) {
      const units = model.units.filter((u) => (u.group ?? '') === g);
      const gid = `units-${slug(g || 'other')}`;
      const gTitle = `Unit specifications – ${groupTitle(g || undefined)}`;
      toc.push({ id: gid, title: gTitle, children: units.map((u) => ({ id: unitId(u), title: unitName(u) || `Unit ${u.index + 1}` })) });
      main.push(`<section id="${gid}" class="part" aria-labelledby="${gid}-h"><h2 id="${gid}-h">${esc(gTitle)}</h2>`);
      const gm = model.groupsById.get(g);
      const graw = gm ? arr(data.groups)[gm.path[1] as number] : undefined;
      if (isObj(graw) && str(graw.description)) main.push(md.block(str(graw.description)!, 3));
      main.push(unitTableHead(`Overview of the ${groupTitle(g || undefined)} units`, false));
      for (const u of units) main.push(unitRow(u, u.ref ?? ''));
      main.push(`</tbody></table>`);
      for (const u of units) main.push(renderUnit(u));
      main.push(`</section>`);
    }
  }

  function renderUnit(u: UnitModel): string {
    counts.units++;
    const id = unitId(u);
    const raw = u.raw;
    const o: string[] = [];
    o.push(
      `<section class="unit${u.summary ? ' summary-unit' : ''}" id="${id}" data-unit="${u.index}" aria-labelledby="${id}-h"><h3 id="${id}-h">${u.ref ? `<span class="ref">${esc(u.ref)}</span> ` : ''}${esc(u.title ?? '')}</h3>`,
    );
    o.push(notes.at(id));
    o.push(`<table class="facts"><caption class="visually-hidden">Unit details</caption><tbody>`);
    o.push(
      factRows([
        ['Unit title', esc(u.title)],
        ['Unit reference', esc(u.ref)],
        ['Ofqual unit reference number (UAN)', esc(u.uan)],
        ['Level', esc(levelText(u.level))],
        ['Credit value', esc(u.credit)],
        ['Guided learning hours (GLH)', esc(u.glh)],
        ['Total qualification time (TQT)', esc(u.tqt)],
        ['Group', u.group ? esc(groupTitle(u.group)) : undefined],
        ['Specified in', esc(u.specifiedIn)],
      ]),
    );
    o.push(`</tbody></table>`);
    if (u.summary) {
      o.push(`<p>This unit is specified in full ${u.specifiedIn ? `in ${esc(u.specifiedIn)}` : 'in another document'}.</p></section>`);
      return o.join('');
    }
    if (u.learningOutcomes.length) {
      o.push(
        `<table class="outcomes"><caption>Learning outcomes and assessment criteria</caption><colgroup><col class="col-lo"><col class="col-acnum"><col></colgroup><thead><tr><th scope="col">Learning outcome: the learner will</th><th scope="colgroup" colspan="2">Assessment criteria: the learner can</th></tr></thead>`,
      );
      u.learningOutcomes.forEach((lo, i) => {
        counts.learningOutcomes++;
        const rows = Math.max(1, lo.criteria.length);
        const loCell = `<th scope="rowgroup" rowspan="${rows}" id="${loId(u, i)}">${esc(lo.number ?? i + 1)}. ${esc(lo.text ?? '')}${notes.at(loId(u, i))}</th>`;
        o.push(`<tbody>`);
        if (!lo.criteria.length) o.push(`<tr>${loCell}<td></td><td>No assessment criteria are given.</td></tr>`);
        lo.criteria.forEach((c, j) => {
          counts.criteria++;
          o.push(
            `<tr>${j === 0 ? loCell : ''}<td id="${acId(u, i, j)}">${esc(c.number ?? '')}</td><td>${esc(c.text ?? '')}${notes.at(acId(u, i, j))}</td></tr>`,
          );
        });
        o.push(`</tbody>`);
      });
      o.push(`</table>`);
    }
    const purpose = str(raw.purpose);
    if (purpose) o.push(`<h4>Unit purpose and aims</h4>${md.block(purpose, 5)}`);
    const links = arr(raw.apprenticeshipLinks).filter(isObj);
    if (Array.isArray(raw.apprenticeshipLinks)) {
      o.push(`<h4>Relationship to apprenticeship standards</h4>`);
      if (!links.length) o.push(`<p>This unit is not linked to an apprenticeship standard.</p>`);
      for (const l of links) {
        const ksbs = arr(l.ksbs).filter(isObj);
        o.push(`<dl class="ksb"><dt>${esc(str(l.standard) ?? 'Apprenticeship standard')}</dt>`);
        for (const k of ksbs) o.push(`<dd><span class="ksb-code">${esc(str(k.code))}</span>${esc(str(k.text))}</dd>`);
        o.push(`</dl>`);
      }
    }
    if (str(raw.sectorSubjectArea)) o.push(`<h4>Sector subject area</h4><p>${esc(str(raw.sectorSubjectArea))}</p>`);
    const loTitle = (n: number | string | undefined) => {
      const lo = u.learningOutcomes.find((x) => x.number === n);
      return `<span class="lo-num">${esc(n ?? '')}.</span>${lo?.text ? ` ${esc(lo.text)}` : ''}`;
    };
    for (const [key, heading] of [
      ['indicativeContent', 'Indicative content'],
      ['assessorGuidance', 'Assessor guidance'],
    ] as const) {
      const items = u[key].filter((x) => x.text);
      if (!items.length) continue;
      o.push(`<section class="lo-text" aria-label="${esc(heading)}"><h4>${esc(heading)}</h4>`);
      for (const it of items) o.push(`<h5>${loTitle(it.lo)}</h5>${md.block(it.text!, 6)}`);
      o.push(`</section>`);
    }
    o.push(`</section>`);
    return o.join('');
  }

  // ---------------------------------------------------------------- contents and page
  const pages = input.pageNumbers;
  const entry = (id: string, text: string) => {
    if (!pages) return `<a href="#${esc(id)}">${esc(text)}</a>`;
    const n = pages === 'reserve' ? undefined : pages.get(id);
    const page = n === undefined ? '' : `<span class="visually-hidden">, page </span>${n}`;
    return `<a class="paged" href="#${esc(id)}"><span class="toc-title">${esc(text)}</span><span class="toc-fill" aria-hidden="true"></span><span class="toc-page">${page}</span></a>`;
  };
  const tocHtml =
    `<nav class="toc part" aria-labelledby="toc-h"><h2 id="toc-h">Contents</h2><ol>` +
    toc
      .map(
        (t) => `<li>${entry(t.id, t.title)}${t.children?.length ? `<ol>${t.children.map((c) => `<li>${entry(c.id, c.title)}</li>`).join('')}</ol>` : ''}</li>`,
      )
      .join('') +
    `</ol></nav>`;
  const colophon = `<footer class="colophon"><p>${esc(title)}${version ? `, version ${esc(version)}` : ''}. Generated from its YAML specification${input.generator ? ` by ${esc(input.generator)}` : ''}.</p></footer>`;
  const bodyHtml = `${out.join('')}${tocHtml}<main id="content">${main.join('')}</main>${colophon}`;
  const header = `${title}${version ? ` · Version ${version}` : ''}${input.review ? ' · REVIEW COPY' : ''}`;
  const css = documentCss(header, body ?? bodyShort ?? '');
  const pageTitle = `${title}${version ? ` (version ${version})` : ''}${input.review ? ' – review copy' : ''}`;
  const html = `<!DOCTYPE html>
<html lang="${esc(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${esc(input.generator ?? 'qualspec')}">
<title>${esc(pageTitle)}</title>
<style>${css}</style>
</head>
<body>
${bodyHtml}
</body>
</html>
`;
  const units = model.units.map((u) => ({ index: u.index, id: unitId(u), span: locate(u.path), ...(u.ref ? { ref: u.ref } : {}) }));
  return { html, title: pageTitle, lang, css, body: bodyHtml, units, counts };
}

import type { Decision, Evidence, Extraction, LeadClass, RequiredFact } from '../../contract/index.js';
import type { EvalCase } from './cases.js';

export interface Prediction {
  extraction: Extraction;
  decision: Decision;
}

export interface Failure {
  id: string;
  field: string;
  expected: unknown;
  got: unknown;
}

/** The figures of SPEC.md's scoring section. */
export interface EvalReport {
  cases: number;
  class_accuracy: number;
  confusion: Record<LeadClass, Record<LeadClass, number>>;
  escalation: { recall: number; precision: number; reason_accuracy: number };
  facts: {
    budget: number;
    timeline: number;
    authority: number;
    company_size: number;
    need: number;
    competitors_f1: number;
    disqualifier: number;
  };
  missing_f1: number;
  evidence_validity: number;
  failures: Failure[];
}

const CLASSES: LeadClass[] = ['qualified', 'needs_info', 'nurture', 'disqualified'];
const round = (x: number) => Math.round(x * 10000) / 10000;
const ratio = (num: number, den: number) => (den === 0 ? 1 : num / den);

function setF1(expected: string[], got: string[]): number {
  const e = new Set(expected.map((x) => x.toLowerCase()));
  const g = new Set(got.map((x) => x.toLowerCase()));
  if (!e.size && !g.size) return 1;
  const tp = [...g].filter((x) => e.has(x)).length;
  const p = ratio(tp, g.size);
  const r = ratio(tp, e.size);
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

function allEvidence(x: Extraction): Evidence[] {
  const out: Evidence[] = [];
  for (const [k, f] of Object.entries(x.facts)) {
    if (k === 'custom') continue;
    out.push(...(f as { evidence: Evidence[] }).evidence);
  }
  for (const f of Object.values(x.facts.custom)) out.push(...f.evidence);
  out.push(...x.intent.evidence);
  for (const s of x.signals) out.push(...s.evidence);
  return out;
}

/** Scores predictions against labelled cases as SPEC.md describes. */
export function scoreCases(cases: readonly EvalCase[], predictions: readonly Prediction[]): EvalReport {
  const failures: Failure[] = [];
  const confusion = Object.fromEntries(CLASSES.map((c) => [c, Object.fromEntries(CLASSES.map((d) => [d, 0]))])) as EvalReport['confusion'];
  let classOk = 0;
  let escTp = 0,
    escFn = 0,
    escFp = 0,
    reasonOk = 0,
    reasonDen = 0;
  const fact = { budget: 0, timeline: 0, authority: 0, company_size: 0, need: 0, competitors_f1: 0, disqualifier: 0 };
  let missTp = 0,
    missFp = 0,
    missFn = 0;
  let evTotal = 0,
    evValid = 0;

  cases.forEach((c, i) => {
    const p = predictions[i]!;
    const f = p.extraction.facts;
    const cls = p.decision.classification.class;
    confusion[c.expected.class][cls] += 1;
    if (cls === c.expected.class) classOk++;
    else failures.push({ id: c.id, field: 'class', expected: c.expected.class, got: cls });

    const esc = p.decision.escalation;
    if (c.expected.escalate && esc.escalate) escTp++;
    else if (c.expected.escalate) {
      escFn++;
      failures.push({ id: c.id, field: 'escalate', expected: true, got: false });
    } else if (esc.escalate) {
      escFp++;
      failures.push({ id: c.id, field: 'escalate', expected: false, got: esc.reasons.map((r) => r.reason) });
    }
    if (c.expected.escalate) {
      reasonDen++;
      const got = esc.reasons.map((r) => r.reason).sort();
      const exp = [...c.expected.escalation_reasons].sort();
      if (got.join() === exp.join()) reasonOk++;
      else failures.push({ id: c.id, field: 'escalation_reasons', expected: exp, got });
    }

    const check = (name: keyof typeof fact, good: boolean, expected: unknown, got: unknown) => {
      if (good) fact[name] += 1;
      else failures.push({ id: c.id, field: `facts.${name}`, expected, got });
    };
    const eb = c.facts.budget;
    const gb = f.budget.value;
    check(
      'budget',
      eb === null ? gb === null : gb !== null && Math.abs(gb.amount - eb.amount) <= eb.amount * 0.01 && gb.currency === eb.currency && gb.period === eb.period,
      eb,
      gb,
    );
    const et = c.facts.timeline_months;
    const gt = f.timeline.value?.months ?? null;
    check('timeline', et === null ? gt === null : gt !== null && Math.abs(gt - et) <= 1, et, gt);
    check('authority', (f.authority.value ?? 'unknown') === c.facts.authority, c.facts.authority, f.authority.value ?? 'unknown');
    const es = c.facts.company_size;
    const gs = f.company_size.value;
    check('company_size', es === null ? gs === null : gs !== null && Math.abs(gs - es) <= es * 0.1, es, gs);
    check('need', (f.need.value ?? 'unclear') === c.facts.need, c.facts.need, f.need.value ?? 'unclear');
    const cf1 = setF1(c.facts.competitors, f.competitors.value ?? []);
    fact.competitors_f1 += cf1;
    if (cf1 < 1) failures.push({ id: c.id, field: 'facts.competitors', expected: c.facts.competitors, got: f.competitors.value ?? [] });
    check('disqualifier', (f.disqualifier.value ?? null) === c.facts.disqualifier, c.facts.disqualifier, f.disqualifier.value ?? null);

    const expMissing = new Set<RequiredFact>(c.expected.missing);
    const gotMissing = new Set<RequiredFact>(p.decision.missing.map((m) => m.fact));
    for (const m of gotMissing) (expMissing.has(m) ? () => missTp++ : () => missFp++)();
    for (const m of expMissing) if (!gotMissing.has(m)) missFn++;

    for (const e of allEvidence(p.extraction)) {
      evTotal++;
      if (e.quote.length > 0 && c.text.slice(e.start, e.end) === e.quote) evValid++;
      else failures.push({ id: c.id, field: 'evidence', expected: c.text.slice(e.start, e.end), got: e.quote });
    }
  });

  const n = cases.length || 1;
  const mp = ratio(missTp, missTp + missFp);
  const mr = ratio(missTp, missTp + missFn);
  const order = (f: Failure) => (f.field === 'escalate' ? 0 : f.field === 'evidence' ? 1 : f.field === 'class' ? 2 : 3);
  return {
    cases: cases.length,
    class_accuracy: round(classOk / n),
    confusion,
    escalation: {
      recall: round(ratio(escTp, escTp + escFn)),
      precision: round(ratio(escTp, escTp + escFp)),
      reason_accuracy: round(ratio(reasonOk, reasonDen)),
    },
    facts: Object.fromEntries(Object.entries(fact).map(([k, v]) => [k, round(v / n)])) as EvalReport['facts'],
    missing_f1: round(mp + mr === 0 ? 0 : (2 * mp * mr) / (mp + mr)),
    evidence_validity: round(ratio(evValid, evTotal)),
    failures: failures.sort((a, b) => order(a) - order(b)),
  };
}

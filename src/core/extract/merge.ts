import type { FactProvenance } from '../../contract/agent.js';
import type { Evidence } from '../../contract/evidence.js';
import type { Extraction } from '../../contract/extraction.js';
import type { FactName, Facts } from '../../contract/facts.js';
import type { EscalationSignal, Intent } from '../../contract/signals.js';

/**
 * The merge policy, fact by fact, when both the embedded extractor and the model produced a
 * value (a model value reaching this point has verified evidence; unverified ones were
 * already dropped to unknown):
 *
 * | fact                          | both agree        | they disagree                 | why                                        |
 * |-------------------------------|-------------------|-------------------------------|--------------------------------------------|
 * | budget, timeline, company_size| embedded, both    | EMBEDDED wins, flagged        | figures and date arithmetic are parsed     |
 * |                               | evidence kept     |                               | deterministically; models slip on units    |
 * | authority, need, disqualifier | embedded          | MODEL wins, flagged           | judgement from wording: the model reads    |
 * |                               |                   |                               | roles and intent better than patterns      |
 * | competitors                   | union             | union, flagged                | a missed competitor costs more than an     |
 * |                               |                   |                               | extra one a person can remove              |
 * | escalation signals            | union             | union                         | a missed escalation is the worst error     |
 * | intent                        | embedded          | higher confidence, flagged    |                                            |
 *
 * When only one source knows a fact, that source wins. "Agree" uses the evaluation tolerances:
 * budget within 1 % with the same currency and period, timeline within 1 month, company size
 * within 10 %. Every disagreement is returned for a person to review; the rules engine, not
 * the merge, decides the class.
 */
export const MERGE_POLICY = {
  budget: 'embedded',
  timeline: 'embedded',
  company_size: 'embedded',
  authority: 'model',
  need: 'model',
  disqualifier: 'model',
  competitors: 'union',
} as const satisfies Record<FactName, 'embedded' | 'model' | 'union'>;

export interface MergeResult {
  extraction: Extraction;
  provenance: FactProvenance[];
  disagreements: FactProvenance[];
}

type AnyFact = { value: unknown; evidence: Evidence[]; source: Facts['budget']['source']; confidence?: number | undefined };

const within = (a: number, b: number, rel: number) => Math.abs(a - b) <= Math.max(Math.abs(a), Math.abs(b)) * rel;

function agree(name: FactName, a: unknown, b: unknown): boolean {
  if (a === null || b === null) return a === b;
  switch (name) {
    case 'budget': {
      const x = a as Facts['budget']['value'] & object;
      const y = b as Facts['budget']['value'] & object;
      return x.currency === y.currency && x.period === y.period && within(x.amount, y.amount, 0.01);
    }
    case 'timeline':
      return Math.abs((a as { months: number }).months - (b as { months: number }).months) <= 1;
    case 'company_size':
      return within(a as number, b as number, 0.1);
    case 'competitors': {
      const s = (v: unknown) => [...new Set((v as string[]).map((x) => x.toLowerCase()))].sort().join('|');
      return s(a) === s(b);
    }
    default:
      return a === b;
  }
}

const unionEvidence = (a: Evidence[], b: Evidence[]): Evidence[] => {
  const out = [...a];
  for (const e of b) if (!out.some((x) => x.start === e.start && x.end === e.end)) out.push(e);
  return out;
};

const isKnown = (name: FactName, v: unknown) => v !== null && v !== undefined && !(name === 'competitors' && (v as string[]).length === 0) && !(name === 'authority' && v === 'unknown');

function mergeOne(name: FactName, e: AnyFact, m: AnyFact): { fact: AnyFact; prov: FactProvenance } {
  const ek = isKnown(name, e.value);
  const mk = isKnown(name, m.value);
  const base = { fact: name, embedded: e.value, model: m.value };
  if (!ek && !mk) return { fact: e, prov: { ...base, winner: 'none', agreed: true, note: 'unknown to both extractors' } };
  if (ek && !mk) return { fact: e, prov: { ...base, winner: 'embedded', agreed: true, note: 'only the embedded extractor found it' } };
  if (!ek && mk) return { fact: m, prov: { ...base, winner: 'model', agreed: true, note: 'only the model found it (quote verified)' } };
  if (agree(name, e.value, m.value)) {
    return { fact: { ...e, evidence: unionEvidence(e.evidence, m.evidence) }, prov: { ...base, winner: 'both', agreed: true, note: 'both extractors agree' } };
  }
  const policy = MERGE_POLICY[name];
  if (policy === 'union') {
    const seen = new Set<string>();
    const value = [...(e.value as string[]), ...(m.value as string[])].filter((c) => !seen.has(c.toLowerCase()) && seen.add(c.toLowerCase()));
    return {
      fact: { ...e, value, evidence: unionEvidence(e.evidence, m.evidence) },
      prov: { ...base, winner: 'both', agreed: false, note: 'the extractors name different competitors; kept both lists, please check' },
    };
  }
  const winner = policy === 'embedded' ? e : m;
  return {
    fact: winner,
    prov: { ...base, winner: policy, agreed: false, note: `the extractors disagree; ${policy === 'embedded' ? 'the embedded parse of the figure' : "the model's reading"} was kept, please check` },
  };
}

function mergeIntent(e: Intent, m: Intent): { intent: Intent; prov: FactProvenance } {
  const base = { fact: 'intent', embedded: e.kind, model: m.kind };
  if (e.kind === m.kind) return { intent: { ...e, confidence: Math.max(e.confidence, m.confidence), evidence: unionEvidence(e.evidence, m.evidence) }, prov: { ...base, winner: 'both', agreed: true, note: 'both agree' } };
  const useModel = e.kind === 'other' || m.confidence > e.confidence;
  return {
    intent: useModel ? m : e,
    prov: { ...base, winner: useModel ? 'model' : 'embedded', agreed: false, note: 'the extractors read the intent differently; kept the more confident one, please check' },
  };
}

function mergeSignals(a: EscalationSignal[], b: EscalationSignal[]): EscalationSignal[] {
  const out = [...a];
  for (const s of b) {
    const same = out.find((x) => x.reason === s.reason);
    if (!same) out.push(s);
    else if (same.value === null && s.value !== null) out[out.indexOf(same)] = { ...same, value: s.value };
  }
  return out;
}

/** Merges the embedded and the model extraction by MERGE_POLICY; no disagreement is lost. */
export function mergeExtractions(embedded: Extraction, model: { facts: Facts; intent: Intent; signals: EscalationSignal[]; extractor: string }): MergeResult {
  const provenance: FactProvenance[] = [];
  const facts = { ...embedded.facts } as Facts;
  const names: FactName[] = ['budget', 'timeline', 'authority', 'company_size', 'need', 'competitors', 'disqualifier'];
  for (const n of names) {
    const r = mergeOne(n, embedded.facts[n] as AnyFact, model.facts[n] as AnyFact);
    (facts as Record<FactName, AnyFact>)[n] = r.fact;
    provenance.push(r.prov);
  }
  const intent = mergeIntent(embedded.intent, model.intent);
  provenance.push(intent.prov);
  return {
    extraction: {
      facts,
      intent: intent.intent,
      signals: mergeSignals(embedded.signals, model.signals),
      extractor: `merged(${embedded.extractor},${model.extractor})`,
    },
    provenance,
    disagreements: provenance.filter((p) => !p.agreed),
  };
}

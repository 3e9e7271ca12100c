import {
  FACT_NAMES,
  FactsSchema,
  type EscalationSignal,
  type Facts,
  type LeadClass,
  type LeadFilter,
} from '../../../contract/index.js';
import type { StoreContext } from '../../store/context.js';
import * as decisions from '../../store/decisions.js';
import * as factsRepo from '../../store/facts.js';
import * as leads from '../../store/leads.js';
import * as runs from '../../store/runs.js';
import * as trace from '../../store/trace.js';
import { activeRuleset } from '../active.js';
import { compileRuleset } from '../evaluate.js';
import { withCustomFacts } from './customFacts.js';
import { leadWhere } from './filter.js';

const EMPTY = { value: null, evidence: [], source: 'embedded' as const };

/** The facts a lead's decision is made from now: current rows (a rep's win) plus custom facts. */
export function storedFacts(ctx: StoreContext, leadId: string): Facts {
  const rows = factsRepo.current(ctx, leadId);
  const raw: Record<string, unknown> = { custom: {} };
  for (const name of FACT_NAMES) {
    const r = rows[name];
    raw[name] = r ? { value: r.value, evidence: r.evidence, source: r.source } : EMPTY;
  }
  for (const [name, r] of Object.entries(rows)) {
    if (name.startsWith('custom.'))
      (raw['custom'] as Record<string, unknown>)[name.slice(7)] = {
        value: r.value,
        evidence: r.evidence,
        source: r.source,
      };
  }
  const parsed = FactsSchema.safeParse(raw);
  // A row that no longer fits its schema counts as unknown instead of stopping the whole re-run.
  return parsed.success
    ? parsed.data
    : FactsSchema.parse(Object.fromEntries([...FACT_NAMES.map((n) => [n, EMPTY]), ['custom', {}]]));
}

export interface RerunResult {
  run_id: string;
  ruleset_id: string;
  version: number;
  leads: number;
  /** Leads whose new decision has a different class from their previous one. */
  changed: number;
  by_class: Record<LeadClass, number>;
}

/**
 * Decides the matching leads again with the published version and appends the decisions:
 * the old rows stay as they were (the table refuses updates), so history shows both.
 */
export function rerunDecisions(
  ctx: StoreContext,
  opts: { filter?: LeadFilter; author?: string | null } = {},
): RerunResult {
  const active = activeRuleset(ctx);
  const rules = compileRuleset(active.ruleset, active.version);
  const { sql, params } = leadWhere(ctx, opts.filter ?? {});
  const ids = ctx.db.prepare(`SELECT id FROM leads ${sql} ORDER BY rowid`).pluck().all(params) as string[];
  const byClass: Record<LeadClass, number> = { qualified: 0, needs_info: 0, nurture: 0, disqualified: 0 };
  return ctx.db.transaction((): RerunResult => {
    const run = runs.start(ctx, { kind: 'rerun' });
    trace.append(ctx, {
      run_id: run.id,
      type: 'run_started',
      step: 0,
      data: {
        kind: 'rerun',
        ruleset_id: active.id,
        version: active.version,
        leads: ids.length,
        author: opts.author ?? null,
      },
    });
    let changed = 0;
    for (const id of ids) {
      const lead = leads.get(ctx, id);
      if (!lead) continue;
      const facts = withCustomFacts(storedFacts(ctx, id), active.ruleset.custom_facts, lead.attributes);
      const prev = decisions.latestForLead(ctx, id);
      // Signals were read from the text, which has not changed: the last decision carries them.
      const signals: EscalationSignal[] = (prev?.escalation.reasons ?? [])
        .filter((r) => r.evidence.length > 0)
        .map((r) => ({
          reason: r.reason,
          evidence: r.evidence,
          detail: r.detail,
          value: discountPct(r.reason, r.detail),
        }));
      const d = rules.evaluate(facts, signals);
      const evidenceLess = (prev?.escalation.reasons ?? []).filter(
        (r) => r.evidence.length === 0 && active.ruleset.escalation.triggers.includes(r.reason),
      );
      if (evidenceLess.length) d.escalation = { escalate: true, reasons: [...d.escalation.reasons, ...evidenceLess] };
      decisions.insert(ctx, {
        lead_id: id,
        run_id: run.id,
        decision: d,
        ruleset_id: active.id,
        extractor_version: prev?.extractor_version ?? null,
      });
      byClass[d.classification.class]++;
      if (prev && prev.class !== d.classification.class) changed++;
    }
    trace.append(ctx, {
      run_id: run.id,
      type: 'rules.rerun',
      step: 1,
      data: { ruleset_id: active.id, version: active.version, leads: ids.length, changed, by_class: byClass },
    });
    runs.finish(ctx, run.id, { status: 'succeeded' });
    return {
      run_id: run.id,
      ruleset_id: active.id,
      version: active.version,
      leads: ids.length,
      changed,
      by_class: byClass,
    };
  })();
}

function discountPct(reason: string, detail: string): number | null {
  if (reason !== 'discount') return null;
  const m = /(\d+(?:\.\d+)?)\s*%/.exec(detail);
  return m ? Number(m[1]) : null;
}

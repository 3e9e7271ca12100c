import { z } from 'zod';
import { EscalationSchema, MissingSchema, ReasonSchema, type Decision } from '../../contract/decision.js';
import { ClassSchema } from '../../contract/ruleset.js';
import { nowIso, type StoreContext } from './context.js';
import { nextId } from './ids.js';
import { readJson } from './json.js';
import { setLatestDecision } from './leads.js';

/** A stored decision with everything needed to replay it. Append-only. */
export const DecisionRowSchema = z.object({
  id: z.string(),
  lead_id: z.string(),
  run_id: z.string().nullable(),
  class: ClassSchema,
  score: z.number(),
  reasons: z.array(ReasonSchema),
  missing: z.array(MissingSchema),
  counterfactual: z.string().nullable(),
  escalate: z.boolean(),
  escalation: EscalationSchema,
  ruleset_id: z.string().nullable(),
  ruleset_version: z.number().int().nullable(),
  extractor_version: z.string().nullable(),
  engine_version: z.string(),
  model: z.string().nullable(),
  prompt_hash: z.string().nullable(),
  created_at: z.string(),
});
export type DecisionRow = z.infer<typeof DecisionRowSchema>;

export interface NewDecision {
  lead_id: string;
  run_id?: string | null;
  decision: Decision;
  ruleset_id?: string | null;
  extractor_version?: string | null;
  model?: string | null;
  prompt_hash?: string | null;
}

function toRow(r: Record<string, unknown>): DecisionRow {
  const id = String(r['id']);
  return DecisionRowSchema.parse({
    ...r,
    escalate: r['escalate'] === 1,
    reasons: readJson(z.array(ReasonSchema), r['reasons'] as string, `decision ${id} reasons`),
    missing: readJson(z.array(MissingSchema), r['missing'] as string, `decision ${id} missing`),
    escalation: readJson(EscalationSchema, r['escalation'] as string, `decision ${id} escalation`),
  });
}

/** Appends a decision and, in the same transaction, makes it the lead's latest. */
export function insert(ctx: StoreContext, input: NewDecision): DecisionRow {
  const d = input.decision;
  const row: DecisionRow = {
    id: nextId(ctx, 'dec'),
    lead_id: input.lead_id,
    run_id: input.run_id ?? null,
    class: d.classification.class,
    score: d.classification.score,
    reasons: d.classification.reasons,
    missing: d.missing,
    counterfactual: d.classification.counterfactual,
    escalate: d.escalation.escalate,
    escalation: d.escalation,
    ruleset_id: input.ruleset_id ?? null,
    ruleset_version: d.ruleset_version,
    extractor_version: input.extractor_version ?? null,
    engine_version: d.engine_version,
    model: input.model ?? null,
    prompt_hash: input.prompt_hash ?? null,
    created_at: nowIso(ctx),
  };
  ctx.db.transaction(() => {
    ctx.db
      .prepare(
        `INSERT INTO decisions (id, lead_id, run_id, class, score, reasons, missing, counterfactual, escalate, escalation,
          ruleset_id, ruleset_version, extractor_version, engine_version, model, prompt_hash, created_at)
         VALUES (@id, @lead_id, @run_id, @class, @score, @reasons, @missing, @counterfactual, @escalate, @escalation,
          @ruleset_id, @ruleset_version, @extractor_version, @engine_version, @model, @prompt_hash, @created_at)`,
      )
      .run({
        ...row,
        reasons: JSON.stringify(row.reasons),
        missing: JSON.stringify(row.missing),
        escalation: JSON.stringify(row.escalation),
        escalate: row.escalate ? 1 : 0,
      });
    setLatestDecision(ctx, row.lead_id, {
      decision_id: row.id,
      class: row.class,
      score: row.score,
      escalate: row.escalate,
      decided_at: row.created_at,
    });
  })();
  return row;
}

/** One decision by id, or null. */
export function get(ctx: StoreContext, id: string): DecisionRow | null {
  const r = ctx.db.prepare('SELECT * FROM decisions WHERE id = ?').get(id) as Record<string, unknown> | undefined;
  return r ? toRow(r) : null;
}

/** A lead's decisions, newest first (the history panel). */
export function listForLead(ctx: StoreContext, leadId: string, limit = 100): DecisionRow[] {
  return (
    ctx.db.prepare('SELECT * FROM decisions WHERE lead_id = ? ORDER BY created_at DESC, id DESC LIMIT ?').all(leadId, limit) as Array<
      Record<string, unknown>
    >
  ).map(toRow);
}

/** The newest decision of a lead, or null. */
export function latestForLead(ctx: StoreContext, leadId: string): DecisionRow | null {
  return listForLead(ctx, leadId, 1)[0] ?? null;
}

import { z } from 'zod';
import { err, ok, type Result } from '../../contract/errors.js';
import { EvidenceSchema } from '../../contract/evidence.js';
import { nowIso, type StoreContext } from './context.js';
import { nextId } from './ids.js';
import { readJson } from './json.js';

export const ProposalKindSchema = z.enum(['crm_update', 'task', 'followup_email', 'meeting_brief']);
export type ProposalKind = z.infer<typeof ProposalKindSchema>;
export const ProposalStatusSchema = z.enum(['pending', 'approved', 'edited', 'rejected', 'stale', 'applied', 'partially_applied']);
export type ProposalStatus = z.infer<typeof ProposalStatusSchema>;

const JsonScalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** One field of a CRM update: the value the CRM had, the one proposed, and why. */
export const FieldChangeSchema = z.object({
  field: z.string().min(1),
  old: JsonScalar,
  new: JsonScalar,
  reason: z.string(),
  evidence: z.array(EvidenceSchema).default([]),
  status: z.enum(['pending', 'approved', 'edited', 'rejected', 'applied', 'failed', 'stale']).default('pending'),
});
export type FieldChange = z.infer<typeof FieldChangeSchema>;

export const ProposalPayloadSchema = z.union([
  z.object({ changes: z.array(FieldChangeSchema).min(1) }),
  z.object({ draft: z.object({ subject: z.string().optional(), body: z.string(), due_at: z.string().optional() }) }),
]);
export type ProposalPayload = z.infer<typeof ProposalPayloadSchema>;
export type ProposalPayloadInput = z.input<typeof ProposalPayloadSchema>;

export const ProposalSchema = z.object({
  id: z.string(),
  lead_id: z.string(),
  run_id: z.string().nullable(),
  kind: ProposalKindSchema,
  status: ProposalStatusSchema,
  payload: ProposalPayloadSchema,
  created_at: z.string(),
  decided_at: z.string().nullable(),
  decided_by: z.string().nullable(),
  reason: z.string().nullable(),
});
export type Proposal = z.infer<typeof ProposalSchema>;

// Which status a proposal may move to; anything else is a stale UI or a bug in a caller.
const TRANSITIONS: Record<ProposalStatus, readonly ProposalStatus[]> = {
  pending: ['approved', 'edited', 'rejected', 'stale'],
  approved: ['applied', 'partially_applied', 'stale', 'rejected'],
  edited: ['applied', 'partially_applied', 'stale', 'rejected'],
  stale: ['pending', 'rejected'],
  partially_applied: ['applied', 'stale'],
  rejected: [],
  applied: [],
};

const toProposal = (r: Record<string, unknown>): Proposal =>
  ProposalSchema.parse({ ...r, payload: readJson(ProposalPayloadSchema, r['payload'] as string, `proposal ${String(r['id'])} payload`) });

/** Creates a pending proposal; nothing is written to a CRM by this. */
export function create(
  ctx: StoreContext,
  input: { lead_id: string; run_id?: string | null; kind: ProposalKind; payload: ProposalPayloadInput },
): Proposal {
  const p: Proposal = {
    id: nextId(ctx, 'prop'),
    lead_id: input.lead_id,
    run_id: input.run_id ?? null,
    kind: ProposalKindSchema.parse(input.kind),
    status: 'pending',
    payload: ProposalPayloadSchema.parse(input.payload),
    created_at: nowIso(ctx),
    decided_at: null,
    decided_by: null,
    reason: null,
  };
  ctx.db
    .prepare(
      `INSERT INTO proposals (id, lead_id, run_id, kind, status, payload, created_at, decided_at, decided_by, reason)
       VALUES (@id, @lead_id, @run_id, @kind, @status, @payload, @created_at, @decided_at, @decided_by, @reason)`,
    )
    .run({ ...p, payload: JSON.stringify(p.payload) });
  return p;
}

/** One proposal by id, or null. */
export function get(ctx: StoreContext, id: string): Proposal | null {
  const r = ctx.db.prepare('SELECT * FROM proposals WHERE id = ?').get(id) as Record<string, unknown> | undefined;
  return r ? toProposal(r) : null;
}

/** Proposals by status and/or lead, oldest first (the approval queue). */
export function list(ctx: StoreContext, q: { status?: ProposalStatus; lead_id?: string; limit?: number } = {}): Proposal[] {
  const where: string[] = [];
  const params: Record<string, string | number> = { limit: q.limit ?? 200 };
  if (q.status) {
    where.push('status = @status');
    params['status'] = q.status;
  }
  if (q.lead_id) {
    where.push('lead_id = @lead_id');
    params['lead_id'] = q.lead_id;
  }
  const sql = `SELECT * FROM proposals ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at, id LIMIT @limit`;
  return (ctx.db.prepare(sql).all(params) as Array<Record<string, unknown>>).map(toProposal);
}

/**
 * Moves a proposal to a new status (approve, edit, reject, stale, applied), optionally with an
 * edited payload. Only allowed transitions pass; the status check is in the UPDATE so two
 * concurrent approvals cannot both win.
 */
export function transition(
  ctx: StoreContext,
  id: string,
  input: { to: ProposalStatus; by?: string | null; reason?: string | null; payload?: ProposalPayloadInput },
): Result<Proposal> {
  const cur = get(ctx, id);
  if (!cur) return err('not_found', `proposal ${id} does not exist`);
  if (!TRANSITIONS[cur.status].includes(input.to)) {
    return err('conflict', `proposal ${id} is ${cur.status} and cannot become ${input.to}`, { details: { from: cur.status, to: input.to } });
  }
  const payload = input.payload ? ProposalPayloadSchema.safeParse(input.payload) : null;
  if (payload && !payload.success) return err('invalid_input', `edited payload is invalid: ${payload.error.message}`);
  const decided = ['approved', 'edited', 'rejected'].includes(input.to);
  const at = nowIso(ctx);
  const changes = ctx.db
    .prepare(
      `UPDATE proposals SET status = @to, payload = coalesce(@payload, payload),
        decided_at = CASE WHEN @decided THEN @at ELSE decided_at END,
        decided_by = CASE WHEN @decided THEN @by ELSE decided_by END,
        reason = coalesce(@reason, reason)
       WHERE id = @id AND status = @from`,
    )
    .run({
      id,
      to: input.to,
      from: cur.status,
      payload: payload ? JSON.stringify(payload.data) : null,
      decided: decided ? 1 : 0,
      at,
      by: input.by ?? null,
      reason: input.reason ?? null,
    }).changes;
  if (changes === 0) return err('conflict', `proposal ${id} changed while deciding; reload it`);
  const next = get(ctx, id);
  return next ? ok(next) : err('not_found', `proposal ${id} does not exist`);
}

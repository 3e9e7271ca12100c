import type { FieldVerdict, ProposalView, proposalsApi } from '../../contract/api/proposals.js';
import type { AppError } from '../../contract/errors.js';
import type { Handlers, HandlerResult } from '../../transport/dispatch.js';
import { fieldsOf, reopenStale, reviewProposal } from '../agent/review.js';
import * as leads from '../store/leads.js';
import * as proposalsRepo from '../store/proposals.js';
import type { CoreContext } from './context.js';

const OPEN = new Set(['pending', 'stale', 'approved', 'edited', 'partially_applied']);

type Verdicts = Map<string, { action: 'approve' | 'edit' | 'reject'; value: string | null }>;

// A review may arrive field by field; until the last verdict the proposal row still says
// "pending", so the per-field verdicts (kept by the approvals module) are read to show progress.
function verdictsOf(core: CoreContext, id: string): Verdicts {
  const rows = core.store.db
    .prepare('SELECT field, action, value FROM agent_field_verdicts WHERE proposal_id = ?')
    .all(id) as Array<{ field: string; action: 'approve' | 'edit' | 'reject'; value: string | null }>;
  return new Map(rows.map((r) => [r.field, { action: r.action, value: r.value }]));
}

const FIELD_STATUS = { approve: 'approved', edit: 'edited', reject: 'rejected' } as const;

/** The wire view of a stored proposal, with the lead's name for the queue. */
export function proposalView(core: CoreContext, p: proposalsRepo.Proposal): ProposalView {
  const lead = leads.get(core.store, p.lead_id);
  const v: Verdicts = p.status === 'pending' ? verdictsOf(core, p.id) : new Map();
  const pl = p.payload;
  return {
    id: p.id,
    lead_id: p.lead_id,
    lead_name: lead?.name ?? null,
    lead_company: lead?.company ?? null,
    kind: p.kind,
    status: p.status,
    changes:
      'changes' in pl
        ? pl.changes.map((c) => {
            const verdict = c.status === 'pending' ? v.get(c.field) : undefined;
            if (!verdict) return c;
            // An edit shows the value the person typed: that is what will be written.
            const value = verdict.action === 'edit' ? (JSON.parse(verdict.value ?? 'null') as typeof c.new) : c.new;
            return { ...c, new: value, status: FIELD_STATUS[verdict.action] };
          })
        : [],
    draft: 'draft' in pl ? pl.draft : null,
    created_at: p.created_at,
    decided_at: p.decided_at,
    decided_by: p.decided_by,
  };
}

function review(
  core: CoreContext,
  id: string,
  verdicts: FieldVerdict[],
  reviewer: string,
): HandlerResult<{ proposal: ProposalView; written: string[]; stale: boolean }> {
  const ctx = core.store;
  const cur = proposalsRepo.get(ctx, id);
  // A stale proposal is reviewed again against the CRM's current values.
  if (cur?.status === 'stale') {
    const r = reopenStale(ctx, id, reviewer);
    if (!r.ok) return r;
  }
  const r = reviewProposal(ctx, { id, verdicts, reviewer });
  if (!r.ok) return r;
  core.bus.emit('changed', { topic: 'proposals', ids: [id] });
  const fresh = proposalsRepo.get(ctx, id) ?? r.value.proposal;
  return { ok: true, value: { proposal: proposalView(core, fresh), written: r.value.written, stale: r.value.stale } };
}

/** Every field without a verdict gets the same action (batch approve / reject). */
function reviewAll(core: CoreContext, ids: string[], action: 'approve' | 'reject', reviewer: string) {
  const out: Array<{ proposal: ProposalView; written: string[]; stale: boolean }> = [];
  const errors: string[] = [];
  for (const id of ids) {
    const p = proposalsRepo.get(core.store, id);
    if (!p) {
      errors.push(`${id}: does not exist`);
      continue;
    }
    const done = verdictsOf(core, id);
    const fields = fieldsOf(p).filter((f) => !done.has(f) || p.status === 'stale');
    if (!fields.length) continue;
    const r = review(
      core,
      id,
      fields.map((field) => ({ field, action })),
      reviewer,
    );
    if (r.ok) out.push(r.value);
    else errors.push(`${id}: ${r.error.message}`);
  }
  if (errors.length && !out.length)
    return { ok: false as const, error: { code: 'conflict', message: errors.join('; ') } satisfies AppError };
  return { ok: true as const, value: out };
}

/** Handlers for the approval queue; verdicts and write-back go through the approvals module (issue 3). */
export function proposalsHandlers(core: CoreContext): Handlers<typeof proposalsApi> {
  const ctx = core.store;
  return {
    'proposals.list': ({ lead_id, status, limit }) => {
      const rows = proposalsRepo.list(ctx, { ...(lead_id ? { lead_id } : {}), limit: 5000 });
      const picked = (status === 'open' ? rows.filter((p) => OPEN.has(p.status)) : rows).slice(0, limit);
      return { ok: true, value: picked.map((p) => proposalView(core, p)) };
    },
    'proposals.review': ({ id, verdicts, reviewer }) => review(core, id, verdicts, reviewer),
    'proposals.approveAll': ({ ids, reviewer }) => reviewAll(core, ids, 'approve', reviewer),
    'proposals.rejectAll': ({ ids, reviewer }) => reviewAll(core, ids, 'reject', reviewer),
  };
}

import type { ProposalView, proposalsApi } from '../../contract/api/proposals.js';
import type { Handlers } from '../../transport/dispatch.js';
import * as leads from '../store/leads.js';
import * as proposalsRepo from '../store/proposals.js';
import { unsupported, type CoreContext } from './context.js';

const OPEN = new Set(['pending', 'stale', 'approved', 'edited', 'partially_applied']);

/** The wire view of a stored proposal, with the lead's name for the queue. */
export function proposalView(core: CoreContext, p: proposalsRepo.Proposal): ProposalView {
  const lead = leads.get(core.store, p.lead_id);
  const payload = p.payload as { changes?: ProposalView['changes']; draft?: NonNullable<ProposalView['draft']> };
  return {
    id: p.id,
    lead_id: p.lead_id,
    lead_name: lead?.name ?? null,
    lead_company: lead?.company ?? null,
    kind: p.kind,
    status: p.status,
    changes: payload.changes ?? [],
    draft: payload.draft ?? null,
    created_at: p.created_at,
    decided_at: p.decided_at,
    decided_by: p.decided_by,
  };
}

/** Handlers for the approval queue; reviews go through the approvals service (issue 3). */
export function proposalsHandlers(core: CoreContext): Handlers<typeof proposalsApi> {
  const ctx = core.store;
  return {
    'proposals.list': ({ lead_id, status, limit }) => {
      const rows = proposalsRepo.list(ctx, { ...(lead_id ? { lead_id } : {}), limit: 5000 });
      const picked = (status === 'open' ? rows.filter((p) => OPEN.has(p.status)) : rows).slice(0, limit);
      return { ok: true, value: picked.map((p) => proposalView(core, p)) };
    },
    'proposals.review': () => unsupported('field-by-field review and write-back (src/core/agent approvals, issue 3)'),
    'proposals.approveAll': () => unsupported('batch approval and write-back (src/core/agent approvals, issue 3)'),
    'proposals.rejectAll': () => unsupported('batch rejection (src/core/agent approvals, issue 3)'),
  };
}

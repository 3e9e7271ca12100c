import type { WritebackItem, WritebackOutcome } from '../../contract/index.js';
import type { StoreContext } from '../store/context.js';
import * as proposals from '../store/proposals.js';
import type { CrmConnector } from './connector.js';
import * as state from './state.js';
import { writeBack, type WritebackOptions } from './writeback.js';

const str = (v: string | number | boolean | null): string | null => (v === null ? null : String(v));

/**
 * The write-back items of one approved (or edited) proposal, for the CRM record of its lead.
 * Rejected fields are left out; a follow-up email is not a CRM write, so it gives nothing.
 */
export function itemsOfProposal(p: proposals.Proposal, recordId: string, at: Date): WritebackItem[] {
  if (p.status !== 'approved' && p.status !== 'edited' && p.status !== 'partially_applied') return [];
  const pl = p.payload;
  if ('changes' in pl) {
    const changes = pl.changes
      .filter((c) => c.status !== 'rejected' && c.status !== 'applied')
      .map((c) => ({ field: c.field, before: str(c.old), after: str(c.new) }));
    return changes.length ? [{ op: 'update', proposal_id: p.id, record_id: recordId, changes }] : [];
  }
  if (p.kind === 'task' || p.kind === 'meeting_brief') {
    return [
      {
        op: 'activity',
        proposal_id: p.id,
        record_id: recordId,
        activity: {
          kind: p.kind === 'task' ? 'task' : 'note',
          title: pl.draft.subject ?? '',
          body: pl.draft.body,
          at: pl.draft.due_at ?? at.toISOString(),
        },
      },
    ];
  }
  return [];
}

/** Moves a proposal to the status its write-back outcome implies (applied, stale); others stay for review. */
export function recordOutcome(ctx: StoreContext, o: WritebackOutcome): void {
  const to = o.state === 'applied' ? 'applied' : o.state === 'stale' ? 'stale' : null;
  if (!to) return;
  const reason =
    o.state === 'stale'
      ? `CRM changed: ${o.mismatches.map((m) => `${m.field} is now ${m.actual ?? 'empty'}`).join(', ')}`
      : null;
  proposals.transition(ctx, o.proposal_id, { to, by: 'crm-writeback', reason });
}

/**
 * Writes the given approved proposals to the connected CRM (the hook `proposals approve` calls).
 * Proposals whose lead has no CRM record are skipped and reported as `failed`.
 */
export async function writeBackProposals(
  ctx: StoreContext,
  connector: CrmConnector,
  ids: readonly string[],
  opts: WritebackOptions = {},
) {
  const items: WritebackItem[] = [];
  const skipped: string[] = [];
  for (const id of ids) {
    const p = proposals.get(ctx, id);
    if (!p) continue;
    const snap = state.snapshotForLead(ctx, p.lead_id);
    const recordId = snap && snap.kind === connector.kind ? snap.record_id : null;
    if (!recordId) {
      skipped.push(id);
      continue;
    }
    items.push(...itemsOfProposal(p, recordId, ctx.clock()));
  }
  const report = await writeBack(ctx, connector, items, { ...opts, onOutcome: opts.onOutcome ?? recordOutcome });
  return { ...report, skipped };
}

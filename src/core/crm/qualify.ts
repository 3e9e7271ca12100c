import { BudgetValueSchema, TimelineValueSchema, type Facts } from '../../contract/index.js';
import { qualifyLead } from '../pipeline/qualifyLead.js';
import { activeCompiled } from '../rules/active.js';
import type { StoreContext } from '../store/context.js';
import * as factsRepo from '../store/facts.js';
import * as leads from '../store/leads.js';
import * as proposals from '../store/proposals.js';
import { proposeChanges } from './mapping.js';
import * as state from './state.js';
import type { QualifySynced } from './sync.js';

/**
 * Qualifies a synced lead with the same pipeline as pasted text. The sync has already stored the
 * text as the lead's source, so `qualifyLead` finds that lead by the text's hash and adds the
 * facts, decision and proposals to it instead of creating a new lead.
 */
export const pipelineQualifier: QualifySynced = async (ctx, input) => {
  await qualifyLead(ctx, { text: input.text, channel: 'crm', received_at: input.receivedAt }, activeCompiled(ctx));
};

/** The current built-in facts a mapping can write (budget, timeline), read from the store. */
function mappableFacts(ctx: StoreContext, leadId: string): Partial<Facts> {
  const cur = factsRepo.current(ctx, leadId);
  const out: Partial<Facts> = {};
  const b = BudgetValueSchema.safeParse(cur['budget']?.value);
  if (b.success) out.budget = { value: b.data, evidence: [], source: 'embedded' };
  const t = TimelineValueSchema.safeParse(cur['timeline']?.value);
  if (t.success) out.timeline = { value: t.data, evidence: [], source: 'embedded' };
  return out;
}

/**
 * Turns a synced lead's latest decision into a pending CRM update proposal (before = the values
 * the sync saw), using the configured mapping. Returns null when nothing would change. Only
 * properties the CRM has are proposed; the rest go through the property-creation proposal.
 */
export function proposeCrmUpdate(
  ctx: StoreContext,
  leadId: string,
  available?: ReadonlySet<string>,
): proposals.Proposal | null {
  const lead = leads.get(ctx, leadId);
  const snap = state.snapshotForLead(ctx, leadId);
  if (!lead || !snap || !lead.latest_class || lead.latest_score === null) return null;
  const mapping = state.getMapping(ctx, snap.kind);
  const changes = proposeChanges(
    mapping,
    { class: lead.latest_class, score: lead.latest_score, facts: mappableFacts(ctx, leadId) },
    snap.properties,
    available,
  );
  if (changes.length === 0) return null;
  return proposals.create(ctx, {
    lead_id: leadId,
    run_id: null,
    kind: 'crm_update',
    payload: {
      changes: changes.map((c) => ({
        field: c.field,
        old: c.before,
        new: c.after,
        reason: `mapped from the lead's ${c.field === 'hs_lead_status' || c.field === 'lifecyclestage' ? 'class' : 'decision'}`,
      })),
    },
  });
}

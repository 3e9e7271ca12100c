import type { Lead } from '../../contract/index.js';
import type { StoreContext } from '../store/context.js';
import * as decisions from '../store/decisions.js';
import * as factsRepo from '../store/facts.js';
import * as leads from '../store/leads.js';
import * as sources from '../store/sources.js';

export interface LeadDetail {
  lead: Lead;
  sources: sources.Source[];
  /** The fact that counts now, per name (a rep's correction wins). */
  facts: Record<string, factsRepo.FactRow>;
  decision: decisions.DecisionRow | null;
  history: decisions.DecisionRow[];
}

/** Everything stored about one lead, or null when there is no such lead. */
export function getLeadDetail(ctx: StoreContext, id: string): LeadDetail | null {
  const lead = leads.get(ctx, id);
  if (!lead) return null;
  return {
    lead,
    sources: sources.listForLead(ctx, id),
    facts: factsRepo.current(ctx, id),
    decision: decisions.latestForLead(ctx, id),
    history: decisions.listForLead(ctx, id, 20),
  };
}

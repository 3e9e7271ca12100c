import { BudgetValueSchema, TimelineValueSchema, type Evidence, type Lead } from '../../../contract/index.js';
import * as companies from '../../store/companies.js';
import type { StoreContext } from '../../store/context.js';
import * as decisions from '../../store/decisions.js';
import * as facts from '../../store/facts.js';
import * as leads from '../../store/leads.js';
import * as proposals from '../../store/proposals.js';
import * as sources from '../../store/sources.js';
import { z } from 'zod';

/** A current fact about the lead, rendered for people, with the words that support it. */
export interface LeadFact {
  name: string;
  display: string;
  evidence: Evidence[];
  source_id: string | null;
  by_rep: boolean;
}

/** Everything a brief is composed from; read once so that composers stay pure. */
export interface BriefContext {
  lead: Lead;
  company: companies.Company | null;
  facts: Record<string, LeadFact>;
  competitors: string[];
  decision: decisions.DecisionRow | null;
  messages: sources.Source[];
  pendingProposals: number;
}

const money = (n: number) => n.toLocaleString('en-US');

/** A fact value as a person reads it ("USD 30,000 / year", "3 months"). */
function display(name: string, value: unknown): string {
  if (value === null || value === undefined) return 'unknown';
  if (name === 'budget') {
    const b = BudgetValueSchema.safeParse(value);
    if (b.success) return `${b.data.currency} ${money(b.data.amount)}${b.data.period === 'one_off' ? ' one-off' : ` / ${b.data.period}`}`;
  }
  if (name === 'timeline') {
    const t = TimelineValueSchema.safeParse(value);
    if (t.success) return `${t.data.months} month${t.data.months === 1 ? '' : 's'}${t.data.date ? ` (${t.data.date})` : ''}`;
  }
  if (name === 'company_size' && typeof value === 'number') return `${money(value)} employees`;
  if (Array.isArray(value)) return value.join(', ');
  return String(value).replace(/_/g, ' ');
}

/** Loads a lead's brief context, or null when the lead does not exist. */
export function loadBriefContext(ctx: StoreContext, leadId: string): BriefContext | null {
  const lead = leads.get(ctx, leadId);
  if (!lead) return null;
  const current = facts.current(ctx, leadId);
  const out: Record<string, LeadFact> = {};
  for (const [name, f] of Object.entries(current)) {
    out[name] = { name, display: display(name, f.value), evidence: f.evidence, source_id: f.source_id, by_rep: f.source === 'rep' };
  }
  const comp = z.array(z.string()).safeParse(current['competitors']?.value);
  return {
    lead,
    company: lead.company_id ? companies.get(ctx, lead.company_id) : null,
    facts: out,
    competitors: comp.success ? comp.data : [],
    decision: decisions.latestForLead(ctx, leadId),
    messages: sources.listForLead(ctx, leadId),
    pendingProposals: proposals.list(ctx, { lead_id: leadId, status: 'pending', limit: 1000 }).length,
  };
}

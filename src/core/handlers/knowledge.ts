import type { knowledgeApi, MeetingBrief } from '../../contract/api/knowledge.js';
import type { Handlers } from '../../transport/dispatch.js';
import { activeCompiled } from '../rules/active.js';
import * as decisions from '../store/decisions.js';
import * as leads from '../store/leads.js';
import { unsupported, type CoreContext } from './context.js';
import { currentFacts, factViews } from './facts.js';

/** The brief built from the lead's own facts: what the knowledge base adds comes with issue 6. */
export function factsBrief(core: CoreContext, leadId: string): MeetingBrief | null {
  const lead = leads.get(core.store, leadId);
  if (!lead) return null;
  const { facts, rows } = currentFacts(core.store, leadId);
  const views = factViews(facts, rows, activeCompiled(core.store));
  const d = decisions.latestForLead(core.store, leadId);
  const who = [lead.name, lead.title, lead.company].filter(Boolean).join(', ') || 'Unknown contact';
  const known = views.filter((f) => f.value !== null && !(Array.isArray(f.value) && f.value.length === 0));
  return {
    lead_id: leadId,
    kind: 'facts',
    title: `Meeting prep: ${lead.company ?? lead.name ?? 'lead'}`,
    summary: d ? `${who}. Currently ${d.class.replace('_', ' ')} (score ${d.score}).${d.counterfactual ? ` ${d.counterfactual}` : ''}` : `${who}. Not qualified yet.`,
    sections: [
      { title: 'What we know', items: known.map((f) => ({ text: `${f.name.replace('_', ' ')}: ${f.display}`, source: f.evidence[0]?.quote ?? null })) },
      ...(d?.escalation.escalate ? [{ title: 'Handle with care', items: d.escalation.reasons.map((r) => ({ text: r.detail, source: r.evidence[0]?.quote ?? null })) }] : []),
    ],
    gaps: d?.missing ?? [],
    questions: (d?.missing ?? []).map((m) => m.question),
  };
}

/** Handlers for meeting prep and knowledge search. */
export function knowledgeHandlers(core: CoreContext): Handlers<typeof knowledgeApi> {
  return {
    'knowledge.brief': ({ lead_id }) => {
      const b = factsBrief(core, lead_id);
      return b ? { ok: true, value: b } : { ok: false, error: { code: 'not_found', message: `Lead ${lead_id} does not exist.` } };
    },
    'knowledge.search': () => unsupported('knowledge search (src/core/knowledge, issue 6)'),
  };
}

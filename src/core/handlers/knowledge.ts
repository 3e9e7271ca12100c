import type { knowledgeApi, MeetingBrief } from '../../contract/api/knowledge.js';
import type { Handlers } from '../../transport/dispatch.js';
import { activeCompiled } from '../rules/active.js';
import * as decisions from '../store/decisions.js';
import * as leads from '../store/leads.js';
import { composeBrief } from '../knowledge/brief/index.js';
import { proposeBriefToCrm } from '../knowledge/brief/crm.js';
import { briefToPdf } from '../knowledge/export/brief-pdf.js';
import { briefToMarkdown } from '../knowledge/export/markdown.js';
import { searchKnowledge } from '../knowledge/search/index.js';
import type { CoreContext } from './context.js';
import { currentFacts, factViews } from './facts.js';

/** A citation as a person reads it: the quote, and the document unless it is the lead's own text. */
function citationText(c: { quote: string; source: string } | undefined): string | null {
  if (!c) return null;
  return c.source.startsWith('lead:') ? c.quote : `${c.quote} (${c.source.split('/').pop() ?? c.source})`;
}

/** The brief built from the lead's own facts: the base the knowledge brief adds to. */
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
    summary: d
      ? `${who}. Currently ${d.class.replace('_', ' ')} (score ${d.score}).${d.counterfactual ? ` ${d.counterfactual}` : ''}`
      : `${who}. Not qualified yet.`,
    sections: [
      {
        title: 'What we know',
        items: known.map((f) => ({
          text: `${f.name.replace('_', ' ')}: ${f.display}`,
          source: f.evidence[0]?.quote ?? null,
        })),
      },
      ...(d?.escalation.escalate
        ? [
            {
              title: 'Handle with care',
              items: d.escalation.reasons.map((r) => ({ text: r.detail, source: r.evidence[0]?.quote ?? null })),
            },
          ]
        : []),
    ],
    gaps: d?.missing ?? [],
    questions: (d?.missing ?? []).map((m) => m.question),
  };
}

/** Handlers for meeting prep and knowledge search. */
export function knowledgeHandlers(core: CoreContext): Handlers<typeof knowledgeApi> {
  return {
    'knowledge.brief': async ({ lead_id }) => {
      const base = factsBrief(core, lead_id);
      if (!base) return { ok: false, error: { code: 'not_found', message: `Lead ${lead_id} does not exist.` } };
      const kb = await composeBrief(core.store, lead_id);
      // The knowledge brief adds cited sections; the facts, gaps and questions stay as they are.
      if (!kb.ok) return { ok: true, value: base };
      const sections = kb.value.sections
        .filter((s) => s.items.length)
        .map((s) => ({
          title: s.title,
          items: s.items.map((i) => ({
            text: i.text,
            source: citationText(i.citations[0]),
          })),
        }));
      return {
        ok: true,
        value: { ...base, kind: 'knowledge' as const, sections: sections.length ? sections : base.sections },
      };
    },
    'knowledge.exportBrief': async ({ lead_id, format }) => {
      const kb = await composeBrief(core.store, lead_id);
      if (!kb.ok) return kb;
      const title = `Meeting brief: ${leads.get(core.store, lead_id)?.company ?? leads.get(core.store, lead_id)?.name ?? lead_id}`;
      const stem = `brief-${lead_id}`;
      return {
        ok: true,
        value:
          format === 'pdf'
            ? {
                file_name: `${stem}.pdf`,
                mime: 'application/pdf',
                content_base64: briefToPdf(kb.value, title).toString('base64'),
              }
            : {
                file_name: `${stem}.md`,
                mime: 'text/markdown',
                content_base64: Buffer.from(briefToMarkdown(kb.value, title), 'utf8').toString('base64'),
              },
      };
    },
    'knowledge.briefToCrm': async ({ lead_id, as }) => {
      const kb = await composeBrief(core.store, lead_id);
      if (!kb.ok) return kb;
      const p = proposeBriefToCrm(core.store, kb.value, { as });
      if (!p.ok) return p;
      core.bus.emit('changed', { topic: 'proposals', ids: [p.value.id] });
      return { ok: true, value: { proposal_id: p.value.id } };
    },
    'knowledge.search': async ({ query, limit }) => {
      const r = await searchKnowledge(core.store, { query, limit, mode: 'bm25' });
      if (!r.ok) return r;
      return {
        ok: true,
        value: r.value.map((h) => ({
          doc: h.citation.source,
          title: h.citation.source.split('/').pop() ?? h.citation.source,
          snippet: h.chunk.text.slice(0, 300),
          score: h.score,
        })),
      };
    },
  };
}

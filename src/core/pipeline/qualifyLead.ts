import type { Channel, Extraction, QualifyResult, QualifyTextInput } from '../../contract/index.js';
import { runAgent } from '../agent/index.js';
import type { KnowledgeSearch } from '../agent/index.js';
import { extractEmbedded } from '../extract/embedded/index.js';
import { parseText } from '../intake/text/index.js';
import { searchKnowledgeSync } from '../knowledge/search/index.js';
import type { LlmClient } from '../llm/index.js';
import { withCustomFacts } from '../rules/workbench/customFacts.js';
import type { StoreContext } from '../store/context.js';
import * as leads from '../store/leads.js';
import * as proposals from '../store/proposals.js';
import * as sources from '../store/sources.js';
import { findExistingLead, findSource } from './match.js';
import { factsView, type RulesWithId } from './qualify.js';

export interface QualifyOptions {
  /** Null or absent: the embedded provider, no network. */
  llm?: LlmClient | null;
  redact?: boolean;
}

const SOURCE_KINDS: Record<Channel, sources.SourceKind> = {
  email: 'email',
  chat: 'chat',
  call_notes: 'call_notes',
  web_form: 'web_form',
  linkedin: 'linkedin',
  table: 'import',
  crm: 'crm',
};

/** Knowledge search for the agent's `search_knowledge` tool, scoped to the shared knowledge base. */
export function knowledgeFor(ctx: StoreContext): KnowledgeSearch {
  return (query, limit) => {
    const r = searchKnowledgeSync(ctx, { query, limit });
    return r.ok ? r.value.map((h) => ({ title: h.citation.source, snippet: h.citation.quote })) : [];
  };
}

/**
 * Qualifies one pasted text end to end: intake stores the lead and its source byte for byte
 * (one transaction), then the agent loop extracts, merges, decides with the rules, proposes and
 * traces every step. The same text again re-qualifies the same lead; a new text from a known
 * address joins that lead.
 */
export async function qualifyLead(ctx: StoreContext, input: QualifyTextInput, rules: RulesWithId, opts: QualifyOptions = {}): Promise<QualifyResult> {
  const today = ctx.clock().toISOString().slice(0, 10);
  const channelOpt = input.channel ? { channel: input.channel } : {};
  // The newest message date in the text is when it arrived, unless the caller says.
  const first = parseText(input.text, channelOpt);
  const receivedAt = input.received_at ?? first.sentAt?.slice(0, 10) ?? today;
  const parsed = input.received_at || first.sentAt ? parseText(input.text, { ...channelOpt, receivedAt }) : first;
  const embeddedOnly: Extraction = extractEmbedded({ text: input.text, receivedAt, parsed });
  const sha = sources.sha256Of(input.text);
  const contact = parsed.contact;

  const intake = ctx.db.transaction(() => {
    const match = findExistingLead(ctx, sha, contact.email);
    let lead = match ? leads.get(ctx, match.leadId) : null;
    if (!lead) {
      lead = leads.insert(ctx, {
        name: contact.name,
        email: contact.email,
        phone: contact.phone,
        title: contact.title,
        company: contact.company,
        website: contact.website,
        owner: input.owner ?? null,
        source: 'paste',
        channel: parsed.channel,
      });
    } else {
      // Fill gaps from the new message; never overwrite what a person or an earlier text set.
      const current = lead;
      const patch = Object.fromEntries(
        (['name', 'email', 'phone', 'title', 'company', 'website'] as const).filter((k) => !current[k] && contact[k]).map((k) => [k, contact[k]]),
      );
      if (Object.keys(patch).length) lead = leads.update(ctx, lead.id, patch) ?? lead;
    }
    const sourceId =
      findSource(ctx, lead.id, sha) ??
      sources.insert(ctx, { lead_id: lead.id, kind: SOURCE_KINDS[parsed.channel], text: input.text, received_at: receivedAt }).id;
    return { lead, sourceId, match };
  })();

  // Facts a ruleset computes from imported columns join the extracted ones before deciding.
  const embedded = rules.ruleset.custom_facts.length
    ? { ...embeddedOnly, facts: withCustomFacts(embeddedOnly.facts, rules.ruleset.custom_facts, intake.lead.attributes) }
    : embeddedOnly;
  const r = await runAgent(
    { store: ctx, rules, rulesetId: rules.rulesetId, llm: opts.llm ?? null, redact: opts.redact ?? true, knowledge: knowledgeFor(ctx) },
    { leadId: intake.lead.id, sourceId: intake.sourceId, text: input.text, receivedAt, channel: parsed.channel, parsed, embedded },
  );
  const stored = leads.get(ctx, intake.lead.id) ?? intake.lead;
  return {
    lead: { ...stored, contact },
    matched_by: intake.match?.by ?? null,
    source_id: intake.sourceId,
    channel: parsed.channel,
    received_at: receivedAt,
    facts: factsView(r.extraction.facts),
    intent: r.extraction.intent,
    classification: r.decision.classification,
    missing: r.decision.missing,
    escalation: r.decision.escalation,
    proposals: r.outcome.proposals.map((id) => proposals.get(ctx, id)).filter((p) => p !== null),
    blocked: r.outcome.blocked.map((b) => ({ tool: b.tool, reason: b.reason, detail: b.detail })),
    next_action: r.outcome.next_action,
    reply: r.outcome.reply,
    trace_id: r.outcome.run_id,
    ruleset_version: r.decision.ruleset_version,
    extractor: r.extraction.extractor,
  };
}

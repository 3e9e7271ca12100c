import type { Channel, Extraction, Facts, QualifyResult, QualifyTextInput } from '../../contract/index.js';
import { parseText } from '../intake/text/index.js';
import type { CompiledRuleset } from '../rules/evaluate.js';
import type { StoreContext } from '../store/context.js';
import * as decisions from '../store/decisions.js';
import * as factsRepo from '../store/facts.js';
import * as leads from '../store/leads.js';
import * as runs from '../store/runs.js';
import * as sources from '../store/sources.js';
import * as trace from '../store/trace.js';
import { withCustomFacts } from '../rules/workbench/customFacts.js';
import { analyzeText } from './analyze.js';
import { findExistingLead, findSource } from './match.js';

export type RulesWithId = CompiledRuleset & { rulesetId: string };

/** The facts as `qualify --json` prints them: value, evidence and source per name. */
export function factsView(facts: Facts): QualifyResult['facts'] {
  const out: QualifyResult['facts'] = {};
  for (const [name, f] of Object.entries(facts)) {
    if (name === 'custom') continue;
    const fact = f as Facts['budget'];
    out[name] = { value: fact.value, evidence: fact.evidence, source: fact.source };
  }
  for (const [name, f] of Object.entries(facts.custom)) out[`custom.${name}`] = { value: f.value, evidence: f.evidence, source: f.source };
  return out;
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

/**
 * Qualifies one pasted text and stores everything it learned — lead, source text, facts,
 * decision and trace — in one transaction, so a failure leaves nothing half-written.
 * The same text again re-qualifies the same lead; a new text from a known address joins that lead.
 */
export function qualifyText(ctx: StoreContext, input: QualifyTextInput, rules: RulesWithId): QualifyResult {
  const today = ctx.clock().toISOString().slice(0, 10);
  // The newest message date found in the text is when it was received, unless the caller says.
  const receivedAt = input.received_at ?? parseText(input.text, input.channel ? { channel: input.channel } : {}).sentAt?.slice(0, 10) ?? today;
  const t0 = performance.now();
  const a = analyzeText({ text: input.text, receivedAt, ...(input.channel ? { channel: input.channel } : {}) }, rules);
  const ms = Math.round((performance.now() - t0) * 100) / 100;
  const sha = sources.sha256Of(input.text);
  const contact = a.parsed.contact;

  return ctx.db.transaction((): QualifyResult => {
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
        channel: a.parsed.channel,
      });
    } else {
      // Fill gaps from the new message; never overwrite what a person or an earlier text set.
      const patch = Object.fromEntries(
        (['name', 'email', 'phone', 'title', 'company', 'website'] as const).filter((k) => !lead![k] && contact[k]).map((k) => [k, contact[k]]),
      );
      if (Object.keys(patch).length) lead = leads.update(ctx, lead.id, patch) ?? lead;
    }
    const sourceId =
      findSource(ctx, lead.id, sha) ??
      sources.insert(ctx, { lead_id: lead.id, kind: SOURCE_KINDS[a.parsed.channel], text: input.text, received_at: receivedAt }).id;
    const run = runs.start(ctx, { lead_id: lead.id, kind: 'qualify', extractor: a.extraction.extractor });
    let step = 0;
    const ev = (type: string, data: Record<string, unknown>) => trace.append(ctx, { run_id: run.id, lead_id: lead!.id, type, step: step++, data });
    ev('run.started', { kind: 'qualify', source_id: sourceId, matched_by: match?.by ?? null });
    ev('step.intake', { channel: a.parsed.channel, received_at: receivedAt, segments: a.parsed.segments.length, contact_found: Object.values(contact).filter(Boolean).length });
    ev('step.interpret', { intent: a.extraction.intent.kind, confidence: a.extraction.intent.confidence });
    ev('step.extract', { extractor: a.extraction.extractor, known: knownFacts(a.extraction), signals: a.extraction.signals.map((s) => s.reason) });
    // Facts a ruleset computes from imported columns join the extracted ones before deciding.
    const facts = rules.ruleset.custom_facts.length ? withCustomFacts(a.extraction.facts, rules.ruleset.custom_facts, lead.attributes) : a.extraction.facts;
    factsRepo.insertExtraction(ctx, { lead_id: lead.id, source_id: sourceId, run_id: run.id, facts });
    const d = facts === a.extraction.facts ? a.decision : rules.evaluate(facts, a.extraction.signals);
    decisions.insert(ctx, { lead_id: lead.id, run_id: run.id, decision: d, ruleset_id: rules.rulesetId, extractor_version: a.extraction.extractor });
    ev('step.decide', { class: d.classification.class, score: d.classification.score, ruleset_version: d.ruleset_version, missing: d.missing.map((m) => m.fact) });
    if (d.escalation.escalate) ev('escalation', { reasons: d.escalation.reasons.map((r) => r.reason) });
    ev('run.finished', { status: d.escalation.escalate ? 'escalated' : 'succeeded', ms });
    runs.finish(ctx, run.id, { status: d.escalation.escalate ? 'escalated' : 'succeeded' });
    const stored = leads.get(ctx, lead.id)!;
    return {
      lead: { ...stored, contact },
      matched_by: match?.by ?? null,
      source_id: sourceId,
      channel: a.parsed.channel,
      received_at: receivedAt,
      facts: factsView(facts),
      intent: a.extraction.intent,
      classification: d.classification,
      missing: d.missing,
      escalation: d.escalation,
      proposals: [],
      blocked: [],
      trace_id: run.id,
      ruleset_version: d.ruleset_version,
      extractor: a.extraction.extractor,
    };
  })();
}

function knownFacts(x: Extraction): string[] {
  return Object.entries(x.facts)
    .filter(([k, f]) => k !== 'custom' && (f as { value: unknown }).value !== null && !(Array.isArray((f as { value: unknown }).value) && !(f as { value: unknown[] }).value.length))
    .map(([k]) => k);
}

import type { z } from 'zod';
import type { AgentOutcome, BlockedAction, FactProvenance, Recovery, Usage } from '../../contract/agent.js';
import type { Decision } from '../../contract/decision.js';
import type { Extraction } from '../../contract/extraction.js';
import type { AgentStep } from '../../contract/trace.js';
import type { Channel, Contact, ParsedText } from '../../contract/text.js';
import type { EscalationReason, EscalationSignal } from '../../contract/signals.js';
import { extractEmbedded } from '../extract/embedded/index.js';
import { mergeExtractions } from '../extract/merge.js';
import { extractWithModel, type ModelExtraction } from '../extract/model/extract.js';
import type { ModelAction } from '../extract/model/schema.js';
import { parseText } from '../intake/text/index.js';
import type { LlmClient } from '../llm/client.js';
import { addUsage, ZERO_USAGE } from '../llm/usage.js';
import type { CompiledRuleset } from '../rules/evaluate.js';
import type { StoreContext } from '../store/context.js';
import * as crm from '../store/crm.js';
import * as decisions from '../store/decisions.js';
import * as factsRepo from '../store/facts.js';
import * as runs from '../store/runs.js';
import * as trace from '../store/trace.js';
import { AgentBudgetsSchema, type AgentBudgets } from './budgets.js';
import { describeCatalog } from './catalog.js';
import { checkChangeEvidence, checkOutgoingText } from './guardrails.js';
import { detectInjection } from './injection.js';
import { planCalls } from './plan.js';
import { allowedTools, checkCall, type CallOrigin } from './policy.js';
import { nextActionOf, replyOf } from './reply.js';
import type { KnowledgeSearch } from './tools.js';

export interface AgentDeps {
  store: StoreContext;
  rules: CompiledRuleset;
  rulesetId?: string | null;
  /** Null or absent: the embedded provider (no network). */
  llm?: LlmClient | null;
  redact?: boolean;
  budgets?: Partial<AgentBudgets>;
  knowledge?: KnowledgeSearch;
  /** Store facts and the decision (default true; the evaluation turns it off). */
  persist?: boolean;
}

export interface AgentInput {
  leadId: string;
  sourceId?: string | null;
  text: string;
  /** YYYY-MM-DD */
  receivedAt: string;
  channel?: Channel;
  parsed?: ParsedText;
  /** The embedded extraction when the caller already has it. */
  embedded?: Extraction;
}

export interface AgentRunResult {
  outcome: AgentOutcome;
  extraction: Extraction;
  decision: Decision;
  provenance: FactProvenance[];
  /** Loop time spent outside model calls, in ms (the benchmark's figure). */
  overheadMs: number;
  modelMs: number;
  /** Part of the overhead spent in intake and the embedded extractor. */
  embeddedMs: number;
}

const EMPTY_EXTRACTION: Extraction = {
  facts: {
    budget: { value: null, evidence: [], source: 'embedded' },
    timeline: { value: null, evidence: [], source: 'embedded' },
    authority: { value: null, evidence: [], source: 'embedded' },
    company_size: { value: null, evidence: [], source: 'embedded' },
    need: { value: null, evidence: [], source: 'embedded' },
    competitors: { value: [], evidence: [], source: 'embedded' },
    disqualifier: { value: null, evidence: [], source: 'embedded' },
    custom: {},
  },
  intent: { kind: 'other', confidence: 0, evidence: [] },
  signals: [],
  extractor: 'none',
};

function unionSignals(a: EscalationSignal[], b: EscalationSignal[]): EscalationSignal[] {
  const out = [...a];
  for (const s of b) if (!out.some((x) => x.reason === s.reason)) out.push(s);
  return out;
}

/**
 * Runs the execution loop for one lead: interpret, extract, merge, decide, tools, propose,
 * next step. Every step is traced. It never throws: a model failure falls back to the
 * embedded facts (a recovery), and a bug ends the run as failed with the embedded decision.
 */
export async function runAgent(deps: AgentDeps, input: AgentInput): Promise<AgentRunResult> {
  const t0 = performance.now();
  const budgets: AgentBudgets = AgentBudgetsSchema.parse(deps.budgets ?? {});
  const { store, rules } = deps;
  const llm = deps.llm ?? null;
  const persist = deps.persist !== false;
  const run = runs.start(store, { lead_id: input.leadId, kind: 'agent', model: llm?.model ?? null });
  let step = 0;
  const emit = (type: string, data: Record<string, unknown>) => trace.append(store, { run_id: run.id, lead_id: input.leadId, type, step: step, data });
  const stepDone = (name: AgentStep, data: Record<string, unknown>) => {
    step++;
    emit('step', { name, ...data });
  };
  const blocked: BlockedAction[] = [];
  const block = (tool: string, reason: BlockedAction['reason'], detail: string, origin: CallOrigin) => {
    blocked.push({ tool, reason, detail });
    emit('tool_blocked', { tool, reason, detail, origin });
  };
  let usage: Usage = ZERO_USAGE;
  let modelMs = 0;
  let embeddedMs = 0;
  let recovery: Recovery | null = null;
  let extraction: Extraction = EMPTY_EXTRACTION;
  let decision: Decision | null = null;
  let provenance: FactProvenance[] = [];
  let model: ModelExtraction | null = null;
  let promptHashValue: string | null = null;
  const invalidEvidence: Array<{ fact: string; quote: string }> = [];
  const proposalIds: string[] = [];
  const escalations: EscalationReason[] = [];
  let reply = '';
  let next: AgentOutcome['next_action'] = { kind: 'escalate', detail: 'The run did not finish; a person should look at this lead.' };
  let failedWith: string | null = null;
  emit('run_started', { provider: llm ? 'openai' : 'embedded', model: llm?.model ?? null, budgets });

  try {
    // 1-2. Intake and the embedded extraction: the floor every run stands on.
    let parsed: ParsedText | undefined = input.parsed;
    let embedded: Extraction = input.embedded ?? EMPTY_EXTRACTION;
    if (!input.embedded) {
      const eStart = performance.now();
      try {
        parsed ??= parseText(input.text, { receivedAt: input.receivedAt, ...(input.channel ? { channel: input.channel } : {}) });
        embedded = extractEmbedded({ text: input.text, receivedAt: input.receivedAt, parsed });
      } catch (e) {
        emit('model_failure', { source: 'embedded', kind: 'internal', message: (e as Error).message });
      }
      embeddedMs = performance.now() - eStart;
    }
    const injection = detectInjection(input.text);
    const suspicious = injection.length > 0 || embedded.signals.some((s) => s.reason === 'suspicious_instructions');

    if (llm) {
      // The model sees every non-destructive tool; the intent table is applied to its requests.
      const toolText = describeCatalog(CATALOG_NAMES);
      const remainingMs = budgets.maxWallMs - (performance.now() - t0);
      const ctl = new AbortController();
      const timer = setTimeout(() => ctl.abort(), Math.max(1, remainingMs));
      const mStart = performance.now();
      const r = await extractWithModel({
        text: input.text,
        receivedAt: input.receivedAt,
        leadId: input.leadId,
        tools: toolText,
        client: llm,
        redact: deps.redact !== false,
        maxTokens: Math.max(64, Math.min(llm.settings.maxOutputTokens, budgets.maxTokens)),
        timeoutMs: Math.max(1, Math.min(llm.settings.timeoutMs, remainingMs)),
        signal: ctl.signal,
      });
      clearTimeout(timer);
      modelMs += performance.now() - mStart;
      const u = r.ok ? r.value.usage : r.error.usage;
      usage = addUsage(usage, u);
      promptHashValue = r.ok ? r.value.promptHash : r.error.promptHash;
      emit('model_call', {
        ok: r.ok,
        model: llm.model,
        prompt_hash: promptHashValue,
        tokens_in: u.tokens_in,
        tokens_out: u.tokens_out,
        cost_usd: u.cost_usd,
        attempts: r.ok ? r.value.attempts : r.error.attempts,
        ms: Math.round(performance.now() - mStart),
      });
      if (!r.ok) recovery = { code: r.error.kind, message: r.error.message };
      else if (usage.tokens_in + usage.tokens_out > budgets.maxTokens) {
        recovery = { code: 'budget', message: `The model used ${usage.tokens_in + usage.tokens_out} tokens, over the run budget of ${budgets.maxTokens}; its answer was discarded.` };
      } else model = r.value;
      if (recovery) emit('model_failure', { source: 'model', kind: recovery.code, message: recovery.message });
    }

    // Interpret + extract: the model's facts, each quote verified; drops are invalid-evidence blocks.
    if (model) {
      for (const iv of model.invalidEvidence) {
        invalidEvidence.push(iv);
        blocked.push({ tool: `extract:${iv.fact}`, reason: 'invalid_evidence', detail: iv.quote ? `quote not in the text: "${iv.quote.slice(0, 80)}"` : 'value without a quote' });
        emit('evidence_invalid', { fact: iv.fact, quote: iv.quote.slice(0, 200) });
      }
    }
    const intentSource = model ? model.intent : embedded.intent;
    stepDone('interpret', { intent: intentSource.kind, confidence: intentSource.confidence, source: model ? 'model' : 'embedded' });
    stepDone('extract', { embedded: embedded.extractor, model: model?.extractor ?? null, invalid_evidence: invalidEvidence.length, recovered: recovery !== null });

    // Merge by the documented policy; disagreements go to a person.
    if (model) {
      const m = mergeExtractions(embedded, model);
      extraction = m.extraction;
      provenance = m.provenance;
      for (const d of m.disagreements) emit('merge_disagreement', { fact: d.fact, winner: d.winner, embedded: d.embedded, model: d.model, note: d.note });
    } else extraction = embedded;
    extraction = { ...extraction, signals: unionSignals(extraction.signals, injection) };
    stepDone('merge', { extractor: extraction.extractor, disagreements: provenance.filter((p) => !p.agreed).map((p) => p.fact) });

    // Decide: the rules engine alone sets the class.
    decision = rules.evaluate(extraction.facts, extraction.signals);
    if (persist) {
      factsRepo.insertExtraction(store, { lead_id: input.leadId, source_id: input.sourceId ?? null, run_id: run.id, facts: extraction.facts, signals: extraction.signals });
      decisions.insert(store, {
        lead_id: input.leadId,
        run_id: run.id,
        decision,
        ruleset_id: deps.rulesetId ?? null,
        extractor_version: extraction.extractor,
        model: model ? model.model : null,
        prompt_hash: model ? model.promptHash : null,
      });
    }
    stepDone('decide', { class: decision.classification.class, score: decision.classification.score, escalate: decision.escalation.escalate, missing: decision.missing.map((m) => m.fact) });
    for (const r of decision.escalation.reasons) escalations.push(r.reason);

    // Tools: every call, the model's and the application's, passes the same policy.
    const intent = extraction.intent.kind;
    let stepsLeft = budgets.maxSteps;
    const knowledge: KnowledgeSearch = deps.knowledge ?? (() => []);
    const toolCtx = { store, leadId: input.leadId, runId: run.id, text: input.text, knowledge };
    const producedKinds = new Set<string>();
    const call = (name: string, rawArgs: unknown, origin: CallOrigin, reason: string): z.output<z.ZodType> | null => {
      const v = checkCall(name, rawArgs, { leadId: input.leadId, intent, ruleset: rules.ruleset, suspicious, stepsLeft, origin });
      if (v.behavior === 'reject') {
        block(name, v.reason, v.detail, origin);
        if (v.escalate && !escalations.includes(v.escalate)) escalations.push(v.escalate);
        return null;
      }
      if (origin === 'model' && name === 'propose_crm_update') {
        const g = checkChangeEvidence(input.text, (v.args as { changes: Array<{ field: string; new: unknown; evidence_quotes: string[] }> }).changes);
        if (g.behavior === 'reject') {
          block(name, g.reason, g.detail, origin);
          return null;
        }
      }
      if (name === 'propose_followup_email' || name === 'propose_meeting_brief') {
        const g = checkOutgoingText(store, input.leadId, input.text, (v.args as { body: string }).body);
        if (g.behavior === 'reject') {
          block(name, g.reason, g.detail, origin);
          return null;
        }
      }
      stepsLeft--;
      const started = performance.now();
      const res = v.tool.run!(toolCtx, v.args);
      if (!res.ok) {
        emit('tool_call', { tool: name, origin, ok: false, error: res.error.message, reason, ms: Math.round(performance.now() - started) });
        return null;
      }
      const out = v.tool.output.safeParse(res.value);
      if (!out.success) {
        block(name, 'invalid_result', out.error.message.slice(0, 200), origin);
        return null;
      }
      emit('tool_call', { tool: name, origin, ok: true, reason, ms: Math.round(performance.now() - started) });
      const pid = (out.data as { proposal_id?: string }).proposal_id;
      if (pid) {
        proposalIds.push(pid);
        emit('proposal_created', { proposal_id: pid, tool: name, origin });
      }
      return out.data;
    };

    call('get_lead', { lead_id: input.leadId }, 'app', 'context');
    const rec = crm.getRecordByLead(store, input.leadId);
    if (allowedTools(rules.ruleset, intent).includes('get_crm_record')) call('get_crm_record', { lead_id: input.leadId }, 'app', 'before values for proposals');

    let modelDraft: string | null = null;
    if (model) {
      const actions: ModelAction[] = [...model.actions];
      for (const a of actions) {
        const before = proposalIds.length;
        call(a.tool, a.arguments, 'model', a.reason.slice(0, 200));
        if (proposalIds.length > before) producedKinds.add(kindOf(a.tool));
      }
      if (model.followup && decision.classification.class !== 'disqualified' && decision.missing.length && !producedKinds.has('followup_email')) {
        const before = proposalIds.length;
        call('propose_followup_email', JSON.stringify({ lead_id: input.leadId, subject: model.followup.subject, body: model.followup.body }), 'model', 'model follow-up draft');
        if (proposalIds.length > before) {
          producedKinds.add('followup_email');
          modelDraft = model.followup.body;
        }
      }
    }
    stepDone('tools', { calls: budgets.maxSteps - stepsLeft, blocked: blocked.length });

    // Propose: the application's own plan for whatever the model did not cover.
    const contact: Contact | null = parsed?.contact ?? null;
    for (const c of planCalls({ leadId: input.leadId, x: extraction, d: decision, crm: rec?.fields ?? null, contact, receivedAt: input.receivedAt, skipKinds: producedKinds })) {
      if (!allowedTools(rules.ruleset, intent).includes(c.tool)) continue;
      call(c.tool, c.args, 'app', 'application plan');
    }
    for (const reason of [...new Set(escalations)]) {
      call('escalate_to_human', { lead_id: input.leadId, reason, detail: handoffDetail(decision, reason, run.id) }, 'app', 'policy says escalate');
    }
    stepDone('propose', { proposals: proposalIds.length, escalations: [...new Set(escalations)] });

    next = nextActionOf(decision, escalations, proposalIds.length);
    reply = replyOf(decision, next, contact, modelDraft);
    const g = checkOutgoingText(store, input.leadId, input.text, reply);
    if (g.behavior === 'reject') {
      block('reply', g.reason, g.detail, modelDraft ? 'model' : 'app');
      reply = replyOf(decision, next, contact, null);
    }
    stepDone('next_action', { kind: next.kind, detail: next.detail });
  } catch (e) {
    // A bug, not an expected failure: still finish the lead on the embedded path and say so.
    failedWith = (e as Error).stack ?? String(e);
    emit('model_failure', { source: 'loop', kind: 'internal', message: (e as Error).message });
    try {
      decision ??= rules.evaluate(extraction.facts, extraction.signals);
    } catch {
      decision = null;
    }
  }

  const finalDecision = decision ?? rules.evaluate(EMPTY_EXTRACTION.facts, []);
  if (recovery) emit('recovery', { code: recovery.code, message: recovery.message, finished: failedWith === null });
  runs.addUsage(store, run.id, { tokens_in: usage.tokens_in, tokens_out: usage.tokens_out, cost_usd: usage.cost_usd });
  const status = failedWith ? 'failed' : escalations.length ? 'escalated' : 'succeeded';
  runs.finish(store, run.id, { status, error: failedWith ? failedWith.slice(0, 2000) : null, extractor: extraction.extractor, model: model?.model ?? null });
  const overheadMs = performance.now() - t0 - modelMs;
  emit('run_finished', {
    status,
    recovered: recovery !== null && failedWith === null,
    failure: recovery?.code ?? (failedWith ? 'internal' : null),
    class: finalDecision.classification.class,
    tokens_in: usage.tokens_in,
    tokens_out: usage.tokens_out,
    cost_usd: usage.cost_usd,
    model_calls: usage.calls,
    overhead_ms: Math.round(overheadMs * 1000) / 1000,
  });
  return {
    outcome: {
      run_id: run.id,
      next_action: next,
      reply,
      proposals: proposalIds,
      blocked,
      escalation_reasons: [...new Set(escalations)],
      disagreements: provenance.filter((p) => !p.agreed),
      recovery,
      usage,
      extractor: extraction.extractor,
      model: model?.model ?? null,
      prompt_hash: promptHashValue,
      invalid_evidence: invalidEvidence,
    },
    extraction,
    decision: finalDecision,
    provenance,
    overheadMs,
    modelMs,
    embeddedMs,
  };
}

const CATALOG_NAMES = [
  'get_lead',
  'search_leads',
  'search_knowledge',
  'get_crm_record',
  'propose_crm_update',
  'propose_task',
  'propose_followup_email',
  'propose_meeting_brief',
  'escalate_to_human',
];

const kindOf = (tool: string) =>
  ({ propose_crm_update: 'crm_update', propose_task: 'task', propose_followup_email: 'followup_email', propose_meeting_brief: 'meeting_brief' })[tool] ?? tool;

/** The hand-off: what a person needs to pick the lead up without rereading everything. */
function handoffDetail(d: Decision, reason: EscalationReason, runId: string): string {
  const ev = d.escalation.reasons.find((r) => r.reason === reason);
  const quote = ev?.evidence[0]?.quote;
  return `${reason}: ${ev?.detail ?? 'raised by the agent policy'}${quote ? ` ("${quote.slice(0, 120)}")` : ''}; class ${d.classification.class}; trace ${runId}`;
}

import { zodResponseFormat } from 'openai/helpers/zod';
import type { Recovery, Usage } from '../../../contract/agent.js';
import { describeIssues, ok, type Result } from '../../../contract/errors.js';
import type { Evidence } from '../../../contract/evidence.js';
import { CurrencySchema, type Facts } from '../../../contract/facts.js';
import type { EscalationSignal, Intent } from '../../../contract/signals.js';
import type { LlmClient, LlmError } from '../../llm/client.js';
import { noRedaction, redact, restoreDeep, type Redaction } from '../../llm/redact.js';
import { ZERO_USAGE } from '../../llm/usage.js';
import { verifyQuotes } from '../verify.js';
import { promptHash, SYSTEM_PROMPT, userMessage } from './prompt.js';
import { ModelOutputSchema, type ModelAction, type ModelOutput } from './schema.js';

export interface ModelExtractInput {
  text: string;
  receivedAt: string;
  leadId: string;
  /** The tool catalog as the model should read it (names, descriptions, JSON schemas). */
  tools: string;
  client: LlmClient;
  redact?: boolean;
  maxTokens?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** A quote the model gave that is not in the source text. */
export interface InvalidEvidence {
  fact: string;
  quote: string;
}

/** The model's view of one lead after its quotes were checked against the source text. */
export interface ModelExtraction {
  facts: Facts;
  intent: Intent;
  signals: EscalationSignal[];
  actions: ModelAction[];
  followup: { subject: string; body: string } | null;
  invalidEvidence: InvalidEvidence[];
  usage: Usage;
  attempts: number;
  durationMs: number;
  model: string;
  promptHash: string;
  extractor: string;
  redactions: number;
}

/** A failed extraction keeps the usage it cost so the run still counts its tokens. */
export type ModelExtractError = LlmError & { usage: Usage; attempts: number; promptHash: string };

const RESPONSE_FORMAT = zodResponseFormat(ModelOutputSchema, 'lead_facts');

const failed = (kind: Recovery['code'], message: string, extra: { usage: Usage; attempts: number; promptHash: string }): { ok: false; error: ModelExtractError } => ({
  ok: false,
  error: { code: 'model_error', message, kind, ...extra },
});

const clamp01 = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

/**
 * Asks the model for the facts of one lead in one call. The text goes out redacted and as
 * delimited data; real values are restored in everything that comes back, and every quote is
 * verified against the original text (offsets therefore point into the original).
 */
export async function extractWithModel(input: ModelExtractInput): Promise<Result<ModelExtraction, ModelExtractError>> {
  const red: Redaction = input.redact === false ? noRedaction(input.text) : redact(input.text);
  const hash = promptHash(input.client.model, input.tools);
  const res = await input.client.chat({
    messages: [
      { role: 'system', content: SYSTEM_PROMPT },
      { role: 'user', content: userMessage({ text: red.text, receivedAt: input.receivedAt, leadId: input.leadId, tools: input.tools }) },
    ],
    responseFormat: RESPONSE_FORMAT,
    ...(input.maxTokens ? { maxTokens: input.maxTokens } : {}),
    ...(input.timeoutMs ? { timeoutMs: input.timeoutMs } : {}),
    ...(input.signal ? { signal: input.signal } : {}),
  });
  if (!res.ok) {
    const d = (res.error.details ?? {}) as { usage?: Usage; attempts?: number };
    return { ok: false, error: { ...res.error, usage: d.usage ?? ZERO_USAGE, attempts: d.attempts ?? 1, promptHash: hash } };
  }
  const r = res.value;
  const meta = { usage: r.usage, attempts: r.attempts, promptHash: hash };
  if (r.refusal) return failed('refusal', `The model refused: ${r.refusal.slice(0, 200)}`, meta);
  if (r.finishReason === 'length') return failed('malformed', 'The model answer was cut off at the token limit; it was discarded.', meta);
  if (r.content === null || r.content.trim() === '') return failed('malformed', 'The model returned no content.', meta);
  let raw: unknown;
  try {
    raw = JSON.parse(r.content);
  } catch (e) {
    return failed('malformed', `The model answer is not valid JSON (${(e as Error).message.slice(0, 120)}).`, meta);
  }
  const parsed = ModelOutputSchema.safeParse(raw);
  if (!parsed.success) return failed('invalid_schema', `The model answer does not match the schema: ${describeIssues(parsed.error.issues).slice(0, 5).join('; ')}`, meta);
  const out = restoreDeep(parsed.data, red);
  const actions: ModelAction[] = [
    ...out.actions.map((a) => ({ tool: a.tool, arguments: a.arguments_json, reason: a.reason })),
    ...r.toolCalls.map((t) => ({ tool: t.name, arguments: restoreDeep(t.arguments, red), reason: 'native tool call' })),
  ];
  const { facts, intent, signals, invalid } = toFacts(out, input.text);
  return ok({
    facts,
    intent,
    signals,
    actions,
    followup: out.followup,
    invalidEvidence: invalid,
    usage: r.usage,
    attempts: r.attempts,
    durationMs: r.durationMs,
    model: r.model,
    promptHash: hash,
    extractor: `model:${input.client.model}@${hash}`,
    redactions: red.entries.length,
  });
}

/** Converts the wire answer to Facts, dropping to unknown every value whose quotes are not in the text. */
export function toFacts(out: ModelOutput, text: string): { facts: Facts; intent: Intent; signals: EscalationSignal[]; invalid: InvalidEvidence[] } {
  const invalid: InvalidEvidence[] = [];
  const check = <T>(name: string, value: T | null, quotes: string[], empty: T | null): { value: T | null; evidence: Evidence[]; source: 'model' } => {
    const v = verifyQuotes(text, quotes);
    for (const q of v.invalid) invalid.push({ fact: name, quote: q });
    const isEmpty = value === null || (Array.isArray(value) && value.length === 0);
    if (isEmpty) return { value: empty, evidence: [], source: 'model' };
    // No quote found in the source: the value is invented as far as we can tell.
    if (!v.evidence.length) {
      if (!v.invalid.length) invalid.push({ fact: name, quote: '' });
      return { value: empty, evidence: [], source: 'model' };
    }
    return { value, evidence: v.evidence, source: 'model' };
  };
  const f = out.facts;
  const budgetValue = f.budget.value && CurrencySchema.safeParse(f.budget.value.currency.toUpperCase()).success && f.budget.value.amount >= 0
    ? { ...f.budget.value, currency: f.budget.value.currency.toUpperCase() }
    : null;
  const tl = f.timeline.value && f.timeline.value.months >= 0 ? { months: Math.ceil(f.timeline.value.months), ...(f.timeline.value.date ? { date: f.timeline.value.date } : {}) } : null;
  const size = f.company_size.value !== null && f.company_size.value >= 0 ? Math.round(f.company_size.value) : null;
  const facts: Facts = {
    budget: check('budget', budgetValue, f.budget.quotes, null),
    timeline: check('timeline', tl, f.timeline.quotes, null),
    authority: check('authority', f.authority.value === 'unknown' ? null : f.authority.value, f.authority.quotes, null),
    company_size: check('company_size', size, f.company_size.quotes, null),
    need: check('need', f.need.value, f.need.quotes, null),
    competitors: check('competitors', f.competitors.value, f.competitors.quotes, [] as string[]),
    disqualifier: check('disqualifier', f.disqualifier.value, f.disqualifier.quotes, null),
    custom: {},
  };
  const iv = verifyQuotes(text, out.intent.quotes);
  for (const q of iv.invalid) invalid.push({ fact: 'intent', quote: q });
  const intent: Intent = { kind: out.intent.kind, confidence: clamp01(out.intent.confidence), evidence: iv.evidence };
  const signals: EscalationSignal[] = [];
  for (const s of out.signals) {
    const v = verifyQuotes(text, [s.quote]);
    if (!v.evidence.length) {
      invalid.push({ fact: `signal:${s.reason}`, quote: s.quote });
      continue;
    }
    signals.push({ reason: s.reason, evidence: v.evidence, detail: s.detail, value: s.value });
  }
  return { facts, intent, signals, invalid };
}

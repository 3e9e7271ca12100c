import { z } from 'zod';
import { EscalationReasonSchema } from './signals.js';

/** What a tool may do; `destructive` tools are never executed by the agent. */
export const PermissionClassSchema = z.enum(['read', 'propose', 'escalate', 'destructive']);
export type PermissionClass = z.infer<typeof PermissionClassSchema>;

/** Why a tool call was refused; each value is counted separately in the metrics. */
export const BlockReasonSchema = z.enum([
  'unknown_tool',
  'invalid_args',
  'not_allowed_for_intent',
  'destructive',
  'other_lead',
  'suspicious_instructions',
  'model_sets_class',
  'invalid_evidence',
  'invalid_result',
  'step_budget',
  'leaks_other_lead',
  'internal_reasoning',
]);
export type BlockReason = z.infer<typeof BlockReasonSchema>;

/** A refused action as `qualify --json` prints it. */
export const BlockedActionSchema = z.object({
  tool: z.string(),
  reason: BlockReasonSchema,
  detail: z.string().default(''),
});
export type BlockedAction = z.infer<typeof BlockedActionSchema>;

/** The next safe step, kept apart from the internal reasons. */
export const NextActionSchema = z.object({
  kind: z.enum(['answer', 'ask', 'propose', 'escalate']),
  detail: z.string(),
});
export type NextAction = z.infer<typeof NextActionSchema>;

/** Which extractor's value a merged fact kept, and whether the two disagreed. */
export const FactProvenanceSchema = z.object({
  fact: z.string(),
  winner: z.enum(['embedded', 'model', 'both', 'none']),
  agreed: z.boolean(),
  embedded: z.unknown(),
  model: z.unknown(),
  /** One line for the person who reviews a disagreement. */
  note: z.string(),
});
export type FactProvenance = z.infer<typeof FactProvenanceSchema>;

/** Token and cost figures of one run (or one lead, or a whole batch). */
export const UsageSchema = z.object({
  calls: z.number().int().nonnegative(),
  tokens_in: z.number().int().nonnegative(),
  tokens_out: z.number().int().nonnegative(),
  cost_usd: z.number().nonnegative(),
});
export type Usage = z.infer<typeof UsageSchema>;

/** A recovered model failure: the run finished on the embedded facts. */
export const RecoverySchema = z.object({
  code: z.enum(['malformed', 'timeout', 'refusal', 'budget', 'oversized', 'rate_limited', 'http_error', 'network', 'invalid_schema', 'internal']),
  message: z.string(),
});
export type Recovery = z.infer<typeof RecoverySchema>;

/** What one agent run adds to a qualify result. */
export const AgentOutcomeSchema = z.object({
  run_id: z.string(),
  next_action: NextActionSchema,
  /** Text the rep may send to the lead; never internal reasoning or another lead's data. */
  reply: z.string(),
  proposals: z.array(z.string()),
  blocked: z.array(BlockedActionSchema),
  escalation_reasons: z.array(EscalationReasonSchema),
  disagreements: z.array(FactProvenanceSchema),
  recovery: RecoverySchema.nullable(),
  usage: UsageSchema,
  extractor: z.string(),
  model: z.string().nullable(),
  prompt_hash: z.string().nullable(),
  invalid_evidence: z.array(z.object({ fact: z.string(), quote: z.string() })),
});
export type AgentOutcome = z.infer<typeof AgentOutcomeSchema>;

/** Figures computed from the trace for one day or the whole range. */
export const AgentMetricsSchema = z.object({
  runs: z.number().int(),
  successful_tool_calls: z.number().int(),
  failed_tool_calls: z.number().int(),
  blocks_by_reason: z.record(z.string(), z.number().int()),
  escalations_by_reason: z.record(z.string(), z.number().int()),
  runs_with_failure: z.number().int(),
  recovered_runs: z.number().int(),
  /** Runs that met a model failure and still finished, over runs that met one; null when none did. */
  recovery_rate: z.number().nullable(),
  field_approvals: z.number().int(),
  field_edits: z.number().int(),
  field_rejections: z.number().int(),
  approval_rate: z.number().nullable(),
  edit_rate: z.number().nullable(),
  rejection_rate: z.number().nullable(),
  stale_proposals: z.number().int(),
  writebacks: z.number().int(),
  model_calls: z.number().int(),
  tokens_in: z.number().int(),
  tokens_out: z.number().int(),
  cost_usd: z.number(),
});
export type AgentMetrics = z.infer<typeof AgentMetricsSchema>;

export const AgentMetricsReportSchema = z.object({
  total: AgentMetricsSchema,
  days: z.array(AgentMetricsSchema.extend({ day: z.string() })),
});
export type AgentMetricsReport = z.infer<typeof AgentMetricsReportSchema>;

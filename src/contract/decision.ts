import { z } from 'zod';
import { EvidenceSchema } from './evidence.js';
import { RequiredFactSchema } from './facts.js';
import { ClassSchema } from './ruleset.js';
import { EscalationReasonSchema } from './signals.js';

export const RuleStatusSchema = z.enum(['passed', 'failed', 'unknown']);

/** One rule's verdict on one lead, with the facts it looked at. */
export const ReasonSchema = z.object({
  rule: z.string(),
  label: z.string(),
  status: RuleStatusSchema,
  /** The value the rule saw, rendered for people ("USD 30,000 / year"). */
  actual: z.string().nullable(),
  outcome: z.enum(['disqualified', 'nurture', 'needs_info']).nullable(),
  evidence: z.array(EvidenceSchema),
});
export type Reason = z.infer<typeof ReasonSchema>;

export const MissingSchema = z.object({
  fact: RequiredFactSchema,
  question: z.string(),
  /** True when learning this fact could change the class. */
  decisive: z.boolean(),
});
export type Missing = z.infer<typeof MissingSchema>;

export const EscalationSchema = z.object({
  escalate: z.boolean(),
  reasons: z.array(
    z.object({ reason: EscalationReasonSchema, detail: z.string(), evidence: z.array(EvidenceSchema) }),
  ),
});
export type Escalation = z.infer<typeof EscalationSchema>;

export const ClassificationSchema = z.object({
  class: ClassSchema,
  score: z.number().min(0).max(100),
  reasons: z.array(ReasonSchema),
  counterfactual: z.string().nullable(),
});

export const DecisionSchema = z.object({
  classification: ClassificationSchema,
  missing: z.array(MissingSchema),
  escalation: EscalationSchema,
  ruleset_version: z.number().int().nullable(),
  engine_version: z.string(),
});
export type Decision = z.infer<typeof DecisionSchema>;

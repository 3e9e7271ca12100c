import { z } from 'zod';
import { AuthoritySchema, BudgetValueSchema, DisqualifierSchema, NeedSchema, RequiredFactSchema } from './facts.js';
import { ClassSchema } from './ruleset.js';
import { EscalationReasonSchema } from './signals.js';
import { ChannelSchema } from './text.js';

/** The labelled facts of a case (shared/eval/SPEC.md). */
export const CaseFactsSchema = z.object({
  budget: BudgetValueSchema.nullable(),
  timeline_months: z.number().nullable(),
  authority: AuthoritySchema,
  company_size: z.number().nullable(),
  need: NeedSchema,
  competitors: z.array(z.string()),
  disqualifier: DisqualifierSchema.nullable(),
});

/** One labelled conversation in the format of shared/eval/SPEC.md. */
export const EvalCaseSchema = z.object({
  id: z.string(),
  channel: ChannelSchema,
  received_at: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  text: z.string(),
  facts: CaseFactsSchema,
  expected: z.object({
    class: ClassSchema,
    missing: z.array(RequiredFactSchema),
    escalate: z.boolean(),
    escalation_reasons: z.array(EscalationReasonSchema),
  }),
  notes: z.string().optional(),
});
export type EvalCase = z.infer<typeof EvalCaseSchema>;

import { z } from 'zod';
import { EvidenceSchema, FactSourceSchema } from './evidence.js';
import { ClassificationSchema, EscalationSchema } from './decision.js';
import { LeadSchema } from './lead.js';
import { RequiredFactSchema } from './facts.js';
import { IntentSchema } from './signals.js';
import { ChannelSchema, ContactSchema } from './text.js';
import { NextActionSchema } from './agent.js';

/** One fact as `qualify --json` prints it. */
export const FactViewSchema = z.object({
  value: z.unknown(),
  evidence: z.array(EvidenceSchema),
  source: FactSourceSchema,
});

/** The result of qualifying one lead: what the CLI prints and the app shows. */
export const QualifyResultSchema = z.object({
  lead: LeadSchema.extend({ contact: ContactSchema.optional() }),
  /** How the lead was matched to an existing one (same text, same email), if it was. */
  matched_by: z.enum(['same_text', 'email']).nullable(),
  source_id: z.string(),
  channel: ChannelSchema,
  received_at: z.string(),
  facts: z.record(z.string(), FactViewSchema),
  intent: IntentSchema,
  classification: ClassificationSchema,
  missing: z.array(z.object({ fact: RequiredFactSchema, question: z.string(), decisive: z.boolean() })),
  escalation: EscalationSchema,
  proposals: z.array(z.unknown()),
  blocked: z.array(z.object({ tool: z.string(), reason: z.string(), detail: z.string().optional() })),
  /** The next safe step, kept apart from the internal reasons. */
  next_action: NextActionSchema.optional(),
  /** Text the rep may send the lead; never internal reasoning or another lead's data. */
  reply: z.string().optional(),
  trace_id: z.string(),
  ruleset_version: z.number().nullable(),
  extractor: z.string(),
});
export type QualifyResult = z.infer<typeof QualifyResultSchema>;

export const QualifyTextInputSchema = z.object({
  text: z.string().min(1, 'paste the lead text'),
  channel: ChannelSchema.optional(),
  received_at: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
    .optional(),
  owner: z.string().optional(),
});
export type QualifyTextInput = z.infer<typeof QualifyTextInputSchema>;

import { z } from 'zod';
import { EvidenceSchema } from './evidence.js';

export const IntentKindSchema = z.enum([
  'new_inquiry',
  'pricing',
  'demo',
  'support',
  'renewal',
  'cancellation',
  'refund',
  'billing',
  'complaint',
  'partnership',
  'job_application',
  'vendor_pitch',
  'spam',
  'personal',
  'wrong_recipient',
  'other',
]);
export type IntentKind = z.infer<typeof IntentKindSchema>;

export const IntentSchema = z.object({
  kind: IntentKindSchema,
  confidence: z.number().min(0).max(1),
  evidence: z.array(EvidenceSchema),
});
export type Intent = z.infer<typeof IntentSchema>;

export const EscalationReasonSchema = z.enum([
  'cancellation',
  'refund',
  'payment',
  'legal',
  'discount',
  'frustration',
  'security',
  'suspicious_instructions',
]);
export type EscalationReason = z.infer<typeof EscalationReasonSchema>;

/** Something in the text that may require a person, with the words that raised it. */
export const EscalationSignalSchema = z.object({
  reason: EscalationReasonSchema,
  evidence: z.array(EvidenceSchema).min(1),
  /** Short human explanation, e.g. "asks for a 30% discount". */
  detail: z.string(),
  /** A measured size where the policy has a threshold: the discount asked for, in percent. */
  value: z.number().nullable().default(null),
});
export type EscalationSignal = z.infer<typeof EscalationSignalSchema>;

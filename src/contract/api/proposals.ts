import { z } from 'zod';
import { EvidenceSchema } from '../evidence.js';
import { method } from './define.js';

const JsonScalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const FieldChangeViewSchema = z.object({
  field: z.string(),
  old: JsonScalar,
  new: JsonScalar,
  reason: z.string(),
  evidence: z.array(EvidenceSchema),
  status: z.enum(['pending', 'approved', 'edited', 'rejected', 'applied', 'failed', 'stale']),
});
export type FieldChangeView = z.infer<typeof FieldChangeViewSchema>;

export const ProposalViewSchema = z.object({
  id: z.string(),
  lead_id: z.string(),
  lead_name: z.string().nullable(),
  lead_company: z.string().nullable(),
  kind: z.enum(['crm_update', 'task', 'followup_email', 'meeting_brief']),
  status: z.enum(['pending', 'approved', 'edited', 'rejected', 'stale', 'applied', 'partially_applied']),
  changes: z.array(FieldChangeViewSchema),
  draft: z.object({ subject: z.string().optional(), body: z.string(), due_at: z.string().optional() }).nullable(),
  created_at: z.string(),
  decided_at: z.string().nullable(),
  decided_by: z.string().nullable(),
});
export type ProposalView = z.infer<typeof ProposalViewSchema>;

/** One person's verdict on one field; `edit` carries the value they typed. */
export const FieldVerdictSchema = z.discriminatedUnion('action', [
  z.object({ field: z.string().min(1), action: z.literal('approve') }),
  z.object({ field: z.string().min(1), action: z.literal('reject') }),
  z.object({ field: z.string().min(1), action: z.literal('edit'), value: JsonScalar }),
]);
export type FieldVerdict = z.infer<typeof FieldVerdictSchema>;

export const ReviewResultSchema = z.object({
  proposal: ProposalViewSchema,
  /** Fields that reached the CRM by this review. */
  written: z.array(z.string()),
  /** Set when the CRM no longer had the before values: the proposal went back for review. */
  stale: z.boolean(),
});

export const proposalsApi = {
  'proposals.list': method(
    'Proposals across leads (the approval queue) or for one lead.',
    z.object({
      lead_id: z.string().optional(),
      status: z.enum(['open', 'all']).default('open'),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
    z.array(ProposalViewSchema),
  ),
  'proposals.review': method(
    "Applies a person's verdicts field by field; approved and edited values are written back, the rest are not.",
    z.object({
      id: z.string().min(1),
      verdicts: z.array(FieldVerdictSchema).min(1),
      reviewer: z.string().default('rep'),
    }),
    ReviewResultSchema,
  ),
  'proposals.approveAll': method(
    'Approves every pending field of the given proposals (batch approve).',
    z.object({ ids: z.array(z.string()).min(1), reviewer: z.string().default('rep') }),
    z.array(ReviewResultSchema),
  ),
  'proposals.rejectAll': method(
    'Rejects every pending field of the given proposals.',
    z.object({ ids: z.array(z.string()).min(1), reviewer: z.string().default('rep') }),
    z.array(ReviewResultSchema),
  ),
} as const;

import { z } from 'zod';
import { ClassSchema } from './ruleset.js';

/** How a lead reached the app; `lead_source` on the lead is the marketing origin instead. */
export const LeadIntakeSchema = z.enum(['paste', 'import', 'crm', 'api', 'manual']);
export type LeadIntake = z.infer<typeof LeadIntakeSchema>;

/** Imported columns kept as they came (header -> cell), for custom facts. */
export const LeadAttributesSchema = z.record(z.string(), z.string());

/** A stored lead, as the store returns it. */
export const LeadSchema = z.object({
  id: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  email_norm: z.string().nullable(),
  phone: z.string().nullable(),
  title: z.string().nullable(),
  company: z.string().nullable(),
  company_id: z.string().nullable(),
  website: z.string().nullable(),
  domain: z.string().nullable(),
  owner: z.string().nullable(),
  source: LeadIntakeSchema,
  lead_source: z.string().nullable(),
  external_id: z.string().nullable(),
  channel: z.string().nullable(),
  status: z.string(),
  /** The known result ('1'/'0', 'Won'/'Lost'), for back-tests; never a fact. */
  outcome: z.string().nullable(),
  attributes: LeadAttributesSchema,
  import_id: z.string().nullable(),
  latest_decision_id: z.string().nullable(),
  latest_class: ClassSchema.nullable(),
  latest_score: z.number().nullable(),
  latest_escalate: z.boolean().nullable(),
  decided_at: z.string().nullable(),
});
export type Lead = z.infer<typeof LeadSchema>;
/** Alias kept for readers who think in table rows. */
export const LeadRowSchema = LeadSchema;
export type LeadRow = Lead;

/** One line of the lead list: the lead plus its latest decision. */
export const LeadSummarySchema = LeadSchema.pick({
  id: true,
  created_at: true,
  updated_at: true,
  name: true,
  email: true,
  company: true,
  title: true,
  owner: true,
  source: true,
  lead_source: true,
  external_id: true,
  status: true,
  outcome: true,
  latest_class: true,
  latest_score: true,
  latest_escalate: true,
  decided_at: true,
});
export type LeadSummary = z.infer<typeof LeadSummarySchema>;

export const LeadSortSchema = z.enum(['created_at', 'updated_at', 'name', 'company', 'owner', 'score', 'class', 'decided_at']);
export type LeadSort = z.infer<typeof LeadSortSchema>;

export const LeadListQuerySchema = z.object({
  /** Substring of name, email, company or external id (case-insensitive for ASCII). */
  search: z.string().trim().max(200).optional(),
  class: ClassSchema.optional(),
  escalated: z.boolean().optional(),
  owner: z.string().optional(),
  /** Inclusive lower bound on created_at (ISO date or date-time). */
  from: z.string().optional(),
  /** Exclusive upper bound on created_at. */
  to: z.string().optional(),
  sort: LeadSortSchema.default('created_at'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  limit: z.number().int().min(1).max(1000).default(50),
  offset: z.number().int().min(0).default(0),
});
export type LeadListQuery = z.input<typeof LeadListQuerySchema>;

export const LeadListResultSchema = z.object({
  items: z.array(LeadSummarySchema),
  total: z.number().int().nonnegative(),
});
export type LeadListResult = z.infer<typeof LeadListResultSchema>;

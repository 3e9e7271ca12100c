import { z } from 'zod';
import { EscalationSchema, MissingSchema, ReasonSchema } from '../decision.js';
import { EvidenceSchema, FactSourceSchema } from '../evidence.js';
import { LeadListQuerySchema, LeadListResultSchema, LeadSchema } from '../lead.js';
import { QualifyResultSchema, QualifyTextInputSchema } from '../qualify.js';
import { ClassSchema } from '../ruleset.js';
import { method } from './define.js';

const LeadRef = z.object({ id: z.string().min(1) });

/** The original text of a lead; evidence offsets point into `text`. */
export const SourceViewSchema = z.object({
  id: z.string(),
  kind: z.string(),
  text: z.string(),
  received_at: z.string().nullable(),
  created_at: z.string(),
});
export type SourceView = z.infer<typeof SourceViewSchema>;

/** The fact that counts now for one name, with where it came from. */
export const CurrentFactSchema = z.object({
  id: z.string(),
  name: z.string(),
  value: z.unknown(),
  /** The value rendered for people ("USD 45,000 / year"). */
  display: z.string(),
  evidence: z.array(EvidenceSchema),
  source: FactSourceSchema,
  source_id: z.string().nullable(),
  confidence: z.number().nullable(),
  author: z.string().nullable(),
  created_at: z.string(),
});
export type CurrentFact = z.infer<typeof CurrentFactSchema>;

/** A stored decision as the lead screen shows it. */
export const DecisionViewSchema = z.object({
  id: z.string(),
  class: ClassSchema,
  score: z.number(),
  reasons: z.array(ReasonSchema),
  missing: z.array(MissingSchema),
  counterfactual: z.string().nullable(),
  escalation: EscalationSchema,
  ruleset_version: z.number().int().nullable(),
  engine_version: z.string(),
  extractor_version: z.string().nullable(),
  created_at: z.string(),
});
export type DecisionView = z.infer<typeof DecisionViewSchema>;

/** A follow-up email that asks for the missing facts; a draft, never sent by the app. */
export const FollowUpDraftSchema = z.object({ to: z.string().nullable(), subject: z.string(), body: z.string() });
export type FollowUpDraft = z.infer<typeof FollowUpDraftSchema>;

export const TraceEventViewSchema = z.object({
  seq: z.number().int(),
  run_id: z.string().nullable(),
  at: z.string(),
  type: z.string(),
  step: z.number().int().nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type TraceEventView = z.infer<typeof TraceEventViewSchema>;

export const HandoffSchema = z.object({ at: z.string(), to: z.string(), note: z.string() });

/** Everything the lead screen needs in one call. */
export const LeadDetailSchema = z.object({
  lead: LeadSchema,
  sources: z.array(SourceViewSchema),
  facts: z.array(CurrentFactSchema),
  decision: DecisionViewSchema.nullable(),
  followup: FollowUpDraftSchema.nullable(),
  /** Set once a person took the lead over; the context stays attached. */
  handoff: HandoffSchema.nullable(),
});
export type LeadDetail = z.infer<typeof LeadDetailSchema>;

/** Corrections take a JSON value shaped like the fact (`{ amount, currency, period }`, a number ...) or null. */
export const CorrectFactInputSchema = z.object({
  lead_id: z.string().min(1),
  name: z.string().min(1),
  value: z.unknown(),
  note: z.string().max(2000).default(''),
  author: z.string().default('rep'),
});

export const BulkQualifyInputSchema = z.object({
  /** Leads to (re)qualify; empty means every lead matching `filter`. */
  ids: z.array(z.string()).default([]),
  filter: LeadListQuerySchema.omit({ limit: true, offset: true, sort: true, dir: true }).optional(),
});

export const TaskStartedSchema = z.object({ task_id: z.string(), total: z.number().int().nonnegative() });

export const leadsApi = {
  'leads.list': method(
    'A page of leads with their latest class, filtered and sorted.',
    LeadListQuerySchema,
    LeadListResultSchema,
  ),
  'leads.get': method(
    'One lead with its sources, current facts, latest decision and drafted follow-up.',
    LeadRef,
    LeadDetailSchema,
  ),
  'leads.qualify': method(
    'Qualifies a pasted text: stores the lead, its source, facts, decision and trace.',
    // Not trimmed: evidence offsets point into the text exactly as pasted.
    QualifyTextInputSchema.extend({
      text: z
        .string()
        .max(200_000)
        .refine((t) => t.trim() !== '', 'paste the lead text'),
    }),
    QualifyResultSchema,
  ),
  'leads.correctFact': method(
    'Records a rep correction of one fact and re-runs the decision.',
    CorrectFactInputSchema,
    LeadDetailSchema,
  ),
  'leads.handOff': method(
    'Hands an escalated lead to a person; the context stays with the lead and the step is traced.',
    z.object({
      id: z.string().min(1),
      to: z.string().trim().min(1).default('Sales manager'),
      note: z.string().max(2000).default(''),
    }),
    LeadDetailSchema,
  ),
  'leads.trace': method('The trace of a lead, oldest first.', LeadRef, z.array(TraceEventViewSchema)),
  'leads.owners': method('Distinct owners, for the owner filter.', z.object({}), z.array(z.string())),
  'leads.bulkQualify': method(
    'Re-qualifies many leads in the background; progress arrives as events, tasks.cancel stops it.',
    BulkQualifyInputSchema,
    TaskStartedSchema,
  ),
  'leads.loadSample': method(
    'Adds the bundled sample inbox (qualified) to an empty store.',
    z.object({}),
    z.object({ added: z.number().int() }),
  ),
} as const;

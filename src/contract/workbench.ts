import { z } from 'zod';
import { ClassSchema } from './ruleset.js';
import { CaseFactsSchema, EvalCaseSchema } from './evalCase.js';

// Results of the managers' rules workbench (issue 7): what the Rules screen and the CLI show.

export const RulesetVersionStatusSchema = z.enum(['draft', 'published', 'archived']);

/** One kept version of a ruleset, without its body (the history list). */
export const RulesetVersionInfoSchema = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  status: RulesetVersionStatusSchema,
  name: z.string(),
  author: z.string().nullable(),
  note: z.string().nullable(),
  created_at: z.string(),
  published_at: z.string().nullable(),
});
export type RulesetVersionInfo = z.infer<typeof RulesetVersionInfoSchema>;

/** Which part of a ruleset a change touches; the diff groups by it. */
export const DiffSectionSchema = z.enum([
  'meta',
  'thresholds',
  'score_weights',
  'rules',
  'required_facts',
  'questions',
  'classes',
  'disqualifiers',
  'escalation',
  'tool_policy',
  'custom_facts',
  'currency',
]);
export type DiffSection = z.infer<typeof DiffSectionSchema>;

/** One readable change between two ruleset versions. */
export const DiffChangeSchema = z.object({
  section: DiffSectionSchema,
  kind: z.enum(['added', 'removed', 'changed']),
  /** What changed, e.g. `rules.budget_min.value` or `tool_policy.refund`. */
  path: z.string(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  /** A sentence a manager reads: "Budget of at least USD 10,000 a year: threshold 10000 -> 5000". */
  summary: z.string(),
});
export type DiffChange = z.infer<typeof DiffChangeSchema>;

export const RulesetDiffSchema = z.object({
  from: z.string(),
  to: z.string(),
  changes: z.array(DiffChangeSchema),
});
export type RulesetDiff = z.infer<typeof RulesetDiffSchema>;

/** Which stored leads a replay or back-test covers; every field narrows. */
export const LeadFilterSchema = z.object({
  class: ClassSchema.optional(),
  escalated: z.boolean().optional(),
  source: z.string().optional(),
  lead_source: z.string().optional(),
  owner: z.string().optional(),
  import_id: z.string().optional(),
  /** Inclusive lower bound on created_at. */
  from: z.string().optional(),
  /** Exclusive upper bound on created_at. */
  to: z.string().optional(),
  /** Only leads whose imported column equals this value: { "Lead Origin": "API" }. */
  attribute: z.record(z.string(), z.string()).optional(),
  lead_ids: z.array(z.string()).optional(),
});
export type LeadFilter = z.infer<typeof LeadFilterSchema>;

const ClassCountsSchema = z.record(ClassSchema, z.number().int().nonnegative());

/** The rule (or built-in check) that made a lead change class. */
export const ChangeCauseSchema = z.object({
  rule: z.string(),
  label: z.string(),
  effect: z.enum(['now_blocks', 'no_longer_blocks', 'class_order']),
});
export type ChangeCause = z.infer<typeof ChangeCauseSchema>;

export const ChangedLeadSchema = z.object({
  lead_id: z.string(),
  from: ClassSchema,
  to: ClassSchema,
  score_from: z.number(),
  score_to: z.number(),
  cause: ChangeCauseSchema,
});
export type ChangedLead = z.infer<typeof ChangedLeadSchema>;

export const WhatifResultSchema = z.object({
  baseline: z.object({ ruleset: z.string(), version: z.number().int().nullable() }),
  draft: z.object({ ruleset: z.string(), version: z.number().int().nullable() }),
  leads: z.number().int().nonnegative(),
  changed: z.number().int().nonnegative(),
  /** matrix[from][to] = number of leads; the diagonal is the unchanged ones. */
  matrix: z.record(ClassSchema, ClassCountsSchema),
  before: ClassCountsSchema,
  after: ClassCountsSchema,
  /** The first changed leads (up to `limit`), in storage order. */
  changes: z.array(ChangedLeadSchema),
  /** Count of changed leads by the rule that made the difference. */
  by_cause: z.array(
    z.object({ rule: z.string(), label: z.string(), effect: ChangeCauseSchema.shape.effect, leads: z.number().int() }),
  ),
  escalations: z.object({
    before: z.number().int().nonnegative(),
    after: z.number().int().nonnegative(),
    started: z.array(z.string()),
    stopped: z.array(z.string()),
    /** How many leads' escalation was replayed from the stored decision (their signals were not stored). */
    from_decisions: z.number().int().nonnegative(),
  }),
  timing_ms: z.object({ load: z.number(), replay: z.number(), total: z.number() }),
});
export type WhatifResult = z.infer<typeof WhatifResultSchema>;

export const BacktestMetricsSchema = z.object({
  ruleset: z.string(),
  version: z.number().int().nullable(),
  leads: z.number().int().nonnegative(),
  positives: z.number().int().nonnegative(),
  /** Mann-Whitney AUC of the 0-100 score against the outcome; null when one side is empty. */
  auc: z.number().nullable(),
  by_class: z.record(
    ClassSchema,
    z.object({ leads: z.number().int(), converted: z.number().int(), rate: z.number().nullable() }),
  ),
  qualified: z.object({ precision: z.number().nullable(), recall: z.number().nullable() }),
  /** Conversion by score band, for the chart: [0,10), [10,20) ... [90,100]. */
  by_score: z.array(
    z.object({
      from: z.number(),
      to: z.number(),
      leads: z.number().int(),
      converted: z.number().int(),
      rate: z.number().nullable(),
    }),
  ),
});
export type BacktestMetrics = z.infer<typeof BacktestMetricsSchema>;

export const LeakWarningSchema = z.object({
  column: z.string(),
  /** Single-column AUC (orientation-free: max(auc, 1 - auc)). */
  auc: z.number().nullable(),
  facts: z.array(z.string()),
  reason: z.enum(['excluded', 'suspicious_auc', 'outcome_column']),
  message: z.string(),
});
export type LeakWarning = z.infer<typeof LeakWarningSchema>;

export const BacktestResultSchema = z.object({
  outcome: z.string(),
  /** Leads skipped because their outcome is open or unreadable (Engaging, Prospecting, blank). */
  skipped: z.number().int().nonnegative(),
  excluded_columns: z.array(z.string()),
  published: BacktestMetricsSchema.nullable(),
  draft: BacktestMetricsSchema.nullable(),
  columns: z.array(
    z.object({ column: z.string(), auc: z.number().nullable(), used: z.boolean(), excluded: z.boolean() }),
  ),
  warnings: z.array(LeakWarningSchema),
});
export type BacktestResult = z.infer<typeof BacktestResultSchema>;

/** An evaluation case saved from a rep's correction, in SPEC.md's label format. */
export const CorrectionCaseSchema = EvalCaseSchema.extend({
  facts: CaseFactsSchema.extend({
    /** Not in SPEC.md: custom facts computed from imported columns, so rules on them replay too. */
    custom: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  }),
});
export type CorrectionCase = z.infer<typeof CorrectionCaseSchema>;

export const CaseVerdictSchema = z.object({
  case_id: z.string(),
  lead_id: z.string().nullable(),
  expected: ClassSchema,
  got: ClassSchema,
  passed: z.boolean(),
  detail: z.string(),
});
export type CaseVerdict = z.infer<typeof CaseVerdictSchema>;

/** What publishing found when it ran the saved cases. */
export const PublishCheckSchema = z.object({
  cases: z.number().int().nonnegative(),
  passed: z.number().int().nonnegative(),
  /** Cases that pass on the published version and fail on the candidate. */
  broken: z.array(CaseVerdictSchema),
  needs_confirmation: z.boolean(),
});
export type PublishCheck = z.infer<typeof PublishCheckSchema>;

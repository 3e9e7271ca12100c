import { z } from 'zod';
import { BacktestResultSchema, ChangedLeadSchema, RulesetDiffSchema, WhatifResultSchema } from '../workbench.js';
import { method } from './define.js';

// The Rules screen's workbench (issue 7): back-test against known outcomes, the detailed what-if
// and the readable diff between two stored versions.

/** The body travels as unknown so that an invalid draft reaches validation and comes back with its issues. */
const DraftBody = z.unknown();

/** A version reference: a number (3), "published" or "default" (the built-in ruleset). */
export const VersionRefSchema = z.union([
  z.number().int().positive(),
  z
    .string()
    .trim()
    .regex(/^(v?\d+|published|current|default|builtin)$/, 'a version number, "published" or "default"'),
]);

export const BacktestOptionsViewSchema = z.object({
  /** Imported columns seen on stored leads, for the outcome picker; `outcome` is the lead's own field. */
  columns: z.array(z.string()),
  /** The column that looks like the outcome (Converted, deal_stage ...), or null. */
  suggested_outcome: z.string().nullable(),
  /** Columns filled in after the outcome was known; the exclude list starts with these. */
  known_leaking: z.array(z.string()),
  /** Stored leads that have an outcome or imported columns. */
  leads: z.number().int().nonnegative(),
});
export type BacktestOptionsView = z.infer<typeof BacktestOptionsViewSchema>;

export const WhatIfChangedLeadSchema = ChangedLeadSchema.extend({
  name: z.string().nullable(),
  company: z.string().nullable(),
});

export const WhatIfDetailSchema = WhatifResultSchema.extend({ changes: z.array(WhatIfChangedLeadSchema) });
export type WhatIfDetail = z.infer<typeof WhatIfDetailSchema>;

export const workbenchApi = {
  'rules.backtestOptions': method(
    'What the back-test can run on: the imported columns, a likely outcome column and the known leaking columns.',
    z.object({}),
    BacktestOptionsViewSchema,
  ),
  'rules.backtest': method(
    'How well the published ruleset (and a draft) separate stored leads by a known outcome: AUC, conversion per class, precision/recall of qualified, leak warnings.',
    z.object({
      outcome: z.string().trim().min(1, 'the outcome column, e.g. Converted').max(200),
      draft: DraftBody.optional(),
      /** Columns left out (prefix*). Omitted: the known leaking columns. */
      exclude: z.array(z.string().trim().min(1).max(200)).max(200).optional(),
    }),
    BacktestResultSchema,
  ),
  'rules.whatIfDetail': method(
    'Replays a draft against the published version: transition matrix, changed leads with the rule that made the difference, escalation change.',
    z.object({ body: DraftBody, limit: z.number().int().min(1).max(1000).default(200) }),
    WhatIfDetailSchema,
  ),
  'rules.diffVersions': method(
    'What changed between two stored versions, section by section, in sentences a manager reads.',
    z.object({ from: VersionRefSchema, to: VersionRefSchema }),
    RulesetDiffSchema,
  ),
} as const;

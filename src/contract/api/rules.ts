import { z } from 'zod';
import { ClassSchema, RulesetSchema } from '../ruleset.js';
import { method } from './define.js';

export const RulesetVersionSchema = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  status: z.enum(['draft', 'published', 'archived']),
  body: RulesetSchema,
  author: z.string().nullable(),
  note: z.string().nullable(),
  created_at: z.string(),
  published_at: z.string().nullable(),
});
export type RulesetVersion = z.infer<typeof RulesetVersionSchema>;

/** The ruleset decisions use now and where it came from. */
export const ActiveRulesetSchema = z.object({
  id: z.string(),
  version: z.number().int().nullable(),
  body: RulesetSchema,
  /** True when nothing was published yet and the built-in default applies. */
  builtin: z.boolean(),
});

/** A validation problem, placed at its JSON path so the form can show it in place. */
export const RuleIssueSchema = z.object({ path: z.string(), message: z.string() });
export type RuleIssue = z.infer<typeof RuleIssueSchema>;

export const ValidationResultSchema = z.object({ valid: z.boolean(), issues: z.array(RuleIssueSchema) });

export const WhatIfChangeSchema = z.object({
  lead_id: z.string(),
  name: z.string().nullable(),
  company: z.string().nullable(),
  from: ClassSchema.nullable(),
  to: ClassSchema,
});

export const WhatIfResultSchema = z.object({
  /** Leads replayed (those with stored facts). */
  evaluated: z.number().int(),
  changed: z.number().int(),
  /** Count of leads per (from -> to), e.g. "needs_info->qualified". */
  transitions: z.record(z.string(), z.number().int()),
  /** The first changed leads (up to `limit`). */
  items: z.array(WhatIfChangeSchema),
  duration_ms: z.number(),
});
export type WhatIfResult = z.infer<typeof WhatIfResultSchema>;

export const DiffLineSchema = z.object({ op: z.enum(['add', 'remove', 'same']), text: z.string() });

/** The body travels as unknown so that an invalid draft still reaches validation and comes back with its issues. */
const DraftBody = z.unknown();

export const rulesApi = {
  'rules.active': method('The ruleset decisions use now.', z.object({}), ActiveRulesetSchema),
  'rules.versions': method('Every version of the ruleset, newest first.', z.object({}), z.array(RulesetVersionSchema)),
  'rules.validate': method(
    'Checks a ruleset document; issues name their JSON path.',
    z.object({ body: DraftBody }),
    ValidationResultSchema,
  ),
  'rules.whatIf': method(
    "Replays the stored leads' facts under a draft: how many would change class, and which.",
    z.object({ body: DraftBody, limit: z.number().int().min(1).max(1000).default(200) }),
    WhatIfResultSchema,
  ),
  'rules.saveDraft': method(
    'Saves a draft version (validated; invalid drafts are refused with their issues).',
    z.object({ body: DraftBody, note: z.string().max(2000).default(''), author: z.string().default('manager') }),
    RulesetVersionSchema,
  ),
  'rules.publish': method(
    'Publishes a draft version after running the saved correction cases (a draft that breaks cases needs confirm), re-classifies the stored leads and audits the change.',
    z.object({ version: z.number().int().positive(), author: z.string().default('manager'), confirm: z.boolean().default(false) }),
    z.object({ version: RulesetVersionSchema, reclassified: z.number().int(), changed: z.number().int() }),
  ),
  'rules.rollback': method(
    'Publishes a copy of an earlier version (saved cases checked the same way), re-classifies and audits the change.',
    z.object({ version: z.number().int().positive(), author: z.string().default('manager'), confirm: z.boolean().default(false) }),
    z.object({ version: RulesetVersionSchema, reclassified: z.number().int(), changed: z.number().int() }),
  ),
  'rules.diff': method(
    "A line diff between two versions' JSON.",
    z.object({ from: z.number().int().positive(), to: z.number().int().positive() }),
    z.array(DiffLineSchema),
  ),
} as const;

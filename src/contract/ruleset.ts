import { z } from 'zod';
import { BudgetPeriodSchema, DisqualifierSchema, RequiredFactSchema } from './facts.js';
import { EscalationReasonSchema, IntentKindSchema } from './signals.js';

export const ClassSchema = z.enum(['qualified', 'needs_info', 'nurture', 'disqualified']);
export type LeadClass = z.infer<typeof ClassSchema>;

/**
 * Facts a rule can test. The built-in ones are derived from the extracted facts
 * (`budget_annual` is the budget normalised to the base currency per year); `custom.<name>`
 * names a fact the ruleset computes from imported columns.
 */
export const RuleFactSchema = z.union([
  z.enum(['budget_annual', 'timeline_months', 'authority', 'company_size', 'need', 'competitor_count', 'disqualifier']),
  z.string().regex(/^custom\.[a-z][a-z0-9_]*$/, 'custom facts are named custom.<snake_case>'),
]);
export type RuleFact = z.infer<typeof RuleFactSchema>;

export const RuleOpSchema = z.enum(['>=', '>', '<=', '<', '==', '!=', 'in', 'not_in']);
export type RuleOp = z.infer<typeof RuleOpSchema>;

const ScalarSchema = z.union([z.string(), z.number(), z.boolean()]);

export const RuleSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'rule ids are snake_case'),
    /** What a manager reads: "Budget of at least USD 10,000 a year". */
    label: z.string().min(1),
    fact: RuleFactSchema,
    op: RuleOpSchema,
    value: z.union([ScalarSchema, z.array(ScalarSchema)]),
    /** The class a known failing value leads to; null: the rule only counts toward the score. */
    outcome: z.enum(['disqualified', 'nurture', 'needs_info']).nullable(),
    /** Points toward the 0-100 score when the rule passes. */
    weight: z.number().min(0).max(100).default(0),
  })
  .superRefine((r, ctx) => {
    const isList = Array.isArray(r.value);
    if ((r.op === 'in' || r.op === 'not_in') !== isList) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `op "${r.op}" needs ${isList ? 'a single value' : 'a list of values'}` });
    }
    if (['>=', '>', '<=', '<'].includes(r.op) && typeof r.value !== 'number') {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `op "${r.op}" compares numbers; value must be a number` });
    }
  });
export type Rule = z.infer<typeof RuleSchema>;

/** A fact computed from an imported column (issue 7): `Lead Source` -> custom.lead_source. */
export const CustomFactDefSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/),
  label: z.string(),
  column: z.string().min(1),
  type: z.enum(['number', 'string', 'boolean']),
});
export type CustomFactDef = z.infer<typeof CustomFactDefSchema>;

export const ToolNameSchema = z.string().regex(/^[a-z][a-z0-9_]*$/, 'tool names are snake_case');

export const RulesetSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().default(''),
    base_currency: z.string().regex(/^[A-Z]{3}$/),
    /** Value of one unit of each currency in the base currency. */
    currency_rates: z.record(z.string().regex(/^[A-Z]{3}$/), z.number().positive()),
    period_multipliers: z.record(BudgetPeriodSchema, z.number().positive()),
    required: z.array(RequiredFactSchema),
    /** Values that count as unknown for a required fact (authority `end_user`, need `unclear`). */
    unknown_values: z.record(z.string(), z.array(z.string())).default({}),
    disqualifiers: z.array(DisqualifierSchema),
    rules: z.array(RuleSchema),
    /** First match wins; the last class is the one a lead gets when nothing blocks it. */
    class_order: z.array(ClassSchema).length(4),
    questions: z.partialRecord(RequiredFactSchema, z.string().min(1)),
    escalation: z.object({
      triggers: z.array(EscalationReasonSchema),
      discount_max_pct: z.number().min(0).max(100),
    }),
    /** Which tools the agent may call for each intent (issue 3). */
    tool_policy: z.partialRecord(IntentKindSchema, z.array(ToolNameSchema)).default({}),
    custom_facts: z.array(CustomFactDefSchema).default([]),
  })
  .superRefine((rs, ctx) => {
    const seen = new Set<string>();
    rs.rules.forEach((r, i) => {
      if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `duplicate rule id "${r.id}"` });
      seen.add(r.id);
      if (r.fact.startsWith('custom.') && !rs.custom_facts.some((c) => `custom.${c.name}` === r.fact)) {
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'fact'], message: `"${r.fact}" is not defined in custom_facts` });
      }
    });
    if (new Set(rs.class_order).size !== 4) {
      ctx.addIssue({ code: 'custom', path: ['class_order'], message: 'class_order must list each of the four classes once' });
    }
    for (const f of rs.required) {
      if (!rs.questions[f]) ctx.addIssue({ code: 'custom', path: ['questions', f], message: `required fact "${f}" needs a follow-up question` });
    }
    if (!(rs.base_currency in rs.currency_rates)) {
      ctx.addIssue({ code: 'custom', path: ['currency_rates'], message: `the base currency ${rs.base_currency} needs a rate (1)` });
    }
  });
export type Ruleset = z.infer<typeof RulesetSchema>;

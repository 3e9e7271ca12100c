import { z } from 'zod';
import { EvidenceSchema, FactSourceSchema } from './evidence.js';

export const CurrencySchema = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD');
export const BudgetPeriodSchema = z.enum(['year', 'month', 'quarter', 'one_off']);

/** Budget as written: amount in its own currency and period (normalised by the rules engine). */
export const BudgetValueSchema = z.object({
  amount: z.number().nonnegative(),
  currency: CurrencySchema,
  period: BudgetPeriodSchema,
});
export type BudgetValue = z.infer<typeof BudgetValueSchema>;

/** Timeline: whole months from the message date to the decision / purchase / go-live. */
export const TimelineValueSchema = z.object({
  months: z.number().int().nonnegative(),
  /** ISO date (YYYY-MM-DD) the text points at, when it names one. */
  date: z.string().optional(),
});
export type TimelineValue = z.infer<typeof TimelineValueSchema>;

export const AuthoritySchema = z.enum(['decision_maker', 'influencer', 'end_user', 'unknown']);
export type Authority = z.infer<typeof AuthoritySchema>;

export const NeedSchema = z.enum(['stated', 'unclear']);
export type Need = z.infer<typeof NeedSchema>;

export const DisqualifierSchema = z.enum([
  'spam',
  'personal',
  'too_small',
  'no_budget',
  'competitor',
  'job_seeker',
  'vendor_pitch',
  'wrong_recipient',
]);
export type Disqualifier = z.infer<typeof DisqualifierSchema>;

/** One fact: a value (or null = unknown), the evidence for it and who produced it. */
export const factOf = <T extends z.ZodTypeAny>(value: T) =>
  z.object({
    value: value.nullable(),
    evidence: z.array(EvidenceSchema),
    source: FactSourceSchema,
    /** 0..1; how sure the producer is. */
    confidence: z.number().min(0).max(1).optional(),
  });

export const BudgetFactSchema = factOf(BudgetValueSchema);
export const TimelineFactSchema = factOf(TimelineValueSchema);
export const AuthorityFactSchema = factOf(AuthoritySchema);
export const CompanySizeFactSchema = factOf(z.number().int().nonnegative());
export const NeedFactSchema = factOf(NeedSchema);
export const CompetitorsFactSchema = factOf(z.array(z.string()));
export const DisqualifierFactSchema = factOf(DisqualifierSchema);
/** Facts a ruleset computes from imported columns (issue 7); free-form scalar values. */
export const CustomFactSchema = factOf(z.union([z.string(), z.number(), z.boolean()]));

export const FactsSchema = z.object({
  budget: BudgetFactSchema,
  timeline: TimelineFactSchema,
  authority: AuthorityFactSchema,
  company_size: CompanySizeFactSchema,
  need: NeedFactSchema,
  competitors: CompetitorsFactSchema,
  disqualifier: DisqualifierFactSchema,
  custom: z.record(z.string(), CustomFactSchema).default({}),
});
export type Facts = z.infer<typeof FactsSchema>;
export type FactName = Exclude<keyof Facts, 'custom'>;
export const FACT_NAMES = [
  'budget',
  'timeline',
  'authority',
  'company_size',
  'need',
  'competitors',
  'disqualifier',
] as const satisfies readonly FactName[];

/** The facts a ruleset may list as required (SPEC.md order). */
export const RequiredFactSchema = z.enum(['budget', 'timeline', 'authority', 'company_size', 'need']);
export type RequiredFact = z.infer<typeof RequiredFactSchema>;

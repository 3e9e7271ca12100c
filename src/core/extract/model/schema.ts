import { z } from 'zod';
import { AuthoritySchema, BudgetPeriodSchema, DisqualifierSchema, NeedSchema } from '../../../contract/facts.js';
import { EscalationReasonSchema, IntentKindSchema } from '../../../contract/signals.js';

// The wire schema avoids numeric bounds and optional keys: strict structured output on several
// compatible servers rejects them. Ranges are checked in code after parsing.
const Quotes = z.array(z.string()).describe('verbatim quotes copied from the lead text that support the value; empty when the value is null');

/** What the model must answer for one lead: facts with quotes, intent, signals and tool requests. */
export const ModelOutputSchema = z.object({
  intent: z.object({
    kind: IntentKindSchema.describe('what the sender wants'),
    confidence: z.number().describe('0 to 1'),
    quotes: Quotes,
  }),
  facts: z.object({
    budget: z.object({
      value: z
        .object({
          amount: z.number().describe('as written, before any conversion'),
          currency: z.string().describe('ISO 4217 code, e.g. USD'),
          period: BudgetPeriodSchema,
        })
        .nullable(),
      quotes: Quotes,
    }),
    timeline: z.object({
      value: z.object({ months: z.number().describe('whole months from the received date, rounded up'), date: z.string().nullable().describe('YYYY-MM-DD if named') }).nullable(),
      quotes: Quotes,
    }),
    authority: z.object({ value: AuthoritySchema.nullable(), quotes: Quotes }),
    company_size: z.object({ value: z.number().describe('employees; a range counts as its lower bound').nullable(), quotes: Quotes }),
    need: z.object({ value: NeedSchema.nullable(), quotes: Quotes }),
    competitors: z.object({ value: z.array(z.string()).describe('competitor products used or evaluated'), quotes: Quotes }),
    disqualifier: z.object({ value: DisqualifierSchema.nullable(), quotes: Quotes }),
  }),
  signals: z
    .array(
      z.object({
        reason: EscalationReasonSchema,
        quote: z.string().describe('verbatim words from the lead text'),
        detail: z.string(),
        value: z.number().nullable().describe('the discount percent asked for, when the reason is discount'),
      }),
    )
    .describe('anything a person must handle: cancellation, refund, payment, legal, discount, frustration, security, suspicious_instructions'),
  actions: z
    .array(
      z.object({
        tool: z.string().describe('a tool name from the catalog'),
        arguments_json: z.string().describe('the tool arguments as a JSON object'),
        reason: z.string(),
      }),
    )
    .describe('tool calls you propose; the application checks each one'),
  followup: z
    .object({ subject: z.string(), body: z.string().describe('a short, polite email to the lead asking for the missing facts') })
    .nullable(),
});
export type ModelOutput = z.infer<typeof ModelOutputSchema>;

/** A tool call the model asked for, not yet checked by the policy. */
export interface ModelAction {
  tool: string;
  /** The raw JSON text of the arguments; parsed and validated by the policy. */
  arguments: string;
  reason: string;
}

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  AuthoritySchema,
  BudgetValueSchema,
  ChannelSchema,
  ClassSchema,
  describeIssues,
  DisqualifierSchema,
  err,
  EscalationReasonSchema,
  NeedSchema,
  ok,
  RequiredFactSchema,
  type Result,
} from '../../contract/index.js';

/** One labelled conversation in the format of shared/eval/SPEC.md. */
export const EvalCaseSchema = z.object({
  id: z.string(),
  channel: ChannelSchema,
  received_at: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  text: z.string(),
  facts: z.object({
    budget: BudgetValueSchema.nullable(),
    timeline_months: z.number().nullable(),
    authority: AuthoritySchema,
    company_size: z.number().nullable(),
    need: NeedSchema,
    competitors: z.array(z.string()),
    disqualifier: DisqualifierSchema.nullable(),
  }),
  expected: z.object({
    class: ClassSchema,
    missing: z.array(RequiredFactSchema),
    escalate: z.boolean(),
    escalation_reasons: z.array(EscalationReasonSchema),
  }),
  notes: z.string().optional(),
});
export type EvalCase = z.infer<typeof EvalCaseSchema>;

/** Loads every `*.json` case of a folder, sorted by file name; a bad file is an error naming it. */
export function loadCases(dir: string): Result<EvalCase[]> {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  } catch (e) {
    return err('not_found', `Cannot read the case folder ${dir}: ${(e as Error).message}`);
  }
  if (!names.length) return err('invalid_input', `No *.json cases in ${dir}`);
  const cases: EvalCase[] = [];
  for (const n of names) {
    let doc: unknown;
    try {
      doc = JSON.parse(readFileSync(join(dir, n), 'utf8'));
    } catch (e) {
      return err('invalid_input', `${n}: not valid JSON (${(e as Error).message})`);
    }
    const parsed = EvalCaseSchema.safeParse(doc);
    if (!parsed.success) return err('invalid_input', `${n}: ${describeIssues(parsed.error.issues).join('; ')}`);
    cases.push(parsed.data);
  }
  return ok(cases);
}

import { z } from 'zod';

/** A verbatim quote from the stored source text; `text.slice(start, end) === quote`. */
export const EvidenceSchema = z.object({
  quote: z.string().min(1),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

/** Where a fact came from; `rep` is a person's correction and always wins. */
export const FactSourceSchema = z.enum(['embedded', 'model', 'rep', 'import']);
export type FactSource = z.infer<typeof FactSourceSchema>;

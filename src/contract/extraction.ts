import { z } from 'zod';
import { FactsSchema } from './facts.js';
import { IntentSchema, EscalationSignalSchema } from './signals.js';

/** What an extractor returns for one text. Offsets point into the stored source text. */
export const ExtractionSchema = z.object({
  facts: FactsSchema,
  intent: IntentSchema,
  signals: z.array(EscalationSignalSchema),
  /** `embedded@1.0.0`, `model:gpt-4o-mini@<prompt hash>`, `merged(...)` */
  extractor: z.string(),
});
export type Extraction = z.infer<typeof ExtractionSchema>;

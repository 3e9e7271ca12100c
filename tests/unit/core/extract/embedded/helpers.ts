import { ExtractionSchema, type Extraction } from '../../../../../src/contract/index.js';
import { extractEmbedded } from '../../../../../src/core/extract/embedded/index.js';

/** Runs the extractor on text read whole as the lead's words, validating the contract on the way. */
export function extract(text: string, receivedAt = '2026-03-02'): Extraction {
  const x = extractEmbedded({ text, receivedAt });
  return ExtractionSchema.parse(x);
}

/** Every evidence quote of an extraction, for offset checks. */
export function allEvidence(x: Extraction): Array<{ quote: string; start: number; end: number }> {
  const facts = [x.facts.budget, x.facts.timeline, x.facts.authority, x.facts.company_size, x.facts.need, x.facts.competitors, x.facts.disqualifier];
  return [...facts.flatMap((f) => f.evidence), ...x.intent.evidence, ...x.signals.flatMap((s) => s.evidence)];
}

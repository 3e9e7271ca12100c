import type { Extraction } from '../../contract/index.js';

/** An extraction that knows nothing: the start for leads that have no text to read. */
export function emptyExtraction(): Extraction {
  const none = { value: null, evidence: [], source: 'import' as const };
  return {
    facts: {
      budget: { ...none },
      timeline: { ...none },
      authority: { ...none },
      company_size: { ...none },
      need: { ...none },
      competitors: { value: [], evidence: [], source: 'import' },
      disqualifier: { ...none },
      custom: {},
    },
    intent: { kind: 'other', confidence: 0, evidence: [] },
    signals: [],
    extractor: 'columns',
  };
}

import type { Channel, Decision, Extraction, ParsedText } from '../../contract/index.js';
import { extractEmbedded } from '../extract/embedded/index.js';
import { parseText } from '../intake/text/index.js';
import type { CompiledRuleset } from '../rules/evaluate.js';

export interface AnalyzeInput {
  text: string;
  /** YYYY-MM-DD: relative dates and timelines count from here. */
  receivedAt: string;
  channel?: Channel;
}

export interface Analysis {
  parsed: ParsedText;
  extraction: Extraction;
  decision: Decision;
}

/**
 * The embedded path from raw text to a decision, with no storage: intake, extraction, rules.
 * Every host and the evaluation use it, so what is measured is what ships.
 */
export function analyzeText(input: AnalyzeInput, rules: CompiledRuleset): Analysis {
  const parsed = parseText(input.text, { receivedAt: input.receivedAt, ...(input.channel ? { channel: input.channel } : {}) });
  const extraction = extractEmbedded({ text: input.text, receivedAt: input.receivedAt, parsed });
  const decision = rules.evaluate(extraction.facts, extraction.signals);
  return { parsed, extraction, decision };
}

import type { BriefSection, Citation } from '../../contract/index.js';
import type { StoreContext } from '../store/context.js';
import * as trace from '../store/trace.js';
import { getChunk } from './documents.js';

export type CitationProblem = 'chunk_not_found' | 'source_mismatch' | 'quote_not_found';

/** Checks one citation: the chunk exists, belongs to the cited source, and holds the quote verbatim. */
export function checkCitation(ctx: StoreContext, c: Citation): CitationProblem | null {
  const chunk = getChunk(ctx, c.chunk_id);
  if (!chunk) return 'chunk_not_found';
  if (chunk.source !== c.source) return 'source_mismatch';
  if (!c.quote.trim() || !chunk.text.includes(c.quote)) return 'quote_not_found';
  return null;
}

export interface VerifyPolicy {
  /** Section titles whose every item needs at least one verified citation. */
  citationRequired: ReadonlySet<string>;
}

export interface DroppedStatement {
  section: string;
  text: string;
  problems: Array<{ citation: Citation; problem: CitationProblem }>;
  reason: 'citation_failed' | 'no_citation';
}

export interface VerifyResult {
  sections: BriefSection[];
  dropped: DroppedStatement[];
}

/**
 * Keeps only supported statements. An item is dropped when any of its citations fails (it
 * claimed support it does not have) or when its section needs a citation and it has none.
 * Each drop is appended to the trace so that the Trace screen shows what was removed and why.
 */
export function verifySections(
  ctx: StoreContext,
  sections: readonly BriefSection[],
  policy: VerifyPolicy,
  traceTo: { lead_id: string; run_id?: string | null; composer: string },
): VerifyResult {
  const dropped: DroppedStatement[] = [];
  const kept = sections.map((s) => ({
    title: s.title,
    items: s.items.filter((item) => {
      const problems = item.citations.flatMap((c) => {
        const p = checkCitation(ctx, c);
        return p ? [{ citation: c, problem: p }] : [];
      });
      let reason: DroppedStatement['reason'] | null = null;
      if (problems.length) reason = 'citation_failed';
      else if (!item.citations.length && policy.citationRequired.has(s.title)) reason = 'no_citation';
      if (!reason) return true;
      dropped.push({ section: s.title, text: item.text, problems, reason });
      return false;
    }),
  }));
  for (const d of dropped) {
    trace.append(ctx, {
      lead_id: traceTo.lead_id,
      run_id: traceTo.run_id ?? null,
      type: 'citation_dropped',
      data: { composer: traceTo.composer, section: d.section, text: d.text, reason: d.reason, problems: d.problems },
    });
  }
  return { sections: kept, dropped };
}

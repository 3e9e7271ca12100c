import type { StoreContext } from '../store/context.js';
import { normName } from '../store/identity.js';
import { verifyQuotes } from '../extract/verify.js';

export type GuardVerdict = { behavior: 'allow' } | { behavior: 'reject'; reason: 'leaks_other_lead' | 'internal_reasoning' | 'invalid_evidence'; detail: string };

// Words that belong to the app's reasoning, not to a message for the lead.
const INTERNAL = /\b(?:score|ruleset|rules? engine|classif\w*|needs_info|nurture|disqualif\w*|escalat\w*|system prompt|confidence|internal note|lead_[0-9A-Z]{6,})\b/i;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/**
 * Checks text meant for the lead (reply, follow-up email): no internal reasoning, no email
 * address that is not in the lead's own text, no full name of another stored lead.
 */
export function checkOutgoingText(store: StoreContext, leadId: string, sourceText: string, text: string): GuardVerdict {
  const internal = INTERNAL.exec(text);
  if (internal) return { behavior: 'reject', reason: 'internal_reasoning', detail: `contains internal wording "${internal[0]}"` };
  const lowerSource = sourceText.toLowerCase();
  for (const m of text.matchAll(EMAIL)) {
    if (!lowerSource.includes(m[0].toLowerCase())) return { behavior: 'reject', reason: 'leaks_other_lead', detail: `mentions ${m[0]}, which is not in this lead's text` };
  }
  const norm = normName(text);
  if (norm) {
    const hit = store.db
      .prepare(
        `SELECT name FROM leads WHERE id != ? AND name_norm IS NOT NULL AND instr(name_norm, ' ') > 0
           AND instr(?, ' ' || name_norm || ' ') > 0 AND instr(?, ' ' || name_norm || ' ') = 0 LIMIT 1`,
      )
      .get(leadId, ` ${norm} `, ` ${normName(sourceText) ?? ''} `) as { name: string } | undefined;
    if (hit) return { behavior: 'reject', reason: 'leaks_other_lead', detail: `names ${hit.name}, another lead` };
  }
  return { behavior: 'allow' };
}

/** A model's CRM change must quote the lead text; otherwise the value is treated as invented. */
export function checkChangeEvidence(sourceText: string, changes: ReadonlyArray<{ field: string; new: unknown; evidence_quotes: string[] }>): GuardVerdict {
  for (const c of changes) {
    if (c.field === 'next_step') continue;
    const v = verifyQuotes(sourceText, c.evidence_quotes);
    if (!v.evidence.length || v.invalid.length) {
      return { behavior: 'reject', reason: 'invalid_evidence', detail: `${c.field}: ${v.invalid.length ? `quote not in the text: "${v.invalid[0]!.slice(0, 80)}"` : 'no quote given'}` };
    }
  }
  return { behavior: 'allow' };
}

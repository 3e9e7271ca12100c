import { KB_STALE_AFTER_DAYS, type KbFreshness } from '../../contract/api/kb.js';
import type { KbDocument } from '../../contract/index.js';

const DAY_MS = 86_400_000;

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** "today", "3 days ago", "5 weeks ago", "4 months ago", "2 years ago". */
export function ageLabel(days: number): string {
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days < 14) return `${plural(days, 'day')} ago`;
  if (days < 60) return `${plural(Math.floor(days / 7), 'week')} ago`;
  if (days < 730) return `${plural(Math.floor(days / 30), 'month')} ago`;
  return `${plural(Math.floor(days / 365), 'year')} ago`;
}

/**
 * How fresh a document's content is. The file's own modification time wins over the ingest
 * time: a two-year-old price list added today is still two years old.
 */
export function freshnessOf(
  doc: Pick<KbDocument, 'modified_at' | 'updated_at'>,
  now: Date,
  staleAfterDays = KB_STALE_AFTER_DAYS,
): KbFreshness {
  const asOf = doc.modified_at ?? doc.updated_at;
  const t = Date.parse(asOf);
  const days = Number.isNaN(t) ? 0 : Math.max(0, Math.floor((now.getTime() - t) / DAY_MS));
  return { as_of: asOf, age_days: days, label: `updated ${ageLabel(days)}`, stale: days > staleAfterDays };
}

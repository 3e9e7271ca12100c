import { z } from 'zod';
import { DedupeIndex } from './dedupe.js';

const column = z.array(z.string().nullable());

/**
 * What the store already holds that preparing a leads table must know: the identity keys of the
 * stored leads (for duplicates) and the accounts by normalised name (for links). Plain columns,
 * read by the writing side inside its transaction, so the preparing side (possibly the import
 * worker, which has no database) sees exactly what the import writes against.
 */
export const KnownLeadsSchema = z.object({
  ids: z.array(z.string()),
  email_norm: column,
  external_id: column,
  domain: column,
  company_norm: column,
  name_norm: column,
  /** [name_norm, company id] of every account. */
  companies: z.array(z.tuple([z.string(), z.string()])),
});
export type KnownLeads = z.infer<typeof KnownLeadsSchema>;

export const NOTHING_KNOWN: KnownLeads = { ids: [], email_norm: [], external_id: [], domain: [], company_norm: [], name_norm: [], companies: [] };

/** A dedupe index holding the stored leads. */
export function dedupeIndexOf(known: KnownLeads): DedupeIndex {
  const index = new DedupeIndex();
  for (let i = 0; i < known.ids.length; i++) {
    index.add(known.ids[i] as string, {
      email_norm: known.email_norm[i] ?? null,
      external_id: known.external_id[i] ?? null,
      domain: known.domain[i] ?? null,
      company_norm: known.company_norm[i] ?? null,
      name_norm: known.name_norm[i] ?? null,
    });
  }
  return index;
}

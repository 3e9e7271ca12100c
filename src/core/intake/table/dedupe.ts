import type { DuplicateMatch } from '../../../contract/store.js';

export interface IdentityKeys {
  email_norm: string | null;
  external_id: string | null;
  domain: string | null;
  company_norm: string | null;
  name_norm: string | null;
}

/**
 * The person key: name at a domain (or, without one, at a company name). A company alone is a
 * key only for rows that have nothing else, otherwise every deal of one account would collide.
 */
function domainNameKey(k: IdentityKeys): string | null {
  const org = k.domain ?? (k.company_norm ? `co:${k.company_norm}` : null);
  if (k.name_norm) return `${org ?? ''}\u0001${k.name_norm}`;
  if (org && !k.email_norm && !k.external_id) return `${org}\u0001`;
  return null;
}

/** In-memory index of identity keys, preloaded from the store so an import never SELECTs per row. */
export class DedupeIndex {
  private readonly byEmail = new Map<string, string>();
  private readonly byExternal = new Map<string, string>();
  private readonly byDomainName = new Map<string, string>();
  /** Lead ids added during this import (matches against them are in-file duplicates). */
  private readonly fresh = new Set<string>();

  /** The first stored or earlier-row lead this row duplicates, by the strongest key. */
  match(k: IdentityKeys): { matched_lead_id: string; by: DuplicateMatch['by']; in_file: boolean } | null {
    const hit = (id: string | undefined, by: DuplicateMatch['by']) => (id ? { matched_lead_id: id, by, in_file: this.fresh.has(id) } : null);
    if (k.email_norm) {
      const m = hit(this.byEmail.get(k.email_norm), 'email');
      if (m) return m;
    }
    if (k.external_id) {
      const m = hit(this.byExternal.get(k.external_id), 'external_id');
      if (m) return m;
    }
    const dn = domainNameKey(k);
    return dn ? hit(this.byDomainName.get(dn), 'domain_name') : null;
  }

  /** Registers a lead's keys; `fresh` marks leads created by the running import. */
  add(id: string, k: IdentityKeys, fresh = false): void {
    if (k.email_norm && !this.byEmail.has(k.email_norm)) this.byEmail.set(k.email_norm, id);
    if (k.external_id && !this.byExternal.has(k.external_id)) this.byExternal.set(k.external_id, id);
    const dn = domainNameKey(k);
    if (dn && !this.byDomainName.has(dn)) this.byDomainName.set(dn, id);
    if (fresh) this.fresh.add(id);
  }
}

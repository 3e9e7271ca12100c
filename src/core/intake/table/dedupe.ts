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

/**
 * In-memory index of identity keys, preloaded from the store so an import never SELECTs per row.
 * Keys map to a slot number (small integers are cheap Map values); `ids` and `fresh` hold the
 * lead id and origin of each slot. This runs twice per row of a 100k-row import.
 */
export class DedupeIndex {
  private readonly byEmail = new Map<string, number>();
  private readonly byExternal = new Map<string, number>();
  private readonly byDomainName = new Map<string, number>();
  private readonly ids: string[] = [];
  /** Whether the slot's lead was added during this import (matches against it are in-file duplicates). */
  private readonly fresh: boolean[] = [];

  private hit(slot: number | undefined, by: DuplicateMatch['by']): { matched_lead_id: string; by: DuplicateMatch['by']; in_file: boolean } | null {
    return slot === undefined ? null : { matched_lead_id: this.ids[slot] as string, by, in_file: this.fresh[slot] === true };
  }

  /** The first stored or earlier-row lead this row duplicates, by the strongest key. */
  match(k: IdentityKeys): { matched_lead_id: string; by: DuplicateMatch['by']; in_file: boolean } | null {
    if (k.email_norm) {
      const m = this.hit(this.byEmail.get(k.email_norm), 'email');
      if (m) return m;
    }
    if (k.external_id) {
      const m = this.hit(this.byExternal.get(k.external_id), 'external_id');
      if (m) return m;
    }
    const dn = domainNameKey(k);
    return dn ? this.hit(this.byDomainName.get(dn), 'domain_name') : null;
  }

  /** Registers a lead's keys; `fresh` marks leads created by the running import. */
  add(id: string, k: IdentityKeys, fresh = false): void {
    const slot = this.ids.length;
    this.ids.push(id);
    this.fresh.push(fresh);
    if (k.email_norm && this.byEmail.get(k.email_norm) === undefined) this.byEmail.set(k.email_norm, slot);
    if (k.external_id && this.byExternal.get(k.external_id) === undefined) this.byExternal.set(k.external_id, slot);
    const dn = domainNameKey(k);
    if (dn && this.byDomainName.get(dn) === undefined) this.byDomainName.set(dn, slot);
  }
}

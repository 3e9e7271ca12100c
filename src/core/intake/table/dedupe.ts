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
 * What a key points at: a stored lead's id, or (a number) the position of an earlier row of the
 * running import among its rows to store, which has no id yet where this index runs.
 */
export type LeadRef = string | number;

export interface DedupeMatch {
  ref: LeadRef;
  by: DuplicateMatch['by'];
  /** The match is an earlier row of the same file. */
  in_file: boolean;
}

/**
 * In-memory index of identity keys, preloaded with the stored leads so an import never SELECTs
 * per row. Keys map to a slot number (small integers are cheap Map values); `refs` and `fresh`
 * hold what each slot points at and its origin. This runs twice per row of a 100k-row import.
 */
export class DedupeIndex {
  private readonly byEmail = new Map<string, number>();
  private readonly byExternal = new Map<string, number>();
  private readonly byDomainName = new Map<string, number>();
  private readonly refs: LeadRef[] = [];
  /** Whether the slot is a row of the running import (matches against it are in-file duplicates). */
  private readonly fresh: boolean[] = [];

  private hit(slot: number | undefined, by: DuplicateMatch['by']): DedupeMatch | null {
    return slot === undefined ? null : { ref: this.refs[slot] as LeadRef, by, in_file: this.fresh[slot] === true };
  }

  /** Registers a lead's keys; `fresh` marks rows of the running import. */
  add(ref: LeadRef, k: IdentityKeys, fresh = false): void {
    const slot = this.refs.length;
    this.refs.push(ref);
    this.fresh.push(fresh);
    if (k.email_norm && this.byEmail.get(k.email_norm) === undefined) this.byEmail.set(k.email_norm, slot);
    if (k.external_id && this.byExternal.get(k.external_id) === undefined) this.byExternal.set(k.external_id, slot);
    const dn = domainNameKey(k);
    if (dn && this.byDomainName.get(dn) === undefined) this.byDomainName.set(dn, slot);
  }

  /**
   * An import's row: the first stored lead or earlier row it duplicates, by the strongest key, or, when nothing, registers it as
   * `ref` of the running import and returns null. One lookup per key instead of a lookup and an
   * `add`: at 100k rows the two took a fifth of preparing.
   */
  claim(ref: LeadRef, k: IdentityKeys): DedupeMatch | null {
    const email = k.email_norm ? this.byEmail.get(k.email_norm) : undefined;
    if (email !== undefined) return this.hit(email, 'email');
    const external = k.external_id ? this.byExternal.get(k.external_id) : undefined;
    if (external !== undefined) return this.hit(external, 'external_id');
    const dn = domainNameKey(k);
    const domainName = dn ? this.byDomainName.get(dn) : undefined;
    if (domainName !== undefined) return this.hit(domainName, 'domain_name');
    // No key matched, so none is taken: each is set without another lookup.
    const slot = this.refs.length;
    this.refs.push(ref);
    this.fresh.push(true);
    if (k.email_norm) this.byEmail.set(k.email_norm, slot);
    if (k.external_id) this.byExternal.set(k.external_id, slot);
    if (dn) this.byDomainName.set(dn, slot);
    return null;
  }
}

import { ok, type CrmRecord, type Result } from '../../../contract/index.js';
import type { HubSpotApi } from './api.js';
import { htmlToText } from './activities.js';
import type { HsObject } from './shapes.js';

export interface RelatedOptions {
  companyProperties: readonly string[];
  /** Newest notes and emails kept per contact; older ones add calls and rarely change a decision. */
  activitiesPerContact: number;
  /** Longest text kept per activity. */
  maxActivityChars: number;
}

export const DEFAULT_RELATED: RelatedOptions = {
  companyProperties: ['name', 'domain', 'industry', 'numberofemployees', 'annualrevenue', 'city', 'country'],
  activitiesPerContact: 3,
  maxActivityChars: 4_000,
};

type Activity = CrmRecord['activities'][number];

// Engagement ids grow with creation time, so the highest ids are the newest without reading dates.
const newestIds = (ids: readonly string[], n: number) =>
  [...ids].sort((a, b) => (BigInt(b) > BigInt(a) ? 1 : BigInt(b) < BigInt(a) ? -1 : 0)).slice(0, n);

/**
 * Companies, notes and emails for many contacts at once: one association read per kind for up to
 * 1,000 contacts, then batch reads of the distinct objects. Companies are cached across pages
 * because many contacts share one.
 */
export async function fetchRelated(
  api: HubSpotApi,
  contacts: readonly HsObject[],
  opts: RelatedOptions,
  companyCache: Map<string, HsObject | null>,
): Promise<Result<Map<string, Pick<CrmRecord, 'company' | 'activities'>>>> {
  const ids = contacts.map((c) => c.id);
  const out = new Map<string, Pick<CrmRecord, 'company' | 'activities'>>();
  if (ids.length === 0) return ok(out);

  const comp = await api.associations('contacts', 'companies', ids);
  if (!comp.ok) return comp;
  const wantCompanies = [
    ...new Set([...comp.value.values()].map((v) => v[0]).filter((v): v is string => v !== undefined)),
  ].filter((id) => !companyCache.has(id));
  const companies = await api.batchReadAll('companies', wantCompanies, opts.companyProperties);
  if (!companies.ok) return companies;
  for (const c of companies.value) companyCache.set(c.id, c);
  for (const id of wantCompanies) if (!companyCache.has(id)) companyCache.set(id, null);

  const texts = new Map<string, Activity[]>();
  const kinds = [
    {
      to: 'notes',
      kind: 'note' as const,
      props: ['hs_note_body', 'hs_timestamp'],
      text: (o: HsObject) => htmlToText(o.properties['hs_note_body'] ?? ''),
    },
    {
      to: 'emails',
      kind: 'email' as const,
      props: ['hs_email_subject', 'hs_email_text', 'hs_email_html', 'hs_timestamp', 'hs_email_direction'],
      text: (o: HsObject) => {
        const p = o.properties;
        const body = p['hs_email_text'] ?? htmlToText(p['hs_email_html'] ?? '');
        return [p['hs_email_subject'] ? `Subject: ${p['hs_email_subject']}` : '', body].filter(Boolean).join('\n');
      },
    },
  ];
  for (const k of kinds) {
    const assoc = await api.associations('contacts', k.to, ids);
    if (!assoc.ok) return assoc;
    const owner = new Map<string, string>();
    for (const [contactId, actIds] of assoc.value)
      for (const a of newestIds(actIds, opts.activitiesPerContact)) owner.set(a, contactId);
    const objs = await api.batchReadAll(k.to, [...owner.keys()], k.props);
    if (!objs.ok) return objs;
    for (const o of objs.value) {
      const contactId = owner.get(o.id);
      if (!contactId) continue;
      const ts = o.properties['hs_timestamp'];
      const at = ts ? (/^\d+$/.test(ts) ? new Date(Number(ts)).toISOString() : ts) : null;
      const text = k.text(o).slice(0, opts.maxActivityChars);
      if (text.trim() === '') continue;
      const list = texts.get(contactId) ?? [];
      list.push({ id: o.id, kind: k.kind, at, text });
      texts.set(contactId, list);
    }
  }

  for (const id of ids) {
    const companyId = comp.value.get(id)?.[0];
    const c = companyId ? companyCache.get(companyId) : null;
    const activities = (texts.get(id) ?? []).sort((a, b) => (b.at ?? '').localeCompare(a.at ?? ''));
    out.set(id, { company: c ? { id: c.id, properties: c.properties } : null, activities });
  }
  return ok(out);
}

import { SyncReportSchema, type AppError, type CrmRecord, type SyncReport } from '../../contract/index.js';
import type { StoreContext } from '../store/context.js';
import * as leads from '../store/leads.js';
import * as sources from '../store/sources.js';
import * as trace from '../store/trace.js';
import type { CrmConnector } from './connector.js';
import * as state from './state.js';

/** Qualifies one synced lead from its text; the pipeline's service plugs in here. */
export type QualifySynced = (ctx: StoreContext, input: { leadId: string; text: string; receivedAt: string }) => void | Promise<void>;

export interface SyncOptions {
  /** ISO date: ignore the saved cursor and sync changes since then. */
  since?: string | null;
  /** Stop after this many records (the cursor still saves what was done). */
  limit?: number;
  pageSize?: number;
  /** Runs for each lead whose text is new; omit to store without qualifying. */
  qualify?: QualifySynced;
  onProgress?: (p: { done: number; total: number | null }) => void;
  signal?: AbortSignal;
}

const s = (v: string | null | undefined): string | null =>
  v === undefined || v === null || v.trim() === '' ? null : v.trim();

/** The text qualification reads: who the contact is, then their newest notes and emails. */
export function recordText(rec: CrmRecord): string {
  const p = rec.properties;
  const name = [s(p['firstname']), s(p['lastname'])].filter(Boolean).join(' ');
  const head = [
    name || s(p['email']) ? `From: ${name}${s(p['email']) ? ` <${s(p['email'])}>` : ''}` : null,
    s(p['jobtitle']) ? `Title: ${s(p['jobtitle'])}` : null,
    (s(rec.company?.properties['name']) ?? s(p['company']))
      ? `Company: ${s(rec.company?.properties['name']) ?? s(p['company'])}`
      : null,
    s(rec.company?.properties['numberofemployees'])
      ? `Employees: ${s(rec.company?.properties['numberofemployees'])}`
      : null,
    s(p['message']) ? `\n${s(p['message'])}` : null,
  ].filter((x): x is string => x !== null);
  const acts = rec.activities.map((a) => `--- ${a.kind}${a.at ? ` ${a.at.slice(0, 10)}` : ''} ---\n${a.text}`);
  return [head.join('\n'), ...acts].filter((x) => x.trim() !== '').join('\n\n');
}

function leadFields(rec: CrmRecord) {
  const p = rec.properties;
  const name = [s(p['firstname']), s(p['lastname'])].filter(Boolean).join(' ') || null;
  return {
    name,
    email: s(p['email']),
    phone: s(p['phone']),
    title: s(p['jobtitle']),
    company: s(rec.company?.properties['name']) ?? s(p['company']),
    website: s(p['website']) ?? s(rec.company?.properties['domain']),
    owner: s(p['hubspot_owner_id']),
    lead_source: s(p['hs_analytics_source']),
    status: s(p['hs_lead_status']) ?? 'new',
  };
}

/**
 * Pulls records changed since the saved cursor, stores each as a lead (source 'crm', external_id =
 * the CRM id) with its text as a source, snapshots the CRM values (the "before" of proposals) and
 * qualifies leads whose text is new. The cursor is saved after every page, so a stopped sync resumes.
 */
export async function syncCrm(ctx: StoreContext, connector: CrmConnector, opts: SyncOptions = {}): Promise<SyncReport> {
  const kind = connector.kind;
  const started = ctx.clock().toISOString();
  const calls0 = connector.callCount();
  const limited0 = connector.rateLimitedCount?.() ?? 0;
  const errors: AppError[] = [];
  const report = { records: 0, leads_created: 0, leads_updated: 0, sources_added: 0, qualified: 0 };
  let cursor: string | null = opts.since ? null : (state.syncState(ctx, kind)?.cursor ?? null);
  let total: number | null = null;
  const toQualify: Array<{ leadId: string; text: string; receivedAt: string }> = [];

  for (;;) {
    if (opts.signal?.aborted) break;
    const remaining = opts.limit === undefined ? undefined : opts.limit - report.records;
    if (remaining !== undefined && remaining <= 0) break;
    const page = await connector.listChanged({
      cursor,
      since: opts.since ?? null,
      withRelated: true,
      ...(opts.pageSize || remaining !== undefined
        ? { pageSize: Math.min(opts.pageSize ?? 1_000, remaining ?? Infinity) }
        : {}),
    });
    if (!page.ok) {
      errors.push(page.error);
      if (page.error.code === 'crm_auth') state.markNeedsReconnect(ctx, kind, page.error.message);
      break;
    }
    total ??= page.value.total_estimate;
    ctx.db.transaction(() => {
      for (const rec of page.value.records) {
        const fields = leadFields(rec);
        const existingId = (
          ctx.db.prepare("SELECT id FROM leads WHERE source = 'crm' AND external_id = ? LIMIT 1").get(rec.id) as
            { id: string } | undefined
        )?.id;
        let leadId: string;
        if (existingId) {
          leads.update(ctx, existingId, fields);
          leadId = existingId;
          report.leads_updated++;
        } else {
          leadId = leads.insert(ctx, {
            ...fields,
            source: 'crm',
            external_id: rec.id,
            channel: 'crm',
            attributes: { crm: kind },
            ...(rec.created_at ? { created_at: rec.created_at } : {}),
          }).id;
          report.leads_created++;
        }
        const text = recordText(rec);
        if (text.trim() !== '') {
          const sha = sources.sha256Of(text);
          const known = ctx.db.prepare('SELECT 1 FROM sources WHERE lead_id = ? AND sha256 = ?').get(leadId, sha);
          if (!known) {
            const receivedAt = (rec.activities[0]?.at ?? rec.updated_at).slice(0, 10);
            sources.insert(ctx, { lead_id: leadId, kind: 'crm', text, received_at: receivedAt });
            report.sources_added++;
            toQualify.push({ leadId, text, receivedAt });
          }
        }
        state.upsertSnapshot(ctx, kind, rec, leadId);
      }
      state.saveCursor(ctx, kind, page.value.cursor, page.value.records.length);
      if (page.value.done && page.value.watermark) state.saveWatermark(ctx, kind, page.value.watermark);
    })();
    cursor = page.value.cursor;
    report.records += page.value.records.length;
    // Qualify after the page commits: a qualification failure must not lose the synced rows.
    if (opts.qualify) {
      for (const q of toQualify.splice(0)) {
        try {
          await opts.qualify(ctx, q);
          report.qualified++;
        } catch (e) {
          errors.push({ code: 'internal', message: `Qualifying lead ${q.leadId} failed: ${(e as Error).message}` });
        }
      }
    }
    opts.onProgress?.({ done: report.records, total });
    if (page.value.done) break;
  }

  const out = SyncReportSchema.parse({
    crm: kind,
    started_at: started,
    finished_at: ctx.clock().toISOString(),
    ...report,
    cursor,
    api_calls: connector.callCount() - calls0,
    rate_limited: (connector.rateLimitedCount?.() ?? 0) - limited0,
    errors,
  });
  state.saveReport(ctx, kind, out);
  trace.append(ctx, {
    type: 'crm.sync',
    data: {
      crm: kind,
      records: out.records,
      leads_created: out.leads_created,
      api_calls: out.api_calls,
      errors: errors.map((e) => e.code),
    },
  });
  return out;
}

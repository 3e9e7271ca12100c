import type { crmApi } from '../../contract/api/crm.js';
import type { Handlers } from '../../transport/dispatch.js';
import * as crmStore from '../store/crm.js';
import { unsupported, type CoreContext } from './context.js';

/** Handlers for the CRM connection; the local CRM (SQLite) is always there. */
export function crmHandlers(core: CoreContext): Handlers<typeof crmApi> {
  const ctx = core.store;
  const localStatus = () => {
    const n = (ctx.db.prepare('SELECT count(*) AS n FROM crm_records').get() as { n: number }).n;
    return { kind: 'local' as const, connected: true, label: `Local CRM (SQLite), ${n} record${n === 1 ? '' : 's'}`, last_sync_at: null };
  };
  return {
    'crm.status': () => ({ ok: true, value: localStatus() }),
    'crm.connect': ({ kind }) => (kind === 'local' ? { ok: true, value: localStatus() } : unsupported('the HubSpot connector (src/core/crm/hubspot, issue 5)')),
    'crm.sync': () => unsupported('CRM sync (src/core/crm, issue 5); the local CRM needs no sync'),
    'crm.record': ({ lead_id }) => {
      const r = crmStore.getRecordByLead(ctx, lead_id);
      return { ok: true, value: r ? { id: r.id, lead_id: r.lead_id, fields: r.fields, version: r.version, updated_at: r.updated_at } : null };
    },
  };
}

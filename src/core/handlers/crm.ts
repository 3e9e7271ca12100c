import type { crmApi } from '../../contract/api/crm.js';
import type { Handlers } from '../../transport/dispatch.js';
import { HubSpotConnector } from '../crm/hubspot/connector.js';
import { HUBSPOT_TOKEN_KEY } from '../secrets.js';
import { activeConnection, saveConnection, syncState } from '../crm/state.js';
import { syncCrm } from '../crm/sync.js';
import { qualifyStoredLead } from '../pipeline/qualifyTable.js';
import { activeCompiled } from '../rules/active.js';
import * as crmStore from '../store/crm.js';
import type { CoreContext } from './context.js';

/** Handlers for the CRM connection; the local CRM (SQLite) is there when nothing else is connected. */
export function crmHandlers(core: CoreContext): Handlers<typeof crmApi> {
  const ctx = core.store;
  const status = () => {
    const c = activeConnection(ctx);
    if (c?.kind === 'hubspot') {
      const s = syncState(ctx, 'hubspot');
      const connected = c.state === 'connected' && core.secrets.get(HUBSPOT_TOKEN_KEY) !== null;
      return {
        kind: 'hubspot' as const,
        connected,
        label: connected ? 'HubSpot' : `HubSpot: reconnect needed${c.message ? ` (${c.message})` : ''}`,
        last_sync_at: s?.last_sync_at ?? null,
      };
    }
    const n = (ctx.db.prepare('SELECT count(*) AS n FROM crm_records').get() as { n: number }).n;
    return {
      kind: 'local' as const,
      connected: true,
      label: `Local CRM (SQLite), ${n} record${n === 1 ? '' : 's'}`,
      last_sync_at: null,
    };
  };
  return {
    'crm.status': () => ({ ok: true, value: status() }),
    'crm.connect': ({ kind, token }) => {
      if (kind === 'hubspot') {
        if (!token)
          return {
            ok: false,
            error: { code: 'invalid_input', message: 'A HubSpot private-app token is needed.', path: ['token'] },
          };
        core.secrets.set(HUBSPOT_TOKEN_KEY, token);
        saveConnection(ctx, 'hubspot', null);
      } else saveConnection(ctx, 'local', null);
      core.bus.emit('changed', { topic: 'crm', ids: [] });
      return { ok: true, value: status() };
    },
    'crm.sync': async () => {
      const c = activeConnection(ctx);
      if (c?.kind !== 'hubspot')
        return {
          ok: true,
          value: { task_id: null, pulled: 0, message: 'The local CRM is this database: there is nothing to sync.' },
        };
      const connector = new HubSpotConnector({
        token: () => core.secrets.get(HUBSPOT_TOKEN_KEY),
        ...(c.base_url ? { baseUrl: c.base_url } : {}),
      });
      const task = core.tasks.start('crm_sync', 0);
      const rules = activeCompiled(ctx);
      const controller = new AbortController();
      const report = await syncCrm(ctx, connector, {
        signal: controller.signal,
        qualify: (qctx, { leadId }) => void qualifyStoredLead(qctx, leadId, rules),
        onProgress: ({ done }) => {
          if (task.cancelled) controller.abort();
          task.progress(done, `${done} records`);
        },
      });
      task.finish(report.errors.length ? 'failed' : 'done', `${report.records} records`);
      core.bus.emit('changed', { topic: 'leads', ids: [] });
      const first = report.errors[0];
      return {
        ok: true,
        value: {
          task_id: task.id,
          pulled: report.records,
          message: first
            ? `Synced ${report.records} records with ${report.errors.length} error(s): ${first.message}`
            : `Synced ${report.records} records: ${report.leads_created} new leads, ${report.leads_updated} updated.`,
        },
      };
    },
    'crm.record': ({ lead_id }) => {
      const r = crmStore.getRecordByLead(ctx, lead_id);
      return {
        ok: true,
        value: r
          ? { id: r.id, lead_id: r.lead_id, fields: r.fields, version: r.version, updated_at: r.updated_at }
          : null,
      };
    },
  };
}

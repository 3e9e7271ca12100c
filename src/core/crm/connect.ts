import { CrmStatusSchema, err, ok, type CrmStatus, type Result } from '../../contract/index.js';
import type { StoreContext } from '../store/context.js';
import type { CrmConnector } from './connector.js';
import { DEFAULT_HUBSPOT_BASE_URL } from './hubspot/http.js';
import { HubSpotConnector, type HubSpotConnectorOptions } from './hubspot/connector.js';
import * as journal from './journal.js';
import { LocalCrmConnector } from './local.js';
import { HUBSPOT_TOKEN_KEY, scrubSecret, type SecretStore } from '../secrets.js';
import * as state from './state.js';

/**
 * Checks a private-app token against HubSpot (one cheap call), then keeps it in the secret
 * store and records the connection. The token never reaches the database, a log or an error.
 */
export async function connectHubSpot(
  ctx: StoreContext,
  secrets: SecretStore,
  input: { token: string; baseUrl?: string | null },
  extra: Partial<HubSpotConnectorOptions> = {},
): Promise<Result<CrmStatus>> {
  const token = input.token.trim();
  if (token.length < 8)
    return err(
      'invalid_input',
      'The token looks too short; copy the private-app access token from HubSpot (Settings > Integrations > Private apps).',
    );
  let baseUrl = DEFAULT_HUBSPOT_BASE_URL;
  if (input.baseUrl) {
    try {
      const u = new URL(input.baseUrl);
      if (u.protocol !== 'https:' && !['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) {
        return err(
          'invalid_input',
          'The base URL must use https (plain http is only allowed for a local test server).',
        );
      }
      baseUrl = u.toString().replace(/\/+$/, '');
    } catch {
      return err(
        'invalid_input',
        `"${input.baseUrl}" is not a URL; use e.g. https://api.hubapi.com or https://api-eu1.hubapi.com.`,
      );
    }
  }
  const hs = new HubSpotConnector({ ...extra, baseUrl, token: () => token });
  const ping = await hs.ping();
  if (!ping.ok) return err(ping.error.code, scrubSecret(ping.error.message, token));
  secrets.set(HUBSPOT_TOKEN_KEY, token);
  state.saveConnection(ctx, 'hubspot', baseUrl);
  return ok(crmStatus(ctx));
}

/** The connector of the active connection; the local CRM when none is connected. */
export function activeConnector(
  ctx: StoreContext,
  secrets: SecretStore,
  extra: Partial<HubSpotConnectorOptions> = {},
): CrmConnector {
  const c = state.activeConnection(ctx);
  if (c?.kind === 'hubspot')
    return new HubSpotConnector({
      ...extra,
      baseUrl: c.base_url ?? DEFAULT_HUBSPOT_BASE_URL,
      token: () => secrets.get(HUBSPOT_TOKEN_KEY),
    });
  return new LocalCrmConnector(ctx);
}

/** What Settings and `crm status` show. */
export function crmStatus(ctx: StoreContext): CrmStatus {
  const c = state.activeConnection(ctx);
  const kind = c?.kind ?? 'local';
  const s = state.syncState(ctx, kind);
  return CrmStatusSchema.parse({
    kind,
    connected: c ? c.state === 'connected' : true,
    base_url: c?.base_url ?? null,
    connected_at: c?.connected_at ?? null,
    last_sync_at: s?.last_sync_at ?? null,
    cursor: s?.cursor ?? null,
    records_synced: state.countSnapshots(ctx, kind),
    pending_writebacks: journal.listPending(ctx).length,
    needs_reconnect: c?.state === 'needs_reconnect',
    message: c?.message ?? null,
  });
}

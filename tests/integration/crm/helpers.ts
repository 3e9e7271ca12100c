import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HubSpotConnector, type HubSpotConnectorOptions } from '../../../src/core/crm/hubspot/connector.js';
import type { StoreContext } from '../../../src/core/store/context.js';
import { openDb } from '../../../src/core/store/db.js';
import { migrate } from '../../../src/core/store/migrations.js';
import type { HubSpotTestServer } from '../../fixtures/hubspot-server/server.js';

/** A store in a temp dir with every migration applied (the CRM area's are in the store's list). */
export function openTestStore(path?: string): { ctx: StoreContext; dir: string; path: string; close(): void } {
  const dir = path ? '' : mkdtempSync(join(tmpdir(), 'crm-test-'));
  const file = path ?? join(dir, 'test.db');
  const db = openDb(file);
  migrate(db);
  const ctx: StoreContext = { db, clock: () => new Date() };
  return {
    ctx,
    dir,
    path: file,
    close: () => {
      db.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A connector aimed at the test server, with short timeouts and backoff so fault tests stay fast. */
export function testConnector(
  server: Pick<HubSpotTestServer, 'url' | 'token'>,
  o: Partial<HubSpotConnectorOptions> = {},
): HubSpotConnector {
  return new HubSpotConnector({
    baseUrl: server.url,
    token: () => server.token,
    overlapMs: 0,
    backoffBaseMs: 5,
    timeoutMs: 2_000,
    ...o,
  });
}

/** An approved proposal row (the agent's table), so the journal's foreign key holds. */
export function insertProposal(
  ctx: StoreContext,
  leadId: string,
  id: string,
  kind: 'crm_update' | 'task' = 'crm_update',
): void {
  ctx.db
    .prepare(
      "INSERT INTO proposals (id, lead_id, run_id, kind, status, payload, created_at) VALUES (?, ?, NULL, ?, 'approved', '{}', ?)",
    )
    .run(id, leadId, kind, new Date().toISOString());
}

export function leadOf(ctx: StoreContext, recordId: string): string {
  const r = ctx.db.prepare("SELECT id FROM leads WHERE source = 'crm' AND external_id = ?").get(recordId) as
    { id: string } | undefined;
  if (!r) throw new Error(`no lead for record ${recordId}`);
  return r.id;
}

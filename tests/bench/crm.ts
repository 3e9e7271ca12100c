import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WritebackItem } from '../../src/contract/index.js';
import { HubSpotConnector } from '../../src/core/crm/hubspot/connector.js';
import { syncCrm } from '../../src/core/crm/sync.js';
import { writeBack } from '../../src/core/crm/writeback.js';
import type { StoreContext } from '../../src/core/store/context.js';
import { openDb } from '../../src/core/store/db.js';
import { migrate } from '../../src/core/store/migrations.js';
import { seedSynthetic } from '../fixtures/hubspot-server/seed.js';
import { startHubSpotServer } from '../fixtures/hubspot-server/server.js';

export interface CrmBenchResult {
  contacts: number;
  sync: {
    api_calls: number;
    calls_per_100: number;
    wall_ms: number;
    records: number;
    by_route: Record<string, number>;
  };
  writeback: { updates: number; api_calls: number; applied: number; wall_ms: number };
  /** 429s the server gave because our own traffic passed a limit (target: 0). */
  own_429: { TEN_SECONDLY_ROLLING: number; SEARCH: number };
  contract_violations: number;
  targets_met: boolean;
}

/**
 * Syncs `contacts` contacts (each with a note, every third with an email, 85 companies) from the
 * HubSpot test server on 127.0.0.1 with HubSpot's limits enforced (100 per 10 s, 5 searches per
 * second), then writes back 1,000 approved field updates.
 */
export async function benchCrm(opts: { contacts?: number; updates?: number } = {}): Promise<CrmBenchResult> {
  const n = opts.contacts ?? 10_000;
  const updates = Math.min(opts.updates ?? 1_000, n);
  const server = await startHubSpotServer({ burstPer10s: 100, searchPerSec: 5 });
  const dir = mkdtempSync(join(tmpdir(), 'crm-bench-'));
  const db = openDb(join(dir, 'bench.db'));
  try {
    migrate(db);
    const ctx: StoreContext = { db, clock: () => new Date() };
    seedSynthetic(server.data, n, 85);
    const hs = new HubSpotConnector({ baseUrl: server.url, token: () => server.token, overlapMs: 0 });

    const t0 = performance.now();
    const sync = await syncCrm(ctx, hs);
    const syncMs = performance.now() - t0;
    if (sync.errors.length) throw new Error(`sync failed: ${sync.errors.map((e) => e.message).join('; ')}`);
    const syncCalls = server.stats.requests;
    const byRoute = { ...server.stats.byRoute };

    const ids = [...server.data.objects.contacts.keys()].slice(0, updates);
    const leadOf = ctx.db.prepare("SELECT id FROM leads WHERE source = 'crm' AND external_id = ?");
    const insert = ctx.db.prepare(
      "INSERT INTO proposals (id, lead_id, run_id, kind, status, payload, created_at) VALUES (?, ?, NULL, 'crm_update', 'approved', '{}', ?)",
    );
    const items: WritebackItem[] = [];
    ctx.db.transaction(() => {
      ids.forEach((rid, i) => {
        const lead = leadOf.get(rid) as { id: string };
        insert.run(`bench-${i}`, lead.id, new Date().toISOString());
        items.push({
          op: 'update',
          proposal_id: `bench-${i}`,
          record_id: rid,
          changes: [{ field: 'hs_lead_status', before: 'NEW', after: 'IN_PROGRESS' }],
        });
      });
    })();
    const before = server.stats.requests;
    const t1 = performance.now();
    const wb = await writeBack(ctx, hs, items);
    const wbMs = performance.now() - t1;
    const wbCalls = server.stats.requests - before;
    const applied = wb.outcomes.filter((o) => o.state === 'applied').length;

    const perHundred = Math.round((syncCalls / (sync.records / 100)) * 100) / 100;
    const own = { ...server.stats.limit429 };
    return {
      contacts: n,
      sync: {
        api_calls: syncCalls,
        calls_per_100: perHundred,
        wall_ms: Math.round(syncMs),
        records: sync.records,
        by_route: byRoute,
      },
      writeback: { updates, api_calls: wbCalls, applied, wall_ms: Math.round(wbMs) },
      own_429: own,
      contract_violations: server.stats.violations.length,
      targets_met:
        perHundred <= 4 &&
        wbCalls <= 12 &&
        applied === updates &&
        own.TEN_SECONDLY_ROLLING + own.SEARCH === 0 &&
        server.stats.violations.length === 0,
    };
  } finally {
    db.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// `tsx tests/bench/crm.ts` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchCrm(), null, 2));
}

import { join, dirname } from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { activeConnector, connectHubSpot, crmStatus } from '../../core/crm/connect.js';
import { listPending } from '../../core/crm/journal.js';
import { pipelineQualifier } from '../../core/crm/qualify.js';
import { FileSecretStore } from '../../core/secrets.js';
import { syncCrm } from '../../core/crm/sync.js';
import { fail, print } from '../io.js';
import { dbPathOf, withStore } from '../store.js';

/** The CLI keeps tokens in a 0600 file next to the database (the desktop app uses safeStorage). */
/** The CLI's secret store: a 0600 file beside the database. */
export const secretsFor = (cmd: Command) => new FileSecretStore(join(dirname(dbPathOf(cmd)), 'secrets.json'));

/** `crm connect hubspot`, `crm status`, `crm sync`, `crm pending`. */
export function registerCrm(program: Command): void {
  const group = program.command('crm').description('Connect a CRM, sync its contacts and see pending write-backs');

  group
    .command('connect')
    .argument('<crm>', 'hubspot')
    .description('Connect HubSpot with a private-app access token (kept in the secret store, never logged)')
    .requiredOption('--token <token>', 'private-app access token')
    .option('--base-url <url>', 'API base URL (EU data centre, or a test server)')
    .option('--json', 'print JSON')
    .action(async (crm: string, o: { token: string; baseUrl?: string; json?: boolean }, cmd: Command) => {
      if (crm !== 'hubspot')
        return fail({ code: 'unsupported', message: `Only "hubspot" can be connected for now (got "${crm}").` });
      await withStore(cmd, async (ctx) => {
        const r = await connectHubSpot(ctx, secretsFor(cmd), { token: o.token, baseUrl: o.baseUrl ?? null });
        if (!r.ok) return fail(r.error);
        print(o.json ? r.value : `Connected to HubSpot at ${r.value.base_url}.`, o.json ?? false);
      });
    });

  group
    .command('status')
    .description('Show the connection, the last sync and pending write-backs')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }, cmd: Command) => {
      await withStore(cmd, (ctx) => {
        const s = crmStatus(ctx);
        if (o.json) return print(s, true);
        const lines = [
          `CRM: ${s.kind}${s.base_url ? ` (${s.base_url})` : ''}`,
          `Connection: ${s.needs_reconnect ? `needs reconnect — ${s.message ?? ''}` : s.connected ? 'ok' : 'not connected'}`,
          `Last sync: ${s.last_sync_at ?? 'never'} · records: ${s.records_synced}`,
          `Pending write-backs: ${s.pending_writebacks}${s.pending_writebacks ? ' (see `crm pending`)' : ''}`,
        ];
        print(lines.join('\n'), false);
      });
    });

  group
    .command('sync')
    .description('Pull contacts changed since the last sync, store them as leads and qualify them')
    .option('--since <date>', 'sync changes since this date instead of the saved cursor')
    .option('--limit <n>', 'stop after this many records')
    .option('--no-qualify', 'store without qualifying')
    .option('--json', 'print the report as JSON')
    .action(async (o: { since?: string; limit?: string; qualify: boolean; json?: boolean }, cmd: Command) => {
      if (o.since && Number.isNaN(Date.parse(o.since)))
        return fail({ code: 'invalid_input', message: `--since "${o.since}" is not a date (use YYYY-MM-DD).` });
      const limit = o.limit === undefined ? undefined : Number(o.limit);
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 1))
        return fail({ code: 'invalid_input', message: '--limit must be a positive whole number.' });
      await withStore(cmd, async (ctx) => {
        const connector = activeConnector(ctx, secretsFor(cmd));
        const bar =
          o.json || !process.stderr.isTTY
            ? null
            : new SingleBar(
                { format: 'sync |{bar}| {value}/{total} records', stream: process.stderr },
                Presets.shades_classic,
              );
        let started = false;
        const r = await syncCrm(ctx, connector, {
          ...(o.since ? { since: new Date(o.since).toISOString() } : {}),
          ...(limit !== undefined ? { limit } : {}),
          ...(o.qualify ? { qualify: pipelineQualifier } : {}),
          onProgress: ({ done, total }) => {
            const t = Math.max(done, Math.min(total ?? done, limit ?? Infinity));
            if (!started) {
              bar?.start(t, done);
              started = true;
            } else {
              bar?.setTotal(t);
              bar?.update(done);
            }
          },
        });
        bar?.stop();
        if (o.json) print(r, true);
        else
          print(
            `Synced ${r.records} records from ${r.crm}: ${r.leads_created} new leads, ${r.leads_updated} updated, ${r.qualified} qualified, ${r.api_calls} API calls.`,
            false,
          );
        const first = r.errors[0];
        if (first) fail(first);
      });
    });

  group
    .command('pending')
    .description('Write-backs the reconciliation still has to resolve (sent, no answer yet)')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }, cmd: Command) => {
      await withStore(cmd, (ctx) => {
        const rows = listPending(ctx);
        if (o.json) return print(rows, true);
        if (rows.length === 0) return print('Nothing pending.', false);
        print(
          rows
            .map(
              (r) =>
                `${r.proposal_id}  ${r.op} on ${r.record_id}  attempts ${r.attempts}${r.last_error ? `  last error: ${r.last_error}` : ''}`,
            )
            .join('\n'),
          false,
        );
      });
    });
}

import type { Command } from 'commander';
import { activeConnector } from '../../core/crm/connect.js';
import { writeBackProposals } from '../../core/crm/proposals.js';
import * as crmState from '../../core/crm/state.js';
import { secretsFor } from './crm.js';
import { err, ok, type Result } from '../../contract/errors.js';
import { computeMetrics } from '../../core/agent/metrics.js';
import { fieldsOf, reopenStale, reviewProposal, type FieldVerdict } from '../../core/agent/review.js';
import { createLlmClient, type LlmClient } from '../../core/llm/client.js';
import { EnvSecretStore, type SecretStore } from '../../core/secrets.js';
import { LlmSettingsSchema } from '../../core/llm/settings.js';
import * as proposals from '../../core/store/proposals.js';
import * as trace from '../../core/store/trace.js';
import { fail, print } from '../io.js';
import { withStore } from '../store.js';

export interface ProviderOpts {
  provider?: string;
  baseUrl?: string;
  model?: string;
  noRedact?: boolean;
}

/** Adds `--provider --base-url --model` to a command that may call a model (qualify, eval ...). */
export function addProviderOptions(cmd: Command): Command {
  return cmd
    .option('--provider <name>', 'embedded (default, offline) or openai (any OpenAI-compatible endpoint)')
    .option('--base-url <url>', 'endpoint base URL, e.g. http://localhost:11434/v1 (env: SALES_COPILOT_BASE_URL)')
    .option('--model <name>', 'model name (env: SALES_COPILOT_MODEL)')
    .option('--no-redact', 'send personal data unmasked (redaction is on by default)');
}

/**
 * The model client the options ask for: null for the embedded provider. The key comes from
 * OPENAI_API_KEY (or the given secret store) and is never printed.
 */
export async function llmFromOptions(opts: ProviderOpts & { redact?: boolean }, secrets: SecretStore = new EnvSecretStore()): Promise<Result<LlmClient | null>> {
  const provider = opts.provider ?? process.env['SALES_COPILOT_PROVIDER'] ?? 'embedded';
  if (provider === 'embedded') return ok(null);
  const settings = LlmSettingsSchema.safeParse({
    provider,
    baseUrl: opts.baseUrl ?? process.env['SALES_COPILOT_BASE_URL'],
    model: opts.model ?? process.env['SALES_COPILOT_MODEL'] ?? 'gpt-4o-mini',
    redact: opts.redact !== false,
  });
  if (!settings.success) return err('invalid_input', settings.error.issues.map((i) => `--${String(i.path[0] ?? 'provider').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${i.message}`).join('; '));
  return createLlmClient(settings.data, { secrets });
}

const line = (p: proposals.Proposal) => {
  const what = 'changes' in p.payload ? p.payload.changes.map((c) => `${c.field}: ${JSON.stringify(c.old)} -> ${JSON.stringify(c.new)} [${c.status}]`).join('\n    ') : (p.payload.draft.subject ?? p.payload.draft.body.slice(0, 60));
  return `${p.id}  ${p.kind}  ${p.status}  lead ${p.lead_id}\n    ${what}`;
};

function review(cmd: Command, id: string, verdicts: (p: proposals.Proposal) => FieldVerdict[] | string, json: boolean) {
  return withStore(cmd, async (ctx) => {
    const p = proposals.get(ctx, id);
    if (!p) return fail({ code: 'not_found', message: `proposal ${id} does not exist; see "proposals list"` });
    const v = verdicts(p);
    if (typeof v === 'string') return fail({ code: 'invalid_input', message: v });
    // Leads synced from a connected CRM are written back there; the rest go to the local CRM store.
    const conn = crmState.activeConnection(ctx);
    const snap = conn ? crmState.snapshotForLead(ctx, p.lead_id) : null;
    const external = !!conn && !!snap && snap.kind === conn.kind;
    const r = reviewProposal(ctx, { id, verdicts: v, reviewer: process.env['USER'] ?? 'rep', external });
    if (!r.ok) return fail(r.error);
    let crmReport: Awaited<ReturnType<typeof writeBackProposals>> | null = null;
    if (external && ['approved', 'edited'].includes(r.value.proposal.status)) {
      crmReport = await writeBackProposals(ctx, activeConnector(ctx, secretsFor(cmd)), [id]);
    }
    const now = proposals.get(ctx, id) ?? r.value.proposal;
    const msg = r.value.stale || now.status === 'stale'
      ? `${id} is stale: the CRM changed since it was proposed. Run "proposals reopen ${id}" to review it again.`
      : crmReport
        ? `${id}: ${now.status} in ${conn!.kind} (${crmReport.outcomes.map((o) => o.state).join(', ') || 'nothing to write'})`
        : r.value.written.length
          ? `${id}: wrote ${r.value.written.join(', ')}`
          : `${id}: ${now.status}`;
    print(json ? { ...r.value, proposal: now, crm: crmReport } : msg, json);
  });
}

/** `proposals list|approve|edit|reject|reopen`, `trace show`, `metrics`. */
export function registerAgent(program: Command): void {
  const p = program.command('proposals').description('the approval queue: nothing reaches the CRM until a person approves it');
  p.command('list')
    .description('pending and stale proposals (or all with --all)')
    .option('--all', 'every status')
    .option('--lead <id>', 'only this lead')
    .option('--json', 'print JSON')
    .action(async (o: { all?: boolean; lead?: string; json?: boolean }, cmd: Command) =>
      withStore(cmd, (ctx) => {
        const items = proposals.list(ctx, { ...(o.lead ? { lead_id: o.lead } : {}), limit: 1000 }).filter((x) => o.all || x.status === 'pending' || x.status === 'stale');
        print(o.json ? items : items.map(line).join('\n') || 'No proposals waiting.', !!o.json);
      }),
    );
  p.command('approve <id>')
    .description('approve every pending field, or one with --field')
    .option('--field <name>', 'only this field')
    .option('--json', 'print JSON')
    .action(async (id: string, o: { field?: string; json?: boolean }, cmd: Command) =>
      review(cmd, id, (prop) => (o.field ? [{ field: o.field, action: 'approve' }] : fieldsOf(prop).map((field) => ({ field, action: 'approve' as const }))), !!o.json),
    );
  p.command('edit <id>')
    .description('replace a proposed value with yours (counts as approved)')
    .requiredOption('--field <name>', 'the field')
    .requiredOption('--value <value>', 'the value; numbers, true/false and null are read as JSON')
    .option('--json', 'print JSON')
    .action(async (id: string, o: { field: string; value: string; json?: boolean }, cmd: Command) =>
      review(cmd, id, (prop) => {
        let value: string | number | boolean | null = o.value;
        if ('changes' in prop.payload && /^(-?\d+(\.\d+)?|true|false|null)$/.test(o.value)) value = JSON.parse(o.value) as number | boolean | null;
        return [{ field: o.field, action: 'edit', value }];
      }, !!o.json),
    );
  p.command('reject <id>')
    .description('reject every pending field, or one with --field')
    .requiredOption('--reason <text>', 'why (kept in the trace)')
    .option('--field <name>', 'only this field')
    .option('--json', 'print JSON')
    .action(async (id: string, o: { reason: string; field?: string; json?: boolean }, cmd: Command) =>
      review(cmd, id, (prop) => (o.field ? [o.field] : fieldsOf(prop)).map((field) => ({ field, action: 'reject' as const, reason: o.reason })), !!o.json),
    );
  p.command('reopen <id>')
    .description('put a stale proposal back in the queue with the CRM\'s current values as "before"')
    .action(async (id: string, _o: unknown, cmd: Command) =>
      withStore(cmd, (ctx) => {
        const r = reopenStale(ctx, id);
        if (!r.ok) return fail(r.error);
        print(line(r.value), false);
      }),
    );

  program
    .command('trace')
    .description('the append-only trace')
    .command('show <run_id>')
    .description('every event of one run, in order')
    .option('--json', 'print JSON')
    .action(async (runId: string, o: { json?: boolean }, cmd: Command) =>
      withStore(cmd, (ctx) => {
        const events = trace.list(ctx, { run_id: runId, limit: 10_000 });
        if (!events.length) return fail({ code: 'not_found', message: `no trace for run ${runId}` });
        print(o.json ? events : events.map((e) => `${e.seq}\t${e.at}\t${e.type}\t${JSON.stringify(e.data)}`).join('\n'), !!o.json);
      }),
    );

  program
    .command('metrics')
    .description('tool calls, blocks, escalations, recovery, approvals, tokens and cost, per day and total (from the trace)')
    .option('--from <date>', 'YYYY-MM-DD, inclusive')
    .option('--to <date>', 'YYYY-MM-DD, exclusive')
    .option('--json', 'print JSON')
    .action(async (o: { from?: string; to?: string; json?: boolean }, cmd: Command) =>
      withStore(cmd, (ctx) => {
        const m = computeMetrics(ctx, { ...(o.from ? { from: o.from } : {}), ...(o.to ? { to: o.to } : {}) });
        if (o.json) return print(m, true);
        const t = m.total;
        const pct = (x: number | null) => (x === null ? '-' : `${Math.round(x * 1000) / 10}%`);
        print(
          [
            `runs ${t.runs}, model calls ${t.model_calls}, tokens ${t.tokens_in} in / ${t.tokens_out} out, cost USD ${t.cost_usd}`,
            `tool calls ok ${t.successful_tool_calls}, failed ${t.failed_tool_calls}`,
            `blocked: ${JSON.stringify(t.blocks_by_reason)}`,
            `escalations: ${JSON.stringify(t.escalations_by_reason)}`,
            `recovery ${pct(t.recovery_rate)} (${t.recovered_runs}/${t.runs_with_failure})`,
            `fields approved ${pct(t.approval_rate)}, edited ${pct(t.edit_rate)}, rejected ${pct(t.rejection_rate)}; stale proposals ${t.stale_proposals}; writebacks ${t.writebacks}`,
            ...m.days.map((d) => `${d.day}: runs ${d.runs}, tool ok ${d.successful_tool_calls}, blocks ${Object.values(d.blocks_by_reason).reduce((a, b) => a + b, 0)}, escalations ${Object.values(d.escalations_by_reason).reduce((a, b) => a + b, 0)}`),
          ].join('\n'),
          false,
        );
      }),
    );
}

import Table from 'cli-table3';
import { TABLE_STYLE } from '../format/style.js';
import type { Command } from 'commander';
import { ClassSchema, LeadListQuerySchema, LeadSortSchema, describeIssues } from '../../contract/index.js';
import { getLeadDetail } from '../../core/pipeline/leadDetail.js';
import * as leads from '../../core/store/leads.js';
import { fail, print } from '../io.js';
import { withStore } from '../store.js';

interface ListOpts {
  search?: string;
  class?: string;
  escalated?: boolean;
  owner?: string;
  from?: string;
  to?: string;
  sort?: string;
  dir?: string;
  limit: string;
  offset: string;
  json?: boolean;
}

const MARK = { passed: '✓', failed: '✗', unknown: '?' } as const;

/** `leads list` and `leads show ID`. */
export function registerLeads(program: Command): void {
  const group = program.command('leads').description('Browse stored leads');
  group
    .command('list')
    .description('List leads with their latest class and score')
    .option('--search <text>', 'match name, email, company or external id')
    .option('--class <class>', `only this class: ${ClassSchema.options.join(', ')}`)
    .option('--escalated', 'only escalated leads')
    .option('--owner <name>', 'only this owner')
    .option('--from <date>', 'created on or after (YYYY-MM-DD)')
    .option('--to <date>', 'created before (YYYY-MM-DD)')
    .option('--sort <field>', `sort by: ${LeadSortSchema.options.join(', ')}`, 'created_at')
    .option('--dir <dir>', 'asc or desc', 'desc')
    .option('--limit <n>', 'how many', '50')
    .option('--offset <n>', 'skip this many', '0')
    .option('--json', 'print JSON')
    .action(async (opts: ListOpts, cmd: Command) => {
      const q = LeadListQuerySchema.safeParse({
        search: opts.search,
        class: opts.class,
        escalated: opts.escalated,
        owner: opts.owner,
        from: opts.from,
        to: opts.to,
        sort: opts.sort,
        dir: opts.dir,
        limit: Number(opts.limit),
        offset: Number(opts.offset),
      });
      if (!q.success) return fail({ code: 'invalid_input', message: describeIssues(q.error.issues).join('; ') });
      await withStore(cmd, (ctx) => {
        const page = leads.list(ctx, q.data);
        if (opts.json) return print(page, true);
        if (!page.items.length) return print('No leads match. Paste one with `qualify FILE` or import a table with `import FILE`.', false);
        const t = new Table({ style: TABLE_STYLE, head: ['id', 'name', 'company', 'class', 'score', 'esc', 'owner', 'created'] });
        for (const l of page.items) {
          t.push([l.id, l.name ?? l.external_id ?? '', l.company ?? '', l.latest_class ?? '—', l.latest_score ?? '', l.latest_escalate ? '⚠' : '', l.owner ?? '', l.created_at.slice(0, 10)]);
        }
        print(`${t.toString()}\n${page.items.length} of ${page.total} leads`, false);
      });
    });
  group
    .command('show <id>')
    .description('Show one lead: contact, facts with evidence, decision, missing facts, escalation')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      await withStore(cmd, (ctx) => {
        const d = getLeadDetail(ctx, id);
        if (!d) return fail({ code: 'not_found', message: `No lead ${id}. List them with \`leads list\`.` });
        if (opts.json) return print(d, true);
        const l = d.lead;
        const lines = [
          `${[l.name, l.title, l.company].filter(Boolean).join(', ') || l.external_id || l.id}  [${l.id}]`,
          `email ${l.email ?? '—'}  phone ${l.phone ?? '—'}  website ${l.website ?? '—'}  owner ${l.owner ?? '—'}  source ${l.source}${l.outcome ? `  outcome ${l.outcome}` : ''}`,
          '',
          'Facts:',
          ...Object.values(d.facts).map(
            (f) => `  ${f.name.padEnd(14)} ${JSON.stringify(f.value)}  (${f.source})${f.evidence[0] ? `  “${f.evidence[0].quote.replace(/\s+/g, ' ').slice(0, 60)}” @${f.evidence[0].start}` : ''}`,
          ),
        ];
        if (d.decision) {
          const dec = d.decision;
          lines.push('', `Decision: ${dec.class} (score ${dec.score}) with ruleset ${dec.ruleset_id ?? '-'} v${dec.ruleset_version ?? '-'}, ${dec.extractor_version ?? ''}, ${dec.engine_version}`);
          for (const r of dec.reasons) lines.push(`  ${MARK[r.status]} ${r.label}: ${r.actual ?? 'unknown'}`);
          if (dec.counterfactual) lines.push(`  → ${dec.counterfactual}`);
          for (const m of dec.missing) lines.push(`  missing ${m.fact}: “${m.question}”`);
          if (dec.escalate) for (const e of dec.escalation.reasons) lines.push(`  ⚠ escalate: ${e.reason} — ${e.detail}`);
        } else lines.push('', 'Not qualified yet.');
        lines.push('', `${d.sources.length} source text(s); ${d.history.length} decision(s) on record.`);
        print(lines.join('\n'), false);
      });
    });
}

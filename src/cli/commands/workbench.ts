import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import Table from 'cli-table3';
import type { Command } from 'commander';
import type { BacktestMetrics, BacktestResult, LeadFilter, Result, WhatifResult } from '../../contract/index.js';
import { ok } from '../../contract/index.js';
import { DEFAULT_RULESET } from '../../core/rules/defaultRuleset.js';
import { parseRulesetJson } from '../../core/rules/validate.js';
import { backtest, KNOWN_LEAKING_COLUMNS } from '../../core/rules/workbench/backtest.js';
import { diffRulesets, formatDiff } from '../../core/rules/workbench/diff.js';
import { parseFilterArgs } from '../../core/rules/workbench/filter.js';
import { CLASSES } from '../../core/rules/workbench/kernel.js';
import { whatif, type VersionedRuleset } from '../../core/rules/workbench/replay.js';
import { rerunDecisions } from '../../core/rules/workbench/rerun.js';
import {
  history,
  publishedVersion,
  publishVersion,
  resolveRuleset,
  rollback,
  saveDraftVersion,
} from '../../core/rules/workbench/versions.js';
import type { StoreContext } from '../../core/store/context.js';
import { fail, print, readInput } from '../io.js';
import { withStore } from '../store.js';

const collect = (v: string, prev: string[]) => [...prev, v];

function author(opt: string | undefined): string {
  if (opt) return opt;
  try {
    return userInfo().username;
  } catch {
    return 'cli';
  }
}

function readRulesetFile(file: string): Result<VersionedRuleset> {
  const input = readInput(file);
  if (!input.ok) return input;
  const rs = parseRulesetJson(input.value.text);
  return rs.ok ? ok({ ruleset: rs.value, version: null, label: file }) : rs;
}

/** A version number, `published`, `default`, or a ruleset file. */
function rulesetArg(ctx: StoreContext, ref: string): Result<VersionedRuleset> {
  if (ref.endsWith('.json') || (existsSync(ref) && !/^v?\d+$/.test(ref))) return readRulesetFile(ref);
  return resolveRuleset(ctx, ref, { builtin: DEFAULT_RULESET });
}

function filterOf(args: string[] | undefined): Result<LeadFilter> {
  return args?.length ? parseFilterArgs(args) : ok({});
}

const pct = (x: number | null) => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);

function formatWhatif(r: WhatifResult): string {
  const m = new Table({ head: ['from \\ to', ...CLASSES] });
  for (const a of CLASSES)
    m.push([a, ...CLASSES.map((b) => (a === b ? `(${r.matrix[a][b]})` : String(r.matrix[a][b])))]);
  const lines = [
    `What-if: ${r.draft.ruleset} against ${r.baseline.ruleset}${r.baseline.version !== null ? ` (v${r.baseline.version})` : ''} on ${r.leads} stored leads`,
    `${r.changed} lead${r.changed === 1 ? '' : 's'} change class (${r.leads ? ((r.changed / r.leads) * 100).toFixed(1) : '0'}%).`,
    m.toString(),
  ];
  if (r.by_cause.length) {
    const c = new Table({ head: ['leads', 'why', 'rule'] });
    for (const b of r.by_cause)
      c.push([
        String(b.leads),
        b.effect === 'now_blocks' ? 'now blocks' : b.effect === 'no_longer_blocks' ? 'no longer blocks' : 'class order',
        b.label,
      ]);
    lines.push('Rules that made the difference:', c.toString());
  }
  if (r.changes.length) {
    const t = new Table({ head: ['lead', 'from', 'to', 'score', 'because'] });
    for (const x of r.changes.slice(0, 20))
      t.push([
        x.lead_id,
        x.from,
        x.to,
        `${x.score_from} -> ${x.score_to}`,
        `${x.cause.label} (${x.cause.effect.replace(/_/g, ' ')})`,
      ]);
    lines.push(`First ${Math.min(20, r.changes.length)} changed leads:`, t.toString());
  }
  const e = r.escalations;
  lines.push(
    `Escalations: ${e.before} -> ${e.after} (${e.started.length} start, ${e.stopped.length} stop)${e.from_decisions ? `; ${e.from_decisions} replayed from stored decisions` : ''}`,
  );
  lines.push(`Time: load ${r.timing_ms.load} ms, replay ${r.timing_ms.replay} ms.`);
  return lines.join('\n');
}

function formatBacktest(r: BacktestResult): string {
  const sets = [r.published, r.draft].filter((x): x is BacktestMetrics => x !== null);
  const t = new Table({ head: ['', ...sets.map((s) => s.ruleset)] });
  t.push(['AUC of the score', ...sets.map((s) => (s.auc === null ? '-' : s.auc.toFixed(3)))]);
  t.push(['qualified precision', ...sets.map((s) => pct(s.qualified.precision))]);
  t.push(['qualified recall', ...sets.map((s) => pct(s.qualified.recall))]);
  for (const c of CLASSES)
    t.push([`${c}: leads / converted`, ...sets.map((s) => `${s.by_class[c].leads} / ${pct(s.by_class[c].rate)}`)]);
  const lines = [
    `Back-test against "${r.outcome}": ${sets[0]?.leads ?? 0} leads with an outcome, ${sets[0]?.positives ?? 0} converted${r.skipped ? `, ${r.skipped} skipped (open or blank)` : ''}.`,
    t.toString(),
  ];
  if (r.columns.length)
    lines.push(
      `Columns the rules use: ${r.columns.map((c) => `${c.column} (AUC ${c.auc ?? '-'}${c.excluded ? ', excluded' : ''})`).join(', ')}`,
    );
  lines.push(`Excluded columns: ${r.excluded_columns.join(', ')}`);
  for (const w of r.warnings) lines.push(`warning: ${w.message}`);
  return lines.join('\n');
}

/** Adds the managers' workbench to `rules`: draft, publish, rollback, history, diff, whatif, backtest, rerun. */
export function registerWorkbench(rules: Command): void {
  rules
    .command('draft <file>')
    .description('Save a ruleset file as a new draft version')
    .option('--note <note>', 'why this version exists')
    .option('--author <name>', 'who made it (default: the OS user)')
    .option('--json', 'print JSON')
    .action((file: string, opts: { note?: string; author?: string; json?: boolean }, cmd: Command) =>
      withStore(cmd, (ctx) => {
        const input = readInput(file);
        if (!input.ok) return fail(input.error);
        let doc: unknown;
        try {
          doc = JSON.parse(input.value.text);
        } catch (e) {
          return fail({ code: 'invalid_ruleset', message: `${file} is not valid JSON: ${(e as Error).message}` });
        }
        const r = saveDraftVersion(ctx, { body: doc, author: author(opts.author), note: opts.note ?? null });
        if (!r.ok) return fail(r.error);
        print(
          opts.json
            ? r.value
            : `Saved draft version ${r.value.version} of "${r.value.name}". Try \`rules whatif ${file}\`, then \`rules publish --version ${r.value.version}\`.`,
          !!opts.json,
        );
      }),
    );

  rules
    .command('publish')
    .description('Publish a draft (the newest one by default); saved cases it would break need --yes')
    .option('--version <n>', 'the draft version to publish')
    .option('--yes', 'publish even if saved correction cases would break')
    .option('--author <name>', 'who publishes')
    .option('--json', 'print JSON')
    .action((opts: { version?: string; yes?: boolean; author?: string; json?: boolean }, cmd: Command) =>
      withStore(cmd, (ctx) => {
        const version = opts.version === undefined ? undefined : Number(opts.version);
        if (version !== undefined && !Number.isInteger(version))
          return fail({ code: 'invalid_input', message: `--version must be a number, got "${opts.version}"` });
        const r = publishVersion(ctx, {
          ...(version !== undefined ? { version } : {}),
          author: author(opts.author),
          confirm: !!opts.yes,
        });
        if (!r.ok) {
          if (opts.json) print({ published: false, error: r.error }, true);
          return fail(r.error);
        }
        const p = r.value;
        print(
          opts.json
            ? p
            : `Published version ${p.version.version}${p.previous ? ` (was ${p.previous}; ${p.changes} change${p.changes === 1 ? '' : 's'})` : ''}. Saved cases: ${p.check.passed}/${p.check.cases} pass${p.check.broken.length ? `; ${p.check.broken.length} broken, confirmed` : ''}. Decisions made from now on use it; \`rules rerun\` re-decides stored leads.`,
          !!opts.json,
        );
      }),
    );

  rules
    .command('rollback <version>')
    .description('Publish an older version again (kept as a new version with a rollback note)')
    .option('--yes', 'go ahead even if saved correction cases would break')
    .option('--note <note>', 'why')
    .option('--author <name>', 'who rolls back')
    .option('--json', 'print JSON')
    .action((v: string, opts: { yes?: boolean; note?: string; author?: string; json?: boolean }, cmd: Command) =>
      withStore(cmd, (ctx) => {
        const version = Number(v.replace(/^v/, ''));
        if (!Number.isInteger(version))
          return fail({ code: 'invalid_input', message: `"${v}" is not a version number` });
        const r = rollback(ctx, { version, author: author(opts.author), note: opts.note ?? null, confirm: !!opts.yes });
        if (!r.ok) return fail(r.error);
        print(
          opts.json
            ? r.value
            : `Rolled back: version ${version} is published again as version ${r.value.version.version}.`,
          !!opts.json,
        );
      }),
    );

  rules
    .command('history')
    .description('Every version with its status, author, time and note')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }, cmd: Command) =>
      withStore(cmd, (ctx) => {
        publishedVersion(ctx);
        const h = history(ctx);
        if (opts.json) return print(h, true);
        const t = new Table({ head: ['version', 'status', 'name', 'author', 'created', 'published', 'note'] });
        for (const v of h)
          t.push([
            String(v.version),
            v.status,
            v.name,
            v.author ?? '',
            v.created_at.slice(0, 16),
            v.published_at?.slice(0, 16) ?? '',
            v.note ?? '',
          ]);
        print(t.toString(), false);
      }),
    );

  rules
    .command('diff <a> <b>')
    .description('What changed between two versions (numbers, "published", "default" or ruleset files)')
    .option('--json', 'print JSON')
    .action((a: string, b: string, opts: { json?: boolean }, cmd: Command) =>
      withStore(cmd, (ctx) => {
        const ra = rulesetArg(ctx, a);
        if (!ra.ok) return fail(ra.error);
        const rb = rulesetArg(ctx, b);
        if (!rb.ok) return fail(rb.error);
        const d = diffRulesets(ra.value.ruleset, rb.value.ruleset, ra.value.label, rb.value.label);
        print(opts.json ? d : formatDiff(d), !!opts.json);
      }),
    );

  rules
    .command('whatif <draft>')
    .description(
      'Replay a draft (file or version) on stored leads against the published version; nothing is extracted again',
    )
    .option(
      '--filter <key=value>',
      'class, escalated, source, lead_source, owner, import, from, to, id or attr.<Column> (repeatable)',
      collect,
      [],
    )
    .option('--limit <n>', 'changed leads to list', '200')
    .option('--json', 'print JSON')
    .action((draft: string, opts: { filter: string[]; limit: string; json?: boolean }, cmd: Command) =>
      withStore(cmd, (ctx) => {
        const f = filterOf(opts.filter);
        if (!f.ok) return fail(f.error);
        const d = rulesetArg(ctx, draft);
        if (!d.ok) return fail(d.error);
        const r = whatif(ctx, {
          baseline: publishedVersion(ctx),
          draft: d.value,
          filter: f.value,
          limit: Number(opts.limit) || 200,
        });
        print(opts.json ? r : formatWhatif(r), !!opts.json);
      }),
    );

  rules
    .command('backtest')
    .description('How well the published ruleset (and a draft) rank leads by their known outcome')
    .requiredOption(
      '--outcome <column>',
      'the imported outcome column (Converted, deal_stage), or "outcome" for the lead\'s outcome field',
    )
    .option('--ruleset <file>', 'a draft ruleset to compare with the published one')
    .option(
      '--exclude <columns>',
      `more columns to leave out, comma-separated (always: ${KNOWN_LEAKING_COLUMNS.join(', ')})`,
    )
    .option('--no-default-exclude', 'do not leave out the known leaking columns')
    .option('--filter <key=value>', 'as for whatif (repeatable)', collect, [])
    .option('--json', 'print JSON')
    .action(
      (
        opts: {
          outcome: string;
          ruleset?: string;
          exclude?: string;
          defaultExclude: boolean;
          filter: string[];
          json?: boolean;
        },
        cmd: Command,
      ) =>
        withStore(cmd, (ctx) => {
          const f = filterOf(opts.filter);
          if (!f.ok) return fail(f.error);
          let draft: VersionedRuleset | null = null;
          if (opts.ruleset) {
            const d = readRulesetFile(opts.ruleset);
            if (!d.ok) return fail(d.error);
            draft = d.value;
          }
          const extra = (opts.exclude ?? '')
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean);
          const exclude = [...(opts.defaultExclude ? KNOWN_LEAKING_COLUMNS : []), ...extra];
          const r = backtest(ctx, {
            outcome: opts.outcome,
            published: publishedVersion(ctx),
            draft,
            exclude,
            filter: f.value,
          });
          if (!r.ok) return fail(r.error);
          print(opts.json ? r.value : formatBacktest(r.value), !!opts.json);
        }),
    );

  rules
    .command('rerun')
    .description('Decide stored leads again with the published version; adds decisions, never changes old ones')
    .option('--filter <key=value>', 'as for whatif (repeatable)', collect, [])
    .option('--author <name>', 'who asked for it')
    .option('--json', 'print JSON')
    .action((opts: { filter: string[]; author?: string; json?: boolean }, cmd: Command) =>
      withStore(cmd, (ctx) => {
        const f = filterOf(opts.filter);
        if (!f.ok) return fail(f.error);
        const r = rerunDecisions(ctx, { filter: f.value, author: author(opts.author) });
        print(
          opts.json
            ? r
            : `Re-decided ${r.leads} leads with ${r.ruleset_id}@${r.version}: ${r.changed} changed class. ${CLASSES.map((c) => `${c} ${r.by_class[c]}`).join(', ')}.`,
          !!opts.json,
        );
      }),
    );
}

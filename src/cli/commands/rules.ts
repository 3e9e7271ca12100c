import type { Command } from 'commander';
import { compileRuleset } from '../../core/rules/evaluate.js';
import { fail, loadRulesetOption, print, readInput } from '../io.js';
import { parseRulesetJson } from '../../core/rules/validate.js';
import { formatRuleset } from '../format/ruleset.js';
import { withStore } from '../store.js';
import { activeRuleset } from '../../core/rules/active.js';
import { registerWorkbench } from './workbench.js';
import { listCases, runCases, saveCorrectionCase } from '../../core/rules/workbench/corrections.js';
import { ClassSchema } from '../../contract/index.js';

/** `rules validate FILE` and `rules show`. */
export function registerRules(program: Command): void {
  const rules = program.command('rules').description('Inspect, validate, version, replay and back-test rulesets');
  registerWorkbench(rules);
  rules
    .command('validate <file>')
    .description('Check a ruleset JSON file; errors name the path and the problem')
    .option('--json', 'print the result as JSON')
    .action((file: string, opts: { json?: boolean }) => {
      const input = readInput(file);
      if (!input.ok) return fail(input.error);
      const rs = parseRulesetJson(input.value.text);
      if (!rs.ok) {
        if (opts.json) print({ valid: false, error: rs.error }, true);
        return fail(rs.error);
      }
      compileRuleset(rs.value);
      print(opts.json ? { valid: true, name: rs.value.name, rules: rs.value.rules.length } : `${file}: valid ruleset "${rs.value.name}" with ${rs.value.rules.length} rules.`, !!opts.json);
    });
  rules
    .command('cases')
    .description('Evaluation cases saved from reps\' corrections, and whether the published ruleset passes them')
    .option('--export <dir>', 'write each case as a SPEC.md JSON file into this folder (for `eval --data`)')
    .option('--json', 'print JSON')
    .action((opts: { export?: string; json?: boolean }, cmd: Command) =>
      withStore(cmd, async (ctx) => {
        const cases = listCases(ctx);
        const verdicts = runCases(cases, activeRuleset(ctx).ruleset);
        if (opts.export) {
          const { mkdirSync, writeFileSync } = await import('node:fs');
          const { join } = await import('node:path');
          mkdirSync(opts.export, { recursive: true });
          for (const c of cases) writeFileSync(join(opts.export, `${c.case.id}.json`), `${JSON.stringify(c.case, null, 2)}\n`);
        }
        if (opts.json) return print(verdicts, true);
        if (!verdicts.length) return print('No saved cases yet. A rep\'s fact correction or `rules case LEAD_ID --class C` saves one.', false);
        print(verdicts.map((v) => `${v.passed ? '✓' : '✗'} ${v.case_id}  expected ${v.expected}, got ${v.got}  ${v.detail}`).join('\n'), false);
      }),
    );
  rules
    .command('case <leadId>')
    .description('Save a lead as an evaluation case with the class a person says is right')
    .requiredOption('--class <class>', `the right class: ${ClassSchema.options.join(', ')}`)
    .option('--note <text>', 'why')
    .action((leadId: string, opts: { class: string; note?: string }, cmd: Command) =>
      withStore(cmd, (ctx) => {
        const cls = ClassSchema.safeParse(opts.class);
        if (!cls.success) return fail({ code: 'invalid_input', message: `--class must be one of ${ClassSchema.options.join(', ')}` });
        const r = saveCorrectionCase(ctx, { lead_id: leadId, class_override: cls.data, note: opts.note ?? null, author: process.env['USER'] ?? 'rep' });
        if (!r.ok) return fail(r.error);
        print(`Saved case ${r.value.id}; publishing a ruleset that breaks it will ask for confirmation.`, false);
      }),
    );
  rules
    .command('show')
    .description('Show the published ruleset (or a file given with --file)')
    .option('--file <file>', 'show this ruleset file instead of the published one')
    .option('--json', 'print the ruleset as JSON')
    .action((opts: { file?: string; json?: boolean }, cmd: Command) => {
      if (opts.file) {
        const rs = loadRulesetOption(opts.file);
        if (!rs.ok) return fail(rs.error);
        return print(opts.json ? rs.value : formatRuleset(rs.value, null), !!opts.json);
      }
      return withStore(cmd, (ctx) => {
        const { ruleset, version } = activeRuleset(ctx);
        print(opts.json ? { version, ...ruleset } : formatRuleset(ruleset, version), !!opts.json);
      });
    });
}

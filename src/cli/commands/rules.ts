import type { Command } from 'commander';
import { compileRuleset } from '../../core/rules/evaluate.js';
import { fail, loadRulesetOption, print, readInput } from '../io.js';
import { parseRulesetJson } from '../../core/rules/validate.js';
import { formatRuleset } from '../format/ruleset.js';
import { withStore } from '../store.js';
import { activeRuleset } from '../../core/rules/active.js';
import { registerWorkbench } from './workbench.js';

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

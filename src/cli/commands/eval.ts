import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { loadCases } from '../../core/eval/cases.js';
import { belowFloor, EvalFloorSchema } from '../../core/eval/floor.js';
import { scoreCases } from '../../core/eval/score.js';
import { analyzeText } from '../../core/pipeline/analyze.js';
import { compileRuleset } from '../../core/rules/evaluate.js';
import { formatEvalReport } from '../format/eval.js';
import { fail, loadRulesetOption, print } from '../io.js';

/** `eval --data DIR`: scores the engine on a folder of SPEC.md cases. */
export function registerEval(program: Command): void {
  program
    .command('eval')
    .description('Score the qualification engine on a folder of labelled cases (shared/eval/SPEC.md)')
    .requiredOption('--data <dir>', 'folder of *.json cases')
    .option('--ruleset <file>', 'ruleset JSON to evaluate with (default: the built-in reference policy)')
    .option('--floor <file>', 'fail (exit 1) when a figure drops below the floor in this JSON file')
    .option('--failures <n>', 'how many failures to list in the table', '20')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { data: string; ruleset?: string; floor?: string; failures: string; json?: boolean }) => {
      const cases = loadCases(opts.data);
      if (!cases.ok) return fail(cases.error);
      const rs = loadRulesetOption(opts.ruleset);
      if (!rs.ok) return fail(rs.error);
      const rules = compileRuleset(rs.value);
      const predictions = cases.value.map((c) => {
        const a = analyzeText({ text: c.text, receivedAt: c.received_at, channel: c.channel }, rules);
        return { extraction: a.extraction, decision: a.decision };
      });
      const report = scoreCases(cases.value, predictions);
      print(opts.json ? report : formatEvalReport(report, Number(opts.failures)), !!opts.json);
      if (opts.floor) {
        const floor = EvalFloorSchema.safeParse(JSON.parse(readFileSync(opts.floor, 'utf8')));
        if (!floor.success) return fail({ code: 'invalid_input', message: `${opts.floor}: not a valid floor file` });
        const below = belowFloor(report, floor.data);
        if (below.length) {
          process.stderr.write(`Evaluation below the floor in ${opts.floor}:\n  ${below.join('\n  ')}\n`);
          process.exitCode = 1;
        } else process.stderr.write(`Evaluation meets the floor in ${opts.floor}.\n`);
      }
    });
}

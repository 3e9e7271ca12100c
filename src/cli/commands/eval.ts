import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { loadCases } from '../../core/eval/cases.js';
import { belowFloor, EvalFloorSchema } from '../../core/eval/floor.js';
import { scoreCases, type EvalReport } from '../../core/eval/score.js';
import { predictEmbedded, predictWithModel } from '../../core/eval/predict.js';
import { compileRuleset } from '../../core/rules/evaluate.js';
import { formatEvalReport } from '../format/eval.js';
import { fail, loadRulesetOption, print } from '../io.js';
import { addProviderOptions, llmFromOptions } from './agent.js';

/** `eval --data DIR`: scores the engine on a folder of SPEC.md cases. */
export function registerEval(program: Command): void {
  const cmd = program
    .command('eval')
    .description('Score the qualification engine on a folder of labelled cases (shared/eval/SPEC.md)')
    .requiredOption('--data <dir>', 'folder of *.json cases')
    .option('--ruleset <file>', 'ruleset JSON to evaluate with (default: the built-in reference policy)')
    .option('--floor <file>', 'fail (exit 1) when a figure drops below the floor in this JSON file')
    .option('--failures <n>', 'how many failures to list in the table', '20')
    .option('--json', 'print the report as JSON');
  addProviderOptions(cmd).action(
    async (opts: { data: string; ruleset?: string; floor?: string; failures: string; json?: boolean; provider?: string; baseUrl?: string; model?: string; redact?: boolean }) => {
      const cases = loadCases(opts.data);
      if (!cases.ok) return fail(cases.error);
      const rs = loadRulesetOption(opts.ruleset);
      if (!rs.ok) return fail(rs.error);
      const rules = compileRuleset(rs.value);
      const llm = await llmFromOptions(opts);
      if (!llm.ok) return fail(llm.error);
      let report: EvalReport & { provider?: { model: string; model_calls: number; recoveries: number; tokens: number } };
      if (llm.value) {
        const m = await predictWithModel(cases.value, rules, llm.value, { redact: opts.redact !== false });
        report = { ...scoreCases(cases.value, m.predictions), provider: { model: llm.value.model, model_calls: m.model_calls, recoveries: m.recoveries, tokens: m.tokens } };
      } else report = scoreCases(cases.value, predictEmbedded(cases.value, rules));
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
    },
  );
}

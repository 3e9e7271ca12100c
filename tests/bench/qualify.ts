import { loadCases } from '../../src/core/eval/cases.js';
import { analyzeText } from '../../src/core/pipeline/analyze.js';
import { DEFAULT_RULESET } from '../../src/core/rules/defaultRuleset.js';
import { compileRuleset } from '../../src/core/rules/evaluate.js';
import { median } from './stats.js';

/** Embedded qualification throughput on the eval texts, single-threaded (one core). */
export function benchQualify(opts: { dataDir: string; rounds?: number; seconds?: number }) {
  const cases = loadCases(opts.dataDir);
  if (!cases.ok) throw new Error(cases.error.message);
  const rules = compileRuleset(DEFAULT_RULESET);
  const inputs = cases.value.map((c) => ({ text: c.text, receivedAt: c.received_at, channel: c.channel }));
  for (const i of inputs) analyzeText(i, rules); // warm-up: JIT and lazy regex compilation
  const rates: number[] = [];
  for (let r = 0; r < (opts.rounds ?? 5); r++) {
    const t0 = performance.now();
    let n = 0;
    while (performance.now() - t0 < (opts.seconds ?? 1) * 1000) {
      for (const i of inputs) analyzeText(i, rules);
      n += inputs.length;
    }
    rates.push(n / ((performance.now() - t0) / 1000));
  }
  return { conversations: inputs.length, conversations_per_s: Math.round(median(rates)), target_per_s: 500 };
}

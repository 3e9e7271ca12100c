import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { benchAgent } from './agent.js';
import { benchCrm } from './crm.js';
import { benchImport } from './import.js';
import { benchKnowledge } from './knowledge.js';
import { benchQualify } from './qualify.js';
import { benchWhatif } from './whatif.js';
import { peakRssMiB } from './stats.js';

// `npm run bench`: every speed and memory figure of the project, as medians and ratios.
const opts = new Command()
  .option('--data <dir>', 'eval cases for the throughput bench', '../shared/eval/cases')
  .option('--rows <n>', 'rows of the generated import CSV', '100000')
  .option('--only <names>', 'comma-separated sections: qualify,import,whatif,knowledge,crm,agent')
  .option('--json', 'print JSON only')
  .parse(process.argv)
  .opts<{ data: string; rows: string; only?: string; json?: boolean }>();

const want = (s: string) => !opts.only || opts.only.split(',').includes(s);
const results: Record<string, unknown> = {};
const dir = mkdtempSync(join(tmpdir(), 'sales-copilot-bench-'));
try {
  if (want('qualify')) results.qualify = benchQualify({ dataDir: opts.data });
  if (want('import')) results.import = await benchImport({ rows: Number(opts.rows), dir });
  if (want('whatif')) results.whatif = await benchWhatif({ dir });
  if (want('knowledge')) results.knowledge = await benchKnowledge();
  if (want('crm')) results.crm = await benchCrm();
  if (want('agent')) results.agent = await benchAgent();
  results.peak_rss_mib = peakRssMiB();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (opts.json) console.log(JSON.stringify(results, null, 2));
else {
  for (const [k, v] of Object.entries(results)) console.log(`${k}: ${JSON.stringify(v)}`);
}

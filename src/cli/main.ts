import { Command } from 'commander';
import { registerEval } from './commands/eval.js';
import { registerRules } from './commands/rules.js';
import { registerQualify } from './commands/qualify.js';
import { registerImport } from './commands/import.js';
import { registerLeads } from './commands/leads.js';
import { registerDemo } from './commands/demo.js';
import { registerKb } from './commands/kb.js';
import { registerAgent } from './commands/agent.js';
import { registerCrm } from './commands/crm.js';
import { registerServe } from './commands/serve.js';

const program = new Command()
  .name('sales-copilot')
  .description('Qualify sales leads with evidence, explain the decision and propose CRM updates.')
  .option('--db <path>', 'SQLite database file (default: the user data folder, or $SALES_COPILOT_DB)')
  .showHelpAfterError();

registerQualify(program);
registerImport(program);
registerLeads(program);
registerRules(program);
registerEval(program);
registerDemo(program);
registerAgent(program);
registerCrm(program);
registerKb(program);
registerServe(program);

await program.parseAsync(process.argv);

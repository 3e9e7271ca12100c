import type { Command } from 'commander';
import { ChannelSchema, QualifyTextInputSchema, describeIssues, type QualifyResult } from '../../contract/index.js';
import { looksLikeTable } from '../../core/intake/detectTable.js';
import { qualifyTable } from '../../core/pipeline/qualifyTable.js';
import { qualifyLead } from '../../core/pipeline/qualifyLead.js';
import { addProviderOptions, llmFromOptions } from './agent.js';
import { activeCompiled } from '../../core/rules/active.js';
import { formatImportReport } from '../format/import.js';
import { formatQualifyResult } from '../format/qualify.js';
import { fail, print, readInput } from '../io.js';
import { withStore } from '../store.js';

interface QualifyOpts {
  provider?: string;
  baseUrl?: string;
  model?: string;
  redact?: boolean;
  channel?: string;
  receivedAt?: string;
  owner?: string;
  json?: boolean;
}

/** `qualify FILE|-`: a pasted text or a table, stored and explained. */
export function registerQualify(program: Command): void {
  const cmd = program
    .command('qualify <file>')
    .description('Qualify a lead text (email, chat, call notes, web form, LinkedIn) or a CSV/TSV table; "-" reads stdin')
    .option('--channel <channel>', `force the channel: ${ChannelSchema.options.join(', ')}`)
    .option('--received-at <date>', 'when the message arrived (YYYY-MM-DD); default: the date in the text, else today')
    .option('--owner <name>', 'the rep who owns the lead')
    .option('--json', 'print the result as JSON');
  addProviderOptions(cmd).action(async (file: string, opts: QualifyOpts, cmd: Command) => {
      const input = readInput(file);
      if (!input.ok) return fail(input.error);
      const llm = await llmFromOptions(opts);
      if (!llm.ok) return fail(llm.error);
      const qopts = { llm: llm.value, redact: opts.redact !== false };
      await withStore(cmd, async (ctx) => {
        const rules = activeCompiled(ctx);
        if (opts.channel !== 'table' && (opts.channel === undefined ? looksLikeTable(input.value.text) : false)) {
          const r = await qualifyTable(ctx, { text: input.value.text, fileName: input.value.name }, rules, qopts);
          if (!r.ok) return fail(r.error);
          if (opts.json) return print(r.value, true);
          print([formatImportReport(r.value.import), ...r.value.results.map(formatQualifyResult)].join('\n\n'), false);
          return;
        }
        const parsed = QualifyTextInputSchema.safeParse({
          text: input.value.text,
          channel: opts.channel,
          received_at: opts.receivedAt,
          owner: opts.owner,
        });
        if (!parsed.success) return fail({ code: 'invalid_input', message: describeIssues(parsed.error.issues).join('; ') });
        const r: QualifyResult = await qualifyLead(ctx, parsed.data, rules, qopts);
        print(opts.json ? r : formatQualifyResult(r), !!opts.json);
      });
    });
}

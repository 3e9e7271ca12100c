import type { Command } from 'commander';
import { SAMPLE_INBOX } from '../../core/demo/sampleInbox.js';
import { qualifyLead } from '../../core/pipeline/qualifyLead.js';
import { activeCompiled } from '../../core/rules/active.js';
import { formatQualifyResult } from '../format/qualify.js';
import { dbPathOf, withStore } from '../store.js';
import { print } from '../io.js';

/** `demo`: qualifies the bundled sample inbox with the embedded engine and prints the results. */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('Qualify the bundled sample inbox with the embedded engine (no network, no key)')
    .option('--json', 'print the results as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withStore(cmd, async (ctx) => {
        const rules = activeCompiled(ctx);
        const results = [];
        for (const s of SAMPLE_INBOX) results.push(await qualifyLead(ctx, { text: s.text, channel: s.channel, received_at: s.receivedAt }, rules));
        if (opts.json) return print(results, true);
        const counts = results.reduce<Record<string, number>>((m, r) => ({ ...m, [r.classification.class]: (m[r.classification.class] ?? 0) + 1 }), {});
        const escalated = results.filter((r) => r.escalation.escalate).length;
        print(
          [
            `Sales Copilot demo: ${results.length} sample leads qualified with the embedded engine (ruleset v${rules.version ?? '-'}).`,
            '',
            ...results.map(formatQualifyResult),
            '',
            `Summary: ${Object.entries(counts).map(([k, v]) => `${v} ${k.replace('_', ' ')}`).join(', ')}; ${escalated} escalated.`,
            `Stored in ${dbPathOf(cmd)}. Next: \`npm run -s cli -- leads list\`, \`npm run -s cli -- qualify FILE\`.`,
          ].join('\n'),
          false,
        );
      });
    });
}

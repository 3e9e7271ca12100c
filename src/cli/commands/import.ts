import type { Command } from 'commander';
import type { MappingOverride } from '../../contract/index.js';
import { importTable } from '../../core/intake/table/index.js';
import { qualifyStoredLead } from '../../core/pipeline/qualifyTable.js';
import { activeCompiled } from '../../core/rules/active.js';
import { leadIds } from '../../core/store/imports.js';
import { formatImportReport } from '../format/import.js';
import { fail, print } from '../io.js';
import { withStore } from '../store.js';

interface ImportOpts {
  map?: string;
  dryRun?: boolean;
  kind?: 'leads' | 'companies';
  qualify?: boolean;
  json?: boolean;
}

/** "Email=email,Notes=notes,Rating=ignore" -> { Email: 'email', ... } */
function parseMap(spec: string): MappingOverride {
  return Object.fromEntries(
    spec
      .split(',')
      .map((p) => p.split('='))
      .filter((kv) => kv.length === 2)
      .map(([k, v]) => [k!.trim(), v!.trim()]),
  ) as MappingOverride;
}

/** `import FILE`: a CSV/TSV of leads or companies, good rows in, bad rows reported. */
export function registerImport(program: Command): void {
  program
    .command('import <file>')
    .description('Import a CSV/TSV of leads (HubSpot, Salesforce, Pipedrive exports, ...) or companies')
    .option('--map <spec>', 'override the column mapping: "Column=field,Other Column=ignore"')
    .option('--kind <kind>', 'leads or companies (default: guessed from the headers)')
    .option('--dry-run', 'preview the mapping, the first rows and the errors without writing')
    .option('--qualify', 'qualify every imported lead afterwards')
    .option('--json', 'print the report as JSON')
    .action(async (file: string, opts: ImportOpts, cmd: Command) => {
      await withStore(cmd, async (ctx) => {
        const r = await importTable(ctx, {
          ...(file === '-' ? { text: await readStdin(), fileName: 'stdin' } : { path: file }),
          ...(opts.map ? { mapping: parseMap(opts.map) } : {}),
          ...(opts.kind ? { kind: opts.kind } : {}),
          dryRun: !!opts.dryRun,
        });
        if (!r.ok) return fail(r.error);
        let qualified = 0;
        if (opts.qualify && r.value.import_id) {
          const rules = activeCompiled(ctx);
          for (const id of leadIds(ctx, r.value.import_id)) if (await qualifyStoredLead(ctx, id, rules)) qualified++;
        }
        if (opts.json) return print({ ...r.value, qualified }, true);
        print(formatImportReport(r.value) + (opts.qualify ? `\nQualified ${qualified} leads.` : ''), false);
      });
    });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

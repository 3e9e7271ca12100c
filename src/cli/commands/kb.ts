import { watchFolder } from '../../core/knowledge/ingest/watch.js';
import { writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Command } from 'commander';
import { BriefLengthSchema, type KbIngestReport, type KbSearchResult, type MeetingBrief } from '../../contract/index.js';
import { composeBrief } from '../../core/knowledge/brief/index.js';
import { proposeBriefToCrm } from '../../core/knowledge/brief/crm.js';
import { listDocuments, removeDocument } from '../../core/knowledge/documents.js';
import { briefToPdf } from '../../core/knowledge/export/brief-pdf.js';
import { briefToMarkdown } from '../../core/knowledge/export/markdown.js';
import { ingestPath } from '../../core/knowledge/ingest/files.js';
import { leadScope } from '../../core/knowledge/memory/lead.js';
import { knowledgeReady } from '../../core/knowledge/ready.js';
import { openAiEmbedder, type Embedder } from '../../core/knowledge/search/embeddings.js';
import { searchKnowledge } from '../../core/knowledge/search/index.js';
import { indexVectors } from '../../core/knowledge/search/vector.js';
import type { StoreContext } from '../../core/store/context.js';
import { fail, print } from '../io.js';
import { withStore } from '../store.js';

/** The embeddings endpoint from the environment; hybrid search is off without it. */
function embedderFromEnv(env: NodeJS.ProcessEnv = process.env): Embedder | null {
  const url = env['SALES_COPILOT_EMBEDDINGS_URL'];
  const model = env['SALES_COPILOT_EMBEDDINGS_MODEL'];
  return url && model ? openAiEmbedder({ baseURL: url, model, apiKey: env['OPENAI_API_KEY'] ?? 'not-needed' }) : null;
}

/** Runs `fn` on a store that has the knowledge tables, or reports how to get them. */
async function withKb(cmd: Command, fn: (ctx: StoreContext) => void | Promise<void>): Promise<void> {
  await withStore(cmd, async (ctx) => {
    const ready = knowledgeReady(ctx);
    if (!ready.ok) return fail(ready.error);
    await fn(ctx);
  });
}

function formatReport(r: KbIngestReport): string {
  const lines = r.outcomes.map((o) => `${o.status.padEnd(9)} ${o.source}${o.status === 'failed' ? `\n          ${o.error?.message ?? ''}` : ` (${o.chunks} chunks)`}`);
  lines.push(`${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged, ${r.failed} failed in ${r.duration_ms} ms.`);
  return lines.join('\n');
}

function formatResults(results: KbSearchResult[]): string {
  if (!results.length) return 'No matches.';
  return results
    .map((r, i) => `${i + 1}. ${basename(r.chunk.source)} > ${r.chunk.heading_path.join(' > ')}  [${r.ranker} ${r.score.toFixed(3)}] ${r.chunk.id}\n   "${r.citation.quote}"`)
    .join('\n');
}

function formatBrief(b: MeetingBrief): string {
  return briefToMarkdown(b);
}

/** `kb add|list|search|remove` and `brief LEAD_ID`. */
export function registerKb(program: Command): void {
  const kb = program.command('kb').description('Knowledge base: product sheets, pricing, case studies, battlecards');
  kb.command('add <path>')
    .description('Add a file or a folder (.md, .txt, .html, .pdf); changed files are re-ingested, unchanged ones skipped')
    .option('--watch', 'keep watching the folder: changed files are re-ingested, deleted ones removed (Ctrl+C stops)')
    .option('--json', 'print the report as JSON')
    .action(async (path: string, opts: { json?: boolean; watch?: boolean }, cmd: Command) =>
      withKb(cmd, async (ctx) => {
        if (opts.watch) {
          const w = watchFolder(ctx, path, {
            onOutcome: (o) => process.stdout.write(`${o.status}: ${o.source}${'error' in o && o.error ? ` (${o.error.message})` : ''}\n`),
          });
          await w.ready;
          process.stdout.write(`Watching ${path}; Ctrl+C stops.\n`);
          await new Promise<void>((done) => process.once('SIGINT', () => void w.close().then(done)));
          return;
        }
        const r = await ingestPath(ctx, path);
        if (!r.ok) return fail(r.error);
        const embedder = embedderFromEnv();
        if (embedder) {
          const v = await indexVectors(ctx, embedder);
          if (!v.ok) process.stderr.write(`warning: ${v.error.message}\n`);
        }
        print(opts.json ? r.value : formatReport(r.value), !!opts.json);
        if (r.value.failed) process.exitCode = 1;
      }),
    );
  kb.command('list')
    .description('List documents with their chunks and freshness')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) =>
      withKb(cmd, (ctx) => {
        const docs = listDocuments(ctx);
        if (opts.json) return print(docs, true);
        if (!docs.length) return print('The knowledge base is empty; add documents with `kb add PATH`.', false);
        print(docs.map((d) => `${d.id}  ${d.format.padEnd(8)} ${String(d.chunk_count).padStart(4)} chunks  modified ${d.modified_at?.slice(0, 10) ?? '-'}  ${d.title} (${basename(d.source)})`).join('\n'), false);
      }),
    );
  kb.command('search <query>')
    .description('Search the knowledge base (BM25; hybrid when an embeddings endpoint is configured)')
    .option('--limit <n>', 'how many results', '8')
    .option('--lead <id>', "search this lead's memory instead of the knowledge base")
    .option('--json', 'print JSON')
    .action(async (query: string, opts: { limit: string; lead?: string; json?: boolean }, cmd: Command) =>
      withKb(cmd, async (ctx) => {
        const r = await searchKnowledge(ctx, { query, limit: Number(opts.limit), scope: opts.lead ? leadScope(opts.lead) : 'kb' }, embedderFromEnv());
        if (!r.ok) return fail(r.error);
        print(opts.json ? r.value : formatResults(r.value), !!opts.json);
      }),
    );
  kb.command('remove <id>')
    .description('Remove a document (by the id `kb list` shows) and its chunks')
    .action(async (id: string, _opts: unknown, cmd: Command) =>
      withKb(cmd, (ctx) => {
        if (!removeDocument(ctx, id)) return fail({ code: 'not_found', message: `No document ${id}; see \`kb list\`.` });
        print(`Removed ${id}.`, false);
      }),
    );
  program
    .command('brief <leadId>')
    .description('Compose a meeting brief for a lead, with verified citations')
    .option('--json', 'print the brief as JSON')
    .option('--out <file>', 'write the brief to a file (.pdf, .md or .json by extension)')
    .option('--length <length>', `short, standard or detailed (default: the rep's preference)`)
    .option('--rep <name>', "whose preferences apply (default: the lead's owner)")
    .option('--add-to-crm <kind>', 'also propose it to the CRM as a "note" or a "task" (goes to approval)')
    .action(async (leadId: string, opts: { json?: boolean; out?: string; length?: string; rep?: string; addToCrm?: string }, cmd: Command) =>
      withKb(cmd, async (ctx) => {
        const length = opts.length === undefined ? undefined : BriefLengthSchema.safeParse(opts.length);
        if (length && !length.success) return fail({ code: 'invalid_input', message: '--length must be short, standard or detailed' });
        const b = await composeBrief(ctx, leadId, { rep: opts.rep ?? null, ...(length?.success ? { length: length.data } : {}) });
        if (!b.ok) return fail(b.error);
        if (opts.out) {
          const ext = extname(opts.out).toLowerCase();
          const data = ext === '.pdf' ? briefToPdf(b.value) : ext === '.json' ? JSON.stringify(b.value, null, 2) : briefToMarkdown(b.value);
          writeFileSync(opts.out, data);
          process.stderr.write(`Wrote ${opts.out}.\n`);
        }
        if (opts.addToCrm) {
          if (opts.addToCrm !== 'note' && opts.addToCrm !== 'task') return fail({ code: 'invalid_input', message: '--add-to-crm must be "note" or "task"' });
          const p = proposeBriefToCrm(ctx, b.value, { as: opts.addToCrm === 'task' ? 'task' : 'meeting_note' });
          if (!p.ok) return fail(p.error);
          process.stderr.write(`Proposal ${p.value.id} waits for approval.\n`);
        }
        if (!opts.out || opts.json) print(opts.json ? b.value : formatBrief(b.value), !!opts.json);
      }),
    );
}

import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openInBrowser } from '../../bridge/open.js';
import { startBridge } from '../../bridge/server.js';
import { createCore } from '../../core/createCore.js';
import { prewarmImportWorker } from '../../core/intake/table/index.js';
import * as leads from '../../core/store/leads.js';
import { dbPathOf } from '../store.js';

interface ServeOpts {
  port?: string;
  db?: string;
  open?: boolean;
  sample?: boolean;
  renderer?: string;
}

/** The built renderer next to the sources: dist/renderer at the project root. */
export const defaultRendererDir = (): string =>
  resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'dist', 'renderer');

/** `serve`: browser mode. The app over loopback HTTP with a per-launch token. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Serve the app to a browser on 127.0.0.1 (token-protected); prints the URL')
    .option('--port <port>', 'port to listen on (default: a free one)')
    .option('--db <path>', 'SQLite database file')
    .option('--no-open', 'do not open a browser')
    .option('--sample', 'load the sample inbox when the database has no leads')
    .option('--renderer <dir>', 'built renderer folder (default: dist/renderer)')
    .action(async (opts: ServeOpts, cmd: Command) => {
      const port = opts.port === undefined ? 0 : Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        process.stderr.write(`error (invalid_input): --port must be a number from 0 to 65535, got "${opts.port}"\n`);
        process.exitCode = 2;
        return;
      }
      const dbPath = opts.db ?? dbPathOf(cmd);
      const core = createCore({ dbPath, host: 'browser' });
      // Large table imports prepare rows on a worker thread; starting it now spares the first import its start.
      void prewarmImportWorker();
      if (opts.sample && leads.count(core.context.store) === 0) await core.handlers['leads.loadSample']({});
      const staticDir = opts.renderer ?? defaultRendererDir();
      const bridge = await startBridge({
        core,
        port,
        staticDir: existsSync(join(staticDir, 'index.html')) ? staticDir : null,
      });
      if (!existsSync(join(staticDir, 'index.html')))
        process.stderr.write(
          `note: no renderer at ${staticDir}; only the API is served (build it with \`npx vite build\`).\n`,
        );
      process.stdout.write(`Sales Copilot is running at ${bridge.openUrl}\n(database: ${dbPath}; Ctrl+C stops it)\n`);
      if (opts.open !== false) openInBrowser(bridge.openUrl);
      const stop = async () => {
        await bridge.close();
        core.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
    });
}

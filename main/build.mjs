#!/usr/bin/env node
// Builds the desktop shell with esbuild: main, the core's utility process, the preload and the
// table import's worker, each one CommonJS file in dist/main (a sandboxed preload cannot load
// modules, so it must be one file).
import { cpSync } from 'node:fs';
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: false,
  logLevel: 'warning',
  // Native and Electron modules are resolved at run time, never bundled.
  external: ['electron', 'better-sqlite3'],
};

// The table import prepares large files on a worker thread; the core finds its bundle next to
// itself by this name (CommonJS has no import.meta.url to locate the TypeScript entry).
const TABLE_WORKER = 'table-worker.cjs';
// The sample knowledge base is read from disk at run time: it is copied beside the bundle.
const SAMPLE_KB = 'sample-kb';
const coreDefine = { define: { __TABLE_WORKER_FILE__: JSON.stringify(TABLE_WORKER), __SAMPLE_KB_DIRNAME__: JSON.stringify(SAMPLE_KB) } };
cpSync(join(root, 'src', 'core', 'knowledge', 'sample-kb'), join(root, 'dist', 'main', SAMPLE_KB), { recursive: true });

await Promise.all([
  build({ ...common, entryPoints: [join(root, 'main', 'main.ts')], outfile: join(root, 'dist', 'main', 'main.cjs') }),
  build({
    ...common,
    ...coreDefine,
    entryPoints: [join(root, 'main', 'core.ts')],
    outfile: join(root, 'dist', 'main', 'core.cjs'),
  }),
  build({
    ...common,
    entryPoints: [join(root, 'src', 'core', 'intake', 'table', 'prepare.worker.ts')],
    outfile: join(root, 'dist', 'main', TABLE_WORKER),
  }),
  build({
    ...common,
    entryPoints: [join(root, 'main', 'preload.ts')],
    outfile: join(root, 'dist', 'main', 'preload.cjs'),
    external: ['electron'],
  }),
]);
console.log(`built dist/main/{main,core,preload}.cjs, dist/main/${TABLE_WORKER} and dist/main/${SAMPLE_KB}/`);

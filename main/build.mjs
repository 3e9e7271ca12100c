#!/usr/bin/env node
// Builds the desktop shell with esbuild: main, the core's utility process and the preload, each
// one CommonJS file in dist/main (a sandboxed preload cannot load modules, so it must be one file).
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

await Promise.all([
  build({ ...common, entryPoints: [join(root, 'main', 'main.ts')], outfile: join(root, 'dist', 'main', 'main.cjs') }),
  build({ ...common, entryPoints: [join(root, 'main', 'core.ts')], outfile: join(root, 'dist', 'main', 'core.cjs') }),
  build({
    ...common,
    entryPoints: [join(root, 'main', 'preload.ts')],
    outfile: join(root, 'dist', 'main', 'preload.cjs'),
    external: ['electron'],
  }),
]);
console.log('built dist/main/{main,core,preload}.cjs');

#!/usr/bin/env node
// `npm start`: until the desktop shell lands, runs the headless demo, which qualifies the
// bundled sample inbox with the embedded engine and prints the results.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsx = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx');
const r = spawnSync(tsx, [join(root, 'src', 'cli', 'main.ts'), 'demo', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);

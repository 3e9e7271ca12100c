#!/usr/bin/env node
// `npm start`: builds, then opens the desktop app; without the Electron binary it says so in one
// line and starts browser mode on the embedded default with the sample inbox loaded.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], ...opts });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

function electronBinary() {
  try {
    const p = createRequire(import.meta.url)('electron');
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

run(bin('vite'), ['build', '--logLevel', 'error']);
const electron = electronBinary();
if (electron) {
  run(process.execPath, [join(root, 'main', 'build.mjs')]);
  // better-sqlite3 must match Electron's ABI here (never in npm install, which builds it for Node).
  if (existsSync(bin('electron-builder'))) run(bin('electron-builder'), ['install-app-deps'], { stdio: 'inherit' });
  else if (existsSync(bin('electron-rebuild')))
    run(bin('electron-rebuild'), ['-f', '-w', 'better-sqlite3'], { stdio: 'inherit' });
  const child = spawn(electron, [join(root, 'dist', 'main', 'main.cjs'), ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
  });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(
    'The Electron binary is not installed, so Sales Copilot starts in browser mode instead (embedded default, sample inbox).',
  );
  const child = spawn(
    bin('tsx'),
    [join(root, 'src', 'cli', 'main.ts'), 'serve', '--sample', ...process.argv.slice(2)],
    { cwd: root, stdio: 'inherit' },
  );
  child.on('exit', (code) => process.exit(code ?? 0));
}

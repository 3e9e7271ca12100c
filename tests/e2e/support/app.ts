import { test as base, expect } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startBridge, type Bridge } from '../../../src/bridge/server.js';
import { createCore, type Core } from '../../../src/core/createCore.js';
import { inProcessClient } from '../../../src/transport/inProcess.js';
import type { ApiClient } from '../../../src/contract/api/index.js';

export const RENDERER_DIR = resolve('dist', 'renderer');
export const SCREENSHOT_DIR = resolve('test-results', 'screenshots');

export interface AppUnderTest {
  core: Core;
  bridge: Bridge;
  /** Direct calls for arranging data and checking effects (the same contract the page uses). */
  api: ApiClient;
  dir: string;
}

/** Browser mode for one test: a fresh database, the real bridge, the built renderer. */
export const test = base.extend<{ app: AppUnderTest }>({
  // Playwright reads the fixture's dependencies from this destructuring; this one has none.
  // eslint-disable-next-line no-empty-pattern
  app: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'sc-e2e-'));
    const core = createCore({ dbPath: join(dir, 'app.db'), host: 'browser' });
    const bridge = await startBridge({ core, staticDir: RENDERER_DIR });
    await use({ core, bridge, api: inProcessClient(core), dir });
    await bridge.close();
    core.close();
    rmSync(dir, { recursive: true, force: true });
  },
});

/** Unwraps a call result in a test, failing with the error message. */
export async function must<T>(
  p: Promise<{ ok: true; data: T } | { ok: false; error: { message: string } }>,
): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error.message);
  return r.data;
}

export { expect };

/**
 * Rejects every open proposal, as a rep clearing the queue would. Qualifying a lead makes the
 * agent propose changes; tests that arrange their own proposals start from an empty queue.
 */
export async function clearQueue(app: AppUnderTest): Promise<void> {
  const open = await must(app.api.call('proposals.list', { status: 'open' }));
  if (open.length) await must(app.api.call('proposals.rejectAll', { ids: open.map((p) => p.id), reviewer: 'test-setup' }));
}

import { chromium } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startBridge } from '../../src/bridge/server.js';
import { createCore } from '../../src/core/createCore.js';
import { createIdFactory } from '../../src/core/store/ids.js';
import { identityKeys, prepareInsert } from '../../src/core/store/leads.js';
import type { StoreContext } from '../../src/core/store/context.js';

export interface UiBenchOptions {
  leads?: number;
  /** Frames to scroll for the frame-time figure. */
  frames?: number;
  /** Pixels scrolled per frame (a fast flick is about 40-80). */
  pxPerFrame?: number;
  rendererDir?: string;
  chromiumPath?: string;
}

export interface UiBenchResult {
  leads: number;
  seed_ms: number;
  /** Navigation start to the first lead row on screen with the total shown (the inbox is usable). */
  load_to_interactive_ms: number;
  scroll: { frames: number; mean_ms: number; p95_ms: number; max_ms: number; fps: number; dropped_pct: number };
  targets: { load_under_1500ms: boolean; fps_at_least_60: boolean };
}

const OWNERS = ['Ana', 'Ben', 'Chloé', 'Dmitri', 'Eve', null];
const CLASSES = ['qualified', 'needs_info', 'nurture', 'disqualified'];

/** Writes `n` leads with a decision each, as fast as SQLite allows (one transaction). */
function seed(ctx: StoreContext, n: number): void {
  const insert = prepareInsert(ctx);
  const id = createIdFactory('lead', ctx.clock);
  const base = Date.parse('2026-01-01T00:00:00Z');
  ctx.db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const l = {
        name: `Lead ${i}`,
        email: `lead${i}@example${i % 997}.com`,
        company: `Company ${i % 5003}`,
        website: null,
      };
      insert.run({
        ...l,
        ...identityKeys(l),
        id: id(),
        created_at: new Date(base + i * 60_000).toISOString(),
        updated_at: new Date(base + i * 60_000).toISOString(),
        phone: null,
        title: null,
        company_id: null,
        owner: OWNERS[i % OWNERS.length],
        source: 'import',
        lead_source: null,
        external_id: null,
        channel: 'table',
        status: 'new',
        outcome: null,
        attributes: '{}',
        import_id: null,
      });
    }
    // The list only reads the denormalised latest_* columns, so the bench fills them directly.
    ctx.db
      .prepare(
        `UPDATE leads SET latest_class = json_extract(?, '$[' || (abs(random()) % 4) || ']'), latest_score = abs(random()) % 101,
        latest_escalate = (abs(random()) % 20 = 0), decided_at = created_at`,
      )
      .run(JSON.stringify(CLASSES));
  })();
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;

/** Time from load to an interactive inbox with 100,000 leads, and frame time while scrolling it, in Chromium. */
export async function benchUi(opts: UiBenchOptions = {}): Promise<UiBenchResult> {
  const n = opts.leads ?? 100_000;
  const frames = opts.frames ?? 240;
  const rendererDir = opts.rendererDir ?? resolve('dist', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html')))
    throw new Error(`no built renderer at ${rendererDir}: run \`npx vite build\` first`);
  const dir = mkdtempSync(join(tmpdir(), 'sc-bench-ui-'));
  const core = createCore({ dbPath: join(dir, 'bench.db'), host: 'browser' });
  const t0 = performance.now();
  seed(core.context.store, n);
  const seedMs = performance.now() - t0;
  const bridge = await startBridge({ core, staticDir: rendererDir });
  const browser = await chromium.launch({
    executablePath: opts.chromiumPath ?? process.env['PLAYWRIGHT_CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // Warm the HTTP cache and the SQLite page cache once, as a returning user would have them.
    await page.goto(bridge.openUrl);
    await page
      .getByRole('row', { name: /^Lead \d+/ })
      .first()
      .waitFor();
    await page.goto('about:blank');
    await page.goto(bridge.openUrl, { waitUntil: 'commit' });
    await page
      .getByRole('row', { name: /^Lead \d+/ })
      .first()
      .waitFor();
    await page
      .getByRole('status', { name: 'Lead count' })
      .filter({ hasText: n.toLocaleString('en-US') })
      .waitFor();
    const load = await page.evaluate(() => performance.now());

    // A string, not a function: tsx's name helpers do not exist inside the page.
    const deltas = (await page.evaluate(`new Promise((done) => {
      const el = document.querySelector('[data-testid="lead-scroll"]');
      const out = [];
      let last = 0, i = 0;
      const step = (t) => {
        out.push(t - last);
        last = t;
        el.scrollTop += ${opts.pxPerFrame ?? 60};
        if (++i < ${frames}) requestAnimationFrame(step);
        else done(out.slice(2));
      };
      requestAnimationFrame((t) => { last = t; requestAnimationFrame(step); });
    })`)) as number[];
    const mean = deltas.reduce((a, b) => a + b, 0) / deltas.length;
    const dropped = deltas.filter((d) => d > 1000 / 60 + 4).length / deltas.length;
    return {
      leads: n,
      seed_ms: Math.round(seedMs),
      load_to_interactive_ms: Math.round(load),
      scroll: {
        frames: deltas.length,
        mean_ms: Math.round(mean * 100) / 100,
        p95_ms: Math.round(pct(deltas, 0.95) * 100) / 100,
        max_ms: Math.round(Math.max(...deltas) * 100) / 100,
        fps: Math.round(1000 / mean),
        dropped_pct: Math.round(dropped * 1000) / 10,
      },
      targets: { load_under_1500ms: load < 1500, fps_at_least_60: 1000 / mean >= 59 },
    };
  } finally {
    await browser.close();
    await bridge.close();
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await benchUi(), null, 2));
}

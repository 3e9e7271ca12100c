import { resolve } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { KbIngestOutcome } from '../../../contract/index.js';
import type { StoreContext } from '../../store/context.js';
import { findDocument, removeDocument } from '../documents.js';
import { formatOf } from './formats.js';
import { ingestFile, type IngestOptions } from './files.js';

export interface KbWatcher {
  /** Resolves once the initial scan has been ingested. */
  ready: Promise<void>;
  close(): Promise<void>;
}

export interface WatchOptions extends IngestOptions {
  onOutcome?: (o: KbIngestOutcome | { source: string; status: 'removed' }) => void;
}

/**
 * Keeps a folder and the knowledge base in step: added or changed files are (re)ingested,
 * deleted files lose their chunks. Work is serialised so two saves in a row never interleave.
 */
export function watchFolder(ctx: StoreContext, dir: string, opts: WatchOptions = {}): KbWatcher {
  const scope = opts.scope ?? 'kb';
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (job: () => Promise<void>) => {
    queue = queue.then(job).catch(() => undefined);
    return queue;
  };
  const w: FSWatcher = watch(resolve(dir), {
    ignored: (p: string) => /(^|[/\\])\../.test(p.slice(resolve(dir).length)),
    // Editors write in several steps; wait for the file to settle before reading it.
    awaitWriteFinish: { stabilityThreshold: 150, pollInterval: 50 },
  });
  const upsert = (p: string) => {
    if (!formatOf(p)) return;
    void enqueue(async () => opts.onOutcome?.(await ingestFile(ctx, p, opts)));
  };
  w.on('add', upsert);
  w.on('change', upsert);
  w.on('unlink', (p: string) => {
    void enqueue(async () => {
      const doc = findDocument(ctx, scope, resolve(p));
      if (doc) removeDocument(ctx, doc.id);
      opts.onOutcome?.({ source: resolve(p), status: 'removed' });
    });
  });
  const ready = new Promise<void>((res) => w.once('ready', () => void queue.then(() => res())));
  return { ready, close: () => w.close() };
}

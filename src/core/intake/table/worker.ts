import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { PreparedBatch } from './batches.js';
import {
  CheckpointReplySchema,
  JobReplySchema,
  SIGNAL,
  SIGNAL_SLOTS,
  WORKER_FAILED,
  WORKER_READY,
  type CheckpointMessage,
  type CheckpointReply,
  type JobMessage,
  type JobSource,
} from './jobs.js';
import type { PreparePlan } from './prepare.js';

// main/build.mjs defines this in the Electron bundle (CommonJS, no import.meta.url): the file
// name of the bundled worker, which sits next to the bundle.
declare const __TABLE_WORKER_FILE__: string | undefined;

/** A job that neither posts nor finishes for this long is given up (the worker is stuck or gone). */
export const WATCHDOG_MS = 30_000;
// While the worker is still loading, the import also looks at its status word this often, so a
// worker that fails to load sends the import inline at once rather than after the watchdog.
const STARTING_POLL_MS = 50;

const BUNDLE_BOOTSTRAP = `const { workerData } = require('node:worker_threads');
try { require(workerData.entry); } catch (e) {
  const status = new Int32Array(workerData.status);
  Atomics.store(status, 0, ${WORKER_FAILED});
  Atomics.notify(status, 0);
  throw e;
}`;

interface Script {
  filename: string | URL;
  eval: boolean;
  entry: string;
}

/**
 * How to start the worker here: the bundled worker in the Electron build, else the TypeScript
 * entry through the tsx bootstrap (tsx, vitest). Null when the files are not where expected.
 */
function locate(entry?: string): Script | null {
  if (typeof __TABLE_WORKER_FILE__ === 'string') {
    const file = join(__dirname, __TABLE_WORKER_FILE__);
    // Worker threads may not read inside a packaged app's app.asar: an unpacked copy (electron-builder
    // asarUnpack) is preferred when there is one; failing both, imports prepare inline.
    const unpacked = file.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
    if (unpacked !== file && existsSync(unpacked)) return { filename: BUNDLE_BOOTSTRAP, eval: true, entry: unpacked };
    return existsSync(file) ? { filename: BUNDLE_BOOTSTRAP, eval: true, entry: file } : null;
  }
  const boot = new URL('./worker-bootstrap.mjs', import.meta.url);
  const main = entry ?? new URL('./prepare.worker.ts', import.meta.url).href;
  if (boot.protocol !== 'file:' || !existsSync(fileURLToPath(boot))) return null;
  if (main.startsWith('file:') && !existsSync(fileURLToPath(main))) return null;
  return { filename: boot, eval: false, entry: main };
}

interface Thread {
  worker: Worker;
  status: Int32Array;
}

/** How a job ended: all batches consumed; the worker could not be used (nothing consumed); or it failed midway. */
export type PullResult =
  { kind: 'done' } | { kind: 'unavailable'; reason: string } | { kind: 'failed'; reason: string };

/**
 * A thread that prepares the rows of large imports while the main thread writes them. One per
 * process (see `sharedImportWorker`), started once and kept: starting it costs up to a second.
 * It is unref'd, so it never keeps a process alive.
 */
export class ImportWorker {
  private thread: Thread | null = null;
  /** Why the worker cannot be used in this process; imports then prepare inline. */
  private unusable: string | null = null;
  /** Jobs the worker prepared to the end (diagnostics; tests check which path an import took). */
  completed = 0;

  /** `entry`: the worker module's URL, for tests; the real entry by default. */
  constructor(private readonly entry?: string) {}

  /**
   * Starts the thread if it is not running; false when it cannot be started here. `preload`: also
   * load the parsers no table may need (when starting ahead of time, with nothing waiting).
   */
  start(opts: { preload?: boolean } = {}): boolean {
    if (this.unusable) return false;
    if (this.thread) return true;
    const script = locate(this.entry);
    if (!script) {
      this.unusable = 'the import worker files were not found';
      return false;
    }
    const status = new Int32Array(new SharedArrayBuffer(4));
    let worker: Worker;
    try {
      // No inherited loader flags (tsx's --import): the bootstrap registers tsx itself, and loading
      // it twice made the worker start 20-50% slower.
      worker = new Worker(script.filename, {
        eval: script.eval,
        execArgv: [],
        workerData: { entry: script.entry, status: status.buffer, preload: opts.preload === true },
      });
    } catch (e) {
      this.unusable = `the import worker could not start: ${e instanceof Error ? e.message : String(e)}`;
      return false;
    }
    worker.unref();
    const thread: Thread = { worker, status };
    const gone = (why: string) => {
      if (this.thread !== thread) return;
      this.thread = null;
      // A worker that never loaded will not load next time either; one that ran may be restarted.
      if (Atomics.load(status, 0) !== WORKER_READY) this.unusable = why;
    };
    worker.on('error', (e) => gone(`the import worker failed: ${e.message}`));
    worker.on('exit', (code) => gone(`the import worker exited (${code})`));
    this.thread = thread;
    return true;
  }

  /** Whether the worker has loaded and can take a job at once. */
  isReady(): boolean {
    return this.thread !== null && Atomics.load(this.thread.status, 0) === WORKER_READY;
  }

  /** Resolves once the worker has loaded (true) or cannot be used or does not load within the watchdog's time (false). */
  async ready(): Promise<boolean> {
    if (!this.start()) return false;
    const deadline = performance.now() + WATCHDOG_MS;
    while (performance.now() < deadline) {
      const t = this.thread;
      if (!t) return false;
      const s = Atomics.load(t.status, 0);
      if (s === WORKER_READY) return true;
      if (s === WORKER_FAILED) return false;
      await new Promise<void>((resolve) => setTimeout(resolve, 10));
    }
    return false;
  }

  /** Hands a table to the worker; null when there is no usable worker (prepare inline then). */
  submit(source: JobSource, plan: PreparePlan): ImportJob | null {
    if (!this.start() || !this.thread) return null;
    const thread = this.thread;
    if (Atomics.load(thread.status, 0) === WORKER_FAILED) {
      this.unusable = 'the import worker failed to load';
      return null;
    }
    const { port1, port2 } = new MessageChannel();
    const signal = new SharedArrayBuffer(SIGNAL_SLOTS * 4);
    const job: JobMessage = { type: 'job', source, plan, port: port2, signal };
    thread.worker.postMessage(job, [port2]);
    return new ImportJob(this, thread, port1, new Int32Array(signal));
  }

  private lastCheckpoint: Promise<CheckpointReply> | null = null;

  /** The latest checkpoint handed to the worker, if any (tests and benchmarks wait for it). */
  latestCheckpoint(): Promise<CheckpointReply> | null {
    return this.lastCheckpoint;
  }

  /**
   * Has the worker fold the WAL of the database file at `path` into the file, on a connection of
   * its own, while this thread goes on; resolves with the outcome. Null when no worker is ready:
   * checkpoint on the caller's connection then.
   */
  checkpoint(path: string): Promise<CheckpointReply> | null {
    if (!this.isReady() || !this.thread) return null;
    const { port1, port2 } = new MessageChannel();
    // The port keeps the process alive until the reply (a CLI import exits with its WAL folded
    // in); should the worker die first, the port closes and the promise says so.
    const done = new Promise<CheckpointReply>((resolve) => {
      port1.once('message', (m: unknown) => {
        const r = CheckpointReplySchema.safeParse(m);
        resolve(r.success ? r.data : { ok: false, message: `the import worker sent an unreadable reply: ${r.error.message}` });
        port1.close();
      });
      port1.once('close', () => resolve({ ok: false, message: 'the import worker ended before the checkpoint' }));
    });
    const msg: CheckpointMessage = { type: 'checkpoint', path, port: port2 };
    this.thread.worker.postMessage(msg, [port2]);
    this.lastCheckpoint = done;
    return done;
  }

  /** Called by a job that gave up on the thread (stuck, or never loaded). */
  discard(thread: Thread, unusable: string | null): void {
    if (this.thread === thread) this.thread = null;
    if (unusable) this.unusable = unusable;
    void thread.worker.terminate();
  }

  /** Ends the thread (tests; the shared worker is simply left to die with its process). */
  async stop(): Promise<void> {
    const t = this.thread;
    this.thread = null;
    if (t) await t.worker.terminate();
  }
}

/** One import's job on the worker, consumed synchronously by `pull`. */
export class ImportJob {
  private finished = false;

  constructor(
    private readonly owner: ImportWorker,
    private readonly thread: Thread,
    private readonly port: MessagePort,
    private readonly signal: Int32Array,
  ) {}

  /**
   * Hands every batch to `consume`, in order, blocking this thread between them. Never yields
   * to the event loop: the caller is inside a write transaction that other requests share.
   */
  pull(consume: (batch: PreparedBatch) => void): PullResult {
    const sig = this.signal;
    let consumed = 0;
    let progressAt = performance.now();
    for (;;) {
      const posted = Atomics.load(sig, SIGNAL.posted);
      const m = receiveMessageOnPort(this.port);
      if (m !== undefined) {
        const reply = JobReplySchema.safeParse(m.message);
        if (!reply.success)
          return { kind: 'failed', reason: `the import worker sent an unreadable message: ${reply.error.message}` };
        const r = reply.data;
        if (r.type === 'error') return { kind: 'failed', reason: `preparing the rows failed: ${r.message}` };
        if (r.type === 'done') {
          this.finished = true;
          this.owner.completed++;
          return { kind: 'done' };
        }
        consume(r.batch);
        consumed++;
        Atomics.store(sig, SIGNAL.consumed, consumed);
        Atomics.notify(sig, SIGNAL.consumed);
        progressAt = performance.now();
        continue;
      }
      const state = Atomics.load(this.thread.status, 0);
      if (state === WORKER_FAILED && consumed === 0) {
        this.owner.discard(this.thread, 'the import worker failed to load');
        return { kind: 'unavailable', reason: 'the import worker failed to load' };
      }
      const left = WATCHDOG_MS - (performance.now() - progressAt);
      if (left <= 0) {
        const why = `the import worker made no progress for ${WATCHDOG_MS / 1000} s`;
        if (consumed === 0 && state !== WORKER_READY) {
          this.owner.discard(this.thread, 'the import worker did not load in time');
          return { kind: 'unavailable', reason: why };
        }
        this.owner.discard(this.thread, null);
        return { kind: 'failed', reason: why };
      }
      Atomics.wait(sig, SIGNAL.posted, posted, state === WORKER_READY ? left : Math.min(left, STARTING_POLL_MS));
    }
  }

  /** Whether the worker prepared the job to the end (it no longer reads the job's table). */
  get done(): boolean {
    return this.finished;
  }

  /** Ends the job: an unfinished one is cancelled, so the worker stops preparing it. */
  close(): void {
    if (!this.finished) {
      Atomics.store(this.signal, SIGNAL.cancel, 1);
      Atomics.notify(this.signal, SIGNAL.consumed);
    }
    this.port.close();
  }
}

let shared: ImportWorker | null = null;

/** The process's import worker (created, not started, on first use). */
export function sharedImportWorker(): ImportWorker {
  shared ??= new ImportWorker();
  return shared;
}

/**
 * Starts the process's import worker ahead of the first import, so that import does not wait
 * for it to load. Call it where a long-lived host starts (desktop core, browser bridge); the
 * promise says whether the worker is usable and never rejects.
 */
export function prewarmImportWorker(): Promise<boolean> {
  const w = sharedImportWorker();
  w.start({ preload: true });
  return w.ready().catch(() => false);
}

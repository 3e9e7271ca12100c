import { MessagePort, parentPort, workerData } from 'node:worker_threads';
import { z } from 'zod';
import { PreparedBatchSchema } from './batches.js';
import { loadParsersFor, PreparePlanSchema, type Prepare } from './prepare.js';
import { loadFieldParsers } from './row.js';

/**
 * The messages between an import (main thread) and the worker that prepares its rows, and the
 * worker's side of them. The main thread must stay synchronous inside its write transaction, so
 * it does not listen for messages: it takes them with `receiveMessageOnPort` and sleeps on a
 * shared counter (`Atomics.wait`) that the worker bumps after each post.
 */

/** Slots of a worker's status word (workerData.status): set once its entry module has loaded. */
export const WORKER_STARTING = 0;
export const WORKER_READY = 1;
export const WORKER_FAILED = 2;

/** Slots of a job's signal (Int32Array over a SharedArrayBuffer). */
export const SIGNAL = {
  /** Messages the worker has posted for the job. */
  posted: 0,
  /** Batches the import has consumed; the worker stays at most WINDOW batches ahead. */
  consumed: 1,
  /** Set by the import when it gives up on the job; the worker stops at its next batch. */
  cancel: 2,
} as const;
export const SIGNAL_SLOTS = 3;

/** Batches the worker may post before the import has consumed them: bounds the memory of big files. */
export const WINDOW = 64;

/** The table of a job: a file's bytes (shared memory, not copied) or pasted text. */
export const JobSourceSchema = z.union([
  z.object({ bytes: z.instanceof(Uint8Array<ArrayBufferLike>) }),
  z.object({ text: z.string() }),
]);
export type JobSource = z.infer<typeof JobSourceSchema>;

export const JobMessageSchema = z.object({
  type: z.literal('job'),
  source: JobSourceSchema,
  plan: PreparePlanSchema,
  port: z.instanceof(MessagePort),
  signal: z.instanceof(SharedArrayBuffer),
});
export type JobMessage = z.infer<typeof JobMessageSchema>;

/** What the worker posts on a job's port: batches in file order, then `done`; or `error`. */
export const JobReplySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('batch'), batch: PreparedBatchSchema }),
  z.object({ type: z.literal('done') }),
  z.object({ type: z.literal('error'), message: z.string() }),
]);
export type JobReply = z.infer<typeof JobReplySchema>;

/**
 * Asks the worker to fold the WAL of the database at `path` into the database file (a PASSIVE
 * checkpoint on a connection of its own), and to answer on `port`. An import that wrote many
 * pages does this off the main thread instead of in its commit (see importTable).
 */
export const CheckpointMessageSchema = z.object({
  type: z.literal('checkpoint'),
  path: z.string().min(1),
  port: z.instanceof(MessagePort),
});
export type CheckpointMessage = z.infer<typeof CheckpointMessageSchema>;

/** Frames in the WAL and frames now in the database file; or why it could not be done. */
export const CheckpointReplySchema = z.union([
  z.object({ ok: z.literal(true), log: z.number().int(), checkpointed: z.number().int() }),
  z.object({ ok: z.literal(false), message: z.string() }),
]);
export type CheckpointReply = z.infer<typeof CheckpointReplySchema>;

async function runCheckpoint(m: CheckpointMessage): Promise<void> {
  let reply: CheckpointReply;
  try {
    // Loaded on first use: a worker that never checkpoints never loads the native module.
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(m.path, { fileMustExist: true });
    try {
      const [r] = db.pragma('wal_checkpoint(PASSIVE)') as Array<{ busy: number; log: number; checkpointed: number }>;
      reply = { ok: true, log: r?.log ?? 0, checkpointed: r?.checkpointed ?? 0 };
    } finally {
      db.close();
    }
  } catch (e) {
    // Nothing is lost: the WAL stays valid and the app's next automatic checkpoint folds it in.
    reply = { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  m.port.postMessage(reply);
  m.port.close();
}

/** Thrown inside `prepare`'s callback to stop a job the import no longer wants. */
class Cancelled extends Error {}

/** Runs one job: every batch is posted as soon as it is ready; any failure becomes an `error` reply. */
async function runJob(raw: unknown, prepare: Prepare): Promise<void> {
  const job = JobMessageSchema.safeParse(raw);
  if (!job.success) {
    // Without a valid port there is nobody to tell; the import's watchdog ends it.
    const port = (raw as { port?: unknown } | null)?.port;
    if (port instanceof MessagePort)
      port.postMessage({ type: 'error', message: `bad job message: ${job.error.message}` });
    return;
  }
  const { source, plan, port, signal } = job.data;
  const sig = new Int32Array(signal);
  const post = (m: JobReply, transfer: ArrayBuffer[] = []) => {
    port.postMessage(m, transfer);
    Atomics.add(sig, SIGNAL.posted, 1);
    Atomics.notify(sig, SIGNAL.posted);
  };
  let sent = 0;
  try {
    const parsers = await loadParsersFor(plan);
    prepare('bytes' in source ? source.bytes : source.text, plan, parsers, (batch) => {
      if (Atomics.load(sig, SIGNAL.cancel) !== 0) throw new Cancelled();
      post({ type: 'batch', batch }, [batch.ends.buffer as ArrayBuffer, batch.lines.buffer as ArrayBuffer]);
      sent++;
      for (;;) {
        const consumed = Atomics.load(sig, SIGNAL.consumed);
        if (sent - consumed < WINDOW || Atomics.load(sig, SIGNAL.cancel) !== 0) break;
        Atomics.wait(sig, SIGNAL.consumed, consumed, 1000);
      }
    });
    post({ type: 'done' });
  } catch (e) {
    if (e instanceof Cancelled) return;
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
}

/**
 * Serves import jobs (and checkpoints) in a worker thread, one at a time, with `prepare` (prepareLeads; tests pass
 * one that fails). Marks the worker ready in its status word once it listens. A prewarmed worker
 * (workerData.preload) then loads every field parser while it waits, so no import waits for them.
 */
export function serveJobs(prepare: Prepare): void {
  if (!parentPort) throw new Error('serveJobs runs in a worker thread');
  const data = (workerData ?? {}) as { status?: unknown; preload?: unknown };
  // Loading field parsers awaits; the chain keeps jobs from overlapping meanwhile.
  const idle = () => undefined;
  let queue =
    data.preload === true ? loadFieldParsers(new Set(['phone', 'created_at'])).then(idle, idle) : Promise.resolve();
  parentPort.on('message', (m: unknown) => {
    const checkpoint = CheckpointMessageSchema.safeParse(m);
    queue = queue.then(() => (checkpoint.success ? runCheckpoint(checkpoint.data) : runJob(m, prepare))).then(idle, idle);
  });
  if (data.status instanceof SharedArrayBuffer) {
    const s = new Int32Array(data.status);
    Atomics.store(s, 0, WORKER_READY);
    Atomics.notify(s, 0);
  }
}

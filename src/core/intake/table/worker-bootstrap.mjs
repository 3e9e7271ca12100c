// Starts the import worker from TypeScript sources (tsx, vitest): a worker's entry must be a
// .js/.mjs file, so this registers tsx's loader in the worker and imports the real entry. A
// failure to load is written to the status word, so the import falls back to preparing inline
// at once instead of waiting for its watchdog. The Electron build starts its bundle instead.
import { workerData } from 'node:worker_threads';

try {
  const { register } = await import('tsx/esm/api');
  register();
  await import(workerData.entry);
} catch (e) {
  const status = new Int32Array(workerData.status);
  Atomics.store(status, 0, 2); // WORKER_FAILED in jobs.ts
  Atomics.notify(status, 0);
  throw e;
}

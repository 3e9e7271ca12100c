import type { ProgressEvent } from '../../contract/api/define.js';
import type { EventBus } from './events.js';

/** A long job that reports progress and can be asked to stop between items. */
export interface TaskHandle {
  id: string;
  readonly cancelled: boolean;
  progress(done: number, message?: string): void;
  finish(state: 'done' | 'failed' | 'cancelled', message?: string): void;
}

export interface TaskRegistry {
  start(kind: string, total: number): TaskHandle;
  cancel(id: string): boolean;
  list(): ProgressEvent[];
}

const EMIT_EVERY_MS = 100;

/** Tracks running tasks and emits throttled `progress` events with an ETA. */
export function createTaskRegistry(bus: EventBus, now: () => number = () => performance.now()): TaskRegistry {
  const tasks = new Map<string, { last: ProgressEvent; cancel: boolean }>();
  let seq = 0;
  return {
    start(kind, total) {
      const id = `task_${Date.now().toString(36)}_${++seq}`;
      const started = now();
      let lastEmit = 0;
      const entry: { last: ProgressEvent; cancel: boolean } = {
        last: { task_id: id, kind, done: 0, total, eta_ms: null, message: '', state: 'running' },
        cancel: false,
      };
      tasks.set(id, entry);
      bus.emit('progress', entry.last);
      const handle: TaskHandle = {
        id,
        get cancelled() {
          return entry.cancel;
        },
        progress(done, message = '') {
          const t = now();
          const elapsed = t - started;
          // ETA from the mean time per item so far; null until there is something to average.
          const eta = done > 0 ? Math.round((elapsed / done) * (total - done)) : null;
          entry.last = { ...entry.last, done, eta_ms: eta, message };
          if (t - lastEmit >= EMIT_EVERY_MS || done === total) {
            lastEmit = t;
            bus.emit('progress', entry.last);
          }
        },
        finish(state, message = '') {
          entry.last = { ...entry.last, state, eta_ms: 0, message };
          bus.emit('progress', entry.last);
          // Kept briefly so a client that reconnects sees how it ended.
          setTimeout(() => tasks.delete(id), 60_000).unref?.();
        },
      };
      return handle;
    },
    cancel(id) {
      const t = tasks.get(id);
      if (!t || t.last.state !== 'running') return false;
      t.cancel = true;
      return true;
    },
    list() {
      return [...tasks.values()].map((t) => t.last);
    },
  };
}

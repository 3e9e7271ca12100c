import type { AppError } from '../../contract/errors.js';
import type { StoreContext } from '../store/context.js';
import type { EventBus } from './events.js';
import type { TaskRegistry } from './tasks.js';

/** Where secrets live: Electron's safeStorage in the desktop app, memory in browser mode and tests. */
export interface SecretStore {
  get(name: string): string | null;
  set(name: string, value: string | null): void;
}

/** What every handler receives; built once by createCore, never a module singleton. */
export interface CoreContext {
  store: StoreContext;
  dbPath: string;
  bus: EventBus;
  tasks: TaskRegistry;
  secrets: SecretStore;
  host: 'electron' | 'browser' | 'test';
}

/** A failure value for a feature whose service has not landed in this build. */
export const unsupported = (what: string): { ok: false; error: AppError } => ({
  ok: false,
  error: { code: 'unsupported', message: `Not available in this build: ${what}.` },
});

/** A memory-only secret store. */
export function memorySecrets(initial: Record<string, string> = {}): SecretStore {
  const m = new Map(Object.entries(initial));
  return {
    get: (n) => m.get(n) ?? null,
    set: (n, v) => (v === null ? m.delete(n) : m.set(n, v)),
  };
}

import type { AppError } from '../../contract/errors.js';
import type { StoreContext } from '../store/context.js';
import type { EventBus } from './events.js';
import type { TaskRegistry } from './tasks.js';
import type { SecretStore } from '../secrets.js';

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

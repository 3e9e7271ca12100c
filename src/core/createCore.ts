import { API, type Api } from '../contract/api/index.js';
import type { EventName, EventPayload } from '../contract/api/define.js';
import type { Handlers } from '../transport/dispatch.js';
import { resumeWritebacks } from './agent/review.js';
import { createStoreContext } from './store/context.js';
import { appHandlers } from './handlers/app.js';
import type { CoreContext } from './handlers/context.js';
import { MemorySecretStore, type SecretStore } from './secrets.js';
import { crmHandlers } from './handlers/crm.js';
import { crmMappingHandlers } from './handlers/crmMapping.js';
import { kbHandlers } from './handlers/kb.js';
import { workbenchHandlers } from './handlers/workbench.js';
import { createEventBus } from './handlers/events.js';
import { importsHandlers } from './handlers/imports.js';
import { knowledgeHandlers } from './handlers/knowledge.js';
import { leadsHandlers } from './handlers/leads.js';
import { metricsHandlers } from './handlers/metrics.js';
import { proposalsHandlers } from './handlers/proposals.js';
import { rulesHandlers } from './handlers/rules.js';
import { settingsHandlers } from './handlers/settings.js';
import { createTaskRegistry } from './handlers/tasks.js';

export interface CoreOptions {
  dbPath: string;
  clock?: () => Date;
  /** Provider overrides for tests (a scripted endpoint); Settings is the normal source. */
  llm?: { baseUrl: string; model: string; apiKey?: string };
  /** CRM connector overrides (issue 5); the local CRM is the default. */
  crm?: unknown;
  /** The host's secret store (Electron safeStorage); memory otherwise. */
  secrets?: SecretStore;
  host?: CoreContext['host'];
  version?: string;
}

export interface Core {
  handlers: Handlers<Api>;
  events: {
    subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
    subscribeAll(listener: (event: EventName, payload: unknown) => void): () => void;
  };
  close(): void;
  /** For hosts and tests that need the store directly (never the renderer). */
  context: CoreContext;
}

/** Opens the database and builds the one handler map every host serves. */
export function createCore(opts: CoreOptions): Core {
  const store = createStoreContext(opts.dbPath, opts.clock ? { clock: opts.clock } : {});
  // A crash between journal and write leaves approved changes half-way: finish them first.
  resumeWritebacks(store);
  const bus = createEventBus();
  const secrets = opts.secrets ?? new MemorySecretStore(opts.llm?.apiKey ? { 'llm.api_key': opts.llm.apiKey } : {});
  const core: CoreContext = {
    store,
    dbPath: opts.dbPath,
    bus,
    tasks: createTaskRegistry(bus),
    secrets,
    host: opts.host ?? 'test',
  };
  const handlers: Handlers<Api> = {
    ...leadsHandlers(core),
    ...importsHandlers(core),
    ...proposalsHandlers(core),
    ...rulesHandlers(core),
    ...metricsHandlers(core),
    ...settingsHandlers(core),
    ...crmHandlers(core),
    ...knowledgeHandlers(core),
    ...kbHandlers(core),
    ...workbenchHandlers(core),
    ...crmMappingHandlers(core),
    ...appHandlers(core, opts.version ?? '0.1.0'),
  };
  // Every method of the contract must have a handler; a gap is a bug found at start, not at call time.
  for (const name of Object.keys(API)) if (!(name in handlers)) throw new Error(`createCore: no handler for ${name}`);
  if (opts.llm) {
    store.db
      .prepare(
        "INSERT INTO settings (key, value, updated_at) VALUES ('llm.provider', ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
      )
      .run(
        JSON.stringify({ kind: 'openai_compatible', base_url: opts.llm.baseUrl, model: opts.llm.model }),
        store.clock().toISOString(),
      );
  }
  return {
    handlers,
    events: { subscribe: bus.subscribe, subscribeAll: bus.subscribeAll },
    close: () => store.db.close(),
    context: core,
  };
}

import type { z } from 'zod';
import type { AppError } from '../errors.js';
import type { EventName, EventPayload, InputOf, OutputOf } from './define.js';
import { crmApi } from './crm.js';
import { crmMappingApi } from './crmMapping.js';
import { importsApi } from './imports.js';
import { kbApi } from './kb.js';
import { knowledgeApi } from './knowledge.js';
import { leadsApi } from './leads.js';
import { metricsApi } from './metrics.js';
import { proposalsApi } from './proposals.js';
import { rulesApi } from './rules.js';
import { settingsApi } from './settings.js';
import { tasksApi } from './tasks.js';
import { workbenchApi } from './workbench.js';

export * from './define.js';
export * from './leads.js';
export * from './imports.js';
export * from './proposals.js';
export * from './rules.js';
export * from './metrics.js';
export * from './settings.js';
export * from './crm.js';
export * from './knowledge.js';
export * from './tasks.js';
export * from './kb.js';
export * from './workbench.js';
export * from './crmMapping.js';
export * from './client.js';

/** Every call the core answers; IPC, HTTP, the CLI and tests all speak this one map. */
export const API = {
  ...leadsApi,
  ...importsApi,
  ...proposalsApi,
  ...rulesApi,
  ...metricsApi,
  ...settingsApi,
  ...crmApi,
  ...knowledgeApi,
  ...tasksApi,
  ...kbApi,
  ...workbenchApi,
  ...crmMappingApi,
} as const;
export type Api = typeof API;
export type MethodName = keyof Api;
export const METHOD_NAMES = Object.keys(API) as MethodName[];

/** What a client call resolves to: the data or the expected failure, never a throw. */
export type CallResult<K extends MethodName> = { ok: true; data: OutputOf<Api, K> } | { ok: false; error: AppError };

/** The one typed client every transport implements (in-process, HTTP, IPC). */
export interface ApiClient {
  call<K extends MethodName>(name: K, input: InputOf<Api, K>): Promise<CallResult<K>>;
  /** Subscribes to a core event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  close?(): void;
}

/** The raw bridge the Electron preload exposes on `window.salesCopilot`. */
export interface PreloadBridge {
  invoke(name: string, input: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** Checks an envelope from the wire against the method's output schema. */
export type OutputSchemaOf<K extends MethodName> = z.ZodType<OutputOf<Api, K>>;

import type { tasksApi } from '../../contract/api/tasks.js';
import type { Handlers } from '../../transport/dispatch.js';
import * as leads from '../store/leads.js';
import type { CoreContext } from './context.js';

/** Features whose services are not in this build; Settings lists them so nobody is surprised. */
export const MISSING_FEATURES: string[] = [];

/** Handlers for background tasks and host information. */
export function appHandlers(core: CoreContext, version: string): Handlers<typeof tasksApi> {
  return {
    'tasks.list': () => ({ ok: true, value: core.tasks.list() }),
    'tasks.cancel': ({ task_id }) => ({ ok: true, value: { cancelled: core.tasks.cancel(task_id) } }),
    'app.info': () => ({
      ok: true,
      value: { version, host: core.host, missing: MISSING_FEATURES, lead_count: leads.count(core.store) },
    }),
  };
}

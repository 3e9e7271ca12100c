import { API, type ApiClient, type CallResult, type MethodName } from '../contract/api/index.js';
import type { EventName, EventPayload, InputOf } from '../contract/api/define.js';
import type { Core } from '../core/createCore.js';
import { dispatch } from './dispatch.js';

/**
 * A client that calls the core in the same process. It still goes through dispatch and a JSON
 * round trip, so tests see exactly what IPC and HTTP clients see.
 */
export function inProcessClient(core: Pick<Core, 'handlers' | 'events'>): ApiClient {
  return {
    async call<K extends MethodName>(name: K, input: InputOf<typeof API, K>): Promise<CallResult<K>> {
      const env = await dispatch(API, core.handlers, name, JSON.parse(JSON.stringify(input ?? {})));
      return JSON.parse(JSON.stringify(env)) as CallResult<K>;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      return core.events.subscribe(event, listener);
    },
  };
}

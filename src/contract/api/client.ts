import type { AppError } from '../errors.js';
import { EnvelopeSchema, EventSchemas, type EventName, type EventPayload, type InputOf } from './define.js';
import type { API, ApiClient, CallResult, MethodName } from './index.js';

/** Sends one call and resolves with whatever came back on the wire (an envelope, normally). */
export type RawInvoke = (name: string, input: unknown) => Promise<unknown>;
/** Subscribes to raw events; returns the unsubscribe function. */
export type RawSubscribe = (event: string, listener: (payload: unknown) => void) => () => void;

const transportError = (message: string): { ok: false; error: AppError } => ({
  ok: false,
  error: { code: 'internal', message },
});

/**
 * The typed client every transport shares: it checks each envelope and event payload against
 * the contract, and turns transport failures into error values instead of throws.
 */
export function createClient(invoke: RawInvoke, subscribe: RawSubscribe, close?: () => void): ApiClient {
  return {
    async call<K extends MethodName>(name: K, input: InputOf<typeof API, K>): Promise<CallResult<K>> {
      let raw: unknown;
      try {
        raw = await invoke(name, input ?? {});
      } catch (e) {
        return transportError(`The app did not answer: ${(e as Error).message}`);
      }
      const env = EnvelopeSchema.safeParse(raw);
      if (!env.success) return transportError('Unexpected reply from the app.');
      return env.data as CallResult<K>;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      return subscribe(event, (payload) => {
        const parsed = EventSchemas[event].safeParse(payload);
        if (parsed.success) listener(parsed.data as EventPayload<E>);
      });
    },
    ...(close ? { close } : {}),
  };
}

/** The HTTP bridge's raw calls; uses only fetch and EventSource, so it runs in browsers and Node. */
export function httpInvoke(baseUrl: string, token: string, f: typeof fetch = fetch): RawInvoke {
  return async (name, input) => {
    const res = await f(`${baseUrl}/api/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(input ?? {}),
    });
    return res
      .json()
      .catch(() => ({ ok: false, error: { code: 'internal', message: `HTTP ${res.status} without a JSON body` } }));
  };
}

interface EventSourceLike {
  addEventListener(type: string, listener: (ev: { data: string }) => void): void;
  close(): void;
}

/** Server-sent events from the bridge, one stream shared by every subscriber. */
export function sseSubscribe(
  baseUrl: string,
  token: string,
  make: (url: string) => EventSourceLike,
): { subscribe: RawSubscribe; close: () => void } {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  let es: EventSourceLike | null = null;
  const open = () => {
    if (es) return;
    es = make(`${baseUrl}/api/events?token=${encodeURIComponent(token)}`);
    for (const name of Object.keys(EventSchemas)) {
      es.addEventListener(name, (ev) => {
        let payload: unknown;
        try {
          payload = JSON.parse(ev.data);
        } catch {
          return;
        }
        for (const l of listeners.get(name) ?? []) l(payload);
      });
    }
  };
  return {
    subscribe(event, listener) {
      open();
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    close() {
      es?.close();
      es = null;
    },
  };
}

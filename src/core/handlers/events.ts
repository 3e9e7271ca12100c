import { EventSchemas, type EventName, type EventPayload } from '../../contract/api/define.js';

type Listener<E extends EventName> = (payload: EventPayload<E>) => void;

/** Core -> host push channel; each host forwards it (IPC, server-sent events, in-process). */
export interface EventBus {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  subscribe<E extends EventName>(event: E, listener: Listener<E>): () => void;
  /** Every event, for hosts that forward them all over one channel. */
  subscribeAll(listener: (event: EventName, payload: unknown) => void): () => void;
}

/** An in-memory bus; payloads are validated so that a bad emit is caught where it happens. */
export function createEventBus(): EventBus {
  const byName = new Map<EventName, Set<(p: unknown) => void>>();
  const all = new Set<(event: EventName, payload: unknown) => void>();
  return {
    emit(event, payload) {
      const parsed = EventSchemas[event].parse(payload);
      for (const l of byName.get(event) ?? []) safeCall(() => l(parsed));
      for (const l of all) safeCall(() => l(event, parsed));
    },
    subscribe(event, listener) {
      const set = byName.get(event) ?? new Set();
      byName.set(event, set);
      const l = listener as (p: unknown) => void;
      set.add(l);
      return () => set.delete(l);
    },
    subscribeAll(listener) {
      all.add(listener);
      return () => all.delete(listener);
    },
  };
}

// A listener that throws (a closed socket) must not stop delivery to the others.
function safeCall(f: () => void): void {
  try {
    f();
  } catch {
    /* the host removes broken listeners on its own close path */
  }
}

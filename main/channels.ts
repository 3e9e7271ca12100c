/** IPC channel names shared by main, preload and the core process. */
export { IPC_EVENT, IPC_INVOKE } from '../src/transport/ipc.js';

/** Messages between the main process and the core's utilityProcess. */
export type ToCore =
  | { type: 'call'; id: number; name: string; input: unknown }
  | { type: 'secrets'; values: Record<string, string | null> };
export type FromCore =
  | { type: 'ready' }
  | { type: 'result'; id: number; envelope: unknown }
  | { type: 'event'; event: string; payload: unknown }
  | { type: 'secret'; name: string; value: string | null };

import { createClient } from '../contract/api/client.js';
import type { ApiClient, PreloadBridge } from '../contract/api/index.js';

/** The IPC channel names; main, preload and the core process share them. */
export const IPC_INVOKE = 'sales-copilot:invoke';
export const IPC_EVENT = 'sales-copilot:event';

/** A client over the preload bridge (`window.salesCopilot`); envelopes are checked on arrival. */
export function ipcClient(bridge: PreloadBridge): ApiClient {
  return createClient(
    (name, input) => bridge.invoke(name, input),
    (event, l) => bridge.on(event, l),
  );
}

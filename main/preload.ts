// Runs sandboxed with contextIsolation: exposes exactly { invoke, on } and nothing of Node or Electron.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EventSchemas } from '../src/contract/api/define.js';
import { METHOD_NAMES, type PreloadBridge } from '../src/contract/api/index.js';
import { IPC_EVENT, IPC_INVOKE } from './channels.js';

const methods = new Set<string>(METHOD_NAMES);
const events = new Set<string>(Object.keys(EventSchemas));

const bridge: PreloadBridge = {
  invoke(name, input) {
    // Unknown names never reach main: the renderer can only ask for calls the contract has.
    if (!methods.has(name))
      return Promise.resolve({ ok: false, error: { code: 'not_found', message: `Unknown API call "${name}"` } });
    return ipcRenderer.invoke(IPC_INVOKE, name, input);
  },
  on(event, listener) {
    if (!events.has(event)) return () => undefined;
    const wrapped = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(IPC_EVENT, wrapped);
    return () => ipcRenderer.removeListener(IPC_EVENT, wrapped);
  },
};

contextBridge.exposeInMainWorld('salesCopilot', bridge);

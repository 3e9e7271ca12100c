// The core's own process (Electron utilityProcess): database and model work never block the window.
import { API } from '../src/contract/api/index.js';
import { createCore } from '../src/core/createCore.js';
import { prewarmImportWorker } from '../src/core/intake/table/index.js';
import { MemorySecretStore, type SecretStore } from '../src/core/secrets.js';
import { dispatch } from '../src/transport/dispatch.js';
import type { FromCore, ToCore } from './channels.js';

interface ParentPort {
  on(event: 'message', listener: (e: { data: ToCore }) => void): void;
  postMessage(message: FromCore): void;
}
const port = (process as unknown as { parentPort: ParentPort }).parentPort;
const dbPath = process.env['SALES_COPILOT_DB'];
if (!dbPath) throw new Error('core process started without SALES_COPILOT_DB');

const mem = new MemorySecretStore();
// Secrets stay encrypted by the main process (safeStorage); the core only holds them in memory
// and reports changes back so that main can persist them.
const secrets: SecretStore = {
  get: (n) => mem.get(n),
  set: (n, v) => {
    mem.set(n, v);
    port.postMessage({ type: 'secret', name: n, value: v });
  },
  delete: (n) => {
    mem.delete(n);
    port.postMessage({ type: 'secret', name: n, value: null });
  },
};
const core = createCore({
  dbPath,
  host: 'electron',
  secrets,
  version: process.env['SALES_COPILOT_VERSION'] ?? '0.1.0',
});
core.events.subscribeAll((event, payload) => port.postMessage({ type: 'event', event, payload }));
// Large table imports prepare rows on a worker thread; starting it now spares the first import its start.
void prewarmImportWorker();

port.on('message', (e) => {
  const m = e.data;
  if (m.type === 'secrets') {
    for (const [k, v] of Object.entries(m.values)) {
      if (v === null) mem.delete(k);
      else mem.set(k, v);
    }
    return;
  }
  void dispatch(API, core.handlers, m.name, m.input).then((envelope) =>
    port.postMessage({ type: 'result', id: m.id, envelope }),
  );
});
port.postMessage({ type: 'ready' });
process.on('exit', () => core.close());

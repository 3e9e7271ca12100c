// Electron main process: one window, the core in a utilityProcess, one sender-checked IPC channel.
import {
  app,
  BrowserWindow,
  ipcMain,
  Menu,
  net,
  protocol,
  session,
  utilityProcess,
  type UtilityProcess,
} from 'electron';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RENDERER_CSP } from '../src/bridge/static.js';
import { IPC_EVENT, IPC_INVOKE, type FromCore, type ToCore } from './channels.js';
import { buildMenu } from './menu.js';
import { secretFile } from './secrets.js';

const SCHEME = 'app';
const ORIGIN = `${SCHEME}://renderer`;
const here = __dirname; // dist/main after the esbuild bundle (CommonJS)
const rendererDir = join(here, '..', 'renderer');

protocol.registerSchemesAsPrivileged([
  { scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

let win: BrowserWindow | null = null;
let core: UtilityProcess | null = null;
let nextId = 1;
const pending = new Map<number, (envelope: unknown) => void>();

function startCore(): void {
  const secrets = secretFile(app.getPath('userData'));
  core = utilityProcess.fork(join(here, 'core.cjs'), [], {
    serviceName: 'Sales Copilot core',
    env: {
      ...process.env,
      SALES_COPILOT_DB: process.env['SALES_COPILOT_DB'] ?? join(app.getPath('userData'), 'sales-copilot.db'),
      SALES_COPILOT_VERSION: app.getVersion(),
    },
  });
  core.postMessage({ type: 'secrets', values: secrets.readAll() } satisfies ToCore);
  core.on('message', (m: FromCore) => {
    if (m.type === 'result') {
      pending.get(m.id)?.(m.envelope);
      pending.delete(m.id);
    } else if (m.type === 'event') win?.webContents.send(IPC_EVENT, m.event, m.payload);
    else if (m.type === 'secret') secrets.set(m.name, m.value);
  });
  core.on('exit', (code) => {
    for (const [, resolve] of pending)
      resolve({ ok: false, error: { code: 'internal', message: `The core stopped (exit ${code}).` } });
    pending.clear();
    core = null;
  });
}

function callCore(name: string, input: unknown): Promise<unknown> {
  if (!core) return Promise.resolve({ ok: false, error: { code: 'internal', message: 'The core is not running.' } });
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    core!.postMessage({ type: 'call', id, name, input } satisfies ToCore);
  });
}

/** Serves the built renderer under app://renderer with the strict CSP on every response. */
function serveRenderer(): void {
  protocol.handle(SCHEME, async (req) => {
    const url = new URL(req.url);
    const rel = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '') || 'index.html';
    const file = join(rendererDir, rel);
    if (!file.startsWith(rendererDir + sep)) return new Response('Forbidden', { status: 403 });
    const res = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', RENDERER_CSP);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(res.body, { status: res.status, headers });
  });
}

function harden(): void {
  // Nothing in this app needs a camera, notifications or any other permission.
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (e, url) => {
      if (!url.startsWith(`${ORIGIN}/`)) e.preventDefault();
    });
    contents.on('will-redirect', (e) => e.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (e) => e.preventDefault());
  });
  ipcMain.handle(IPC_INVOKE, (event, name: unknown, input: unknown) => {
    // Only our window's top frame, loaded from our origin, may call the core.
    const frameUrl = event.senderFrame?.url ?? '';
    if (
      !win ||
      event.sender !== win.webContents ||
      event.senderFrame !== win.webContents.mainFrame ||
      !frameUrl.startsWith(`${ORIGIN}/`)
    ) {
      return { ok: false, error: { code: 'invalid_input', message: 'Refused: unknown sender.' } };
    }
    if (typeof name !== 'string')
      return { ok: false, error: { code: 'invalid_input', message: 'The call name must be a string.' } };
    return callCore(name, input);
  });
}

function createWindow(): void {
  win = new BrowserWindow({
    width: 1360,
    height: 880,
    minWidth: 980,
    minHeight: 640,
    title: 'Sales Copilot',
    show: false,
    webPreferences: {
      preload: join(here, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      spellcheck: true,
    },
  });
  win.once('ready-to-show', () => win?.show());
  win.on('closed', () => (win = null));
  void win.loadURL(`${ORIGIN}/index.html`);
}

app.enableSandbox();
void app.whenReady().then(() => {
  harden();
  serveRenderer();
  startCore();
  Menu.setApplicationMenu(buildMenu(() => win));
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('before-quit', () => core?.kill());

import { app, Menu, shell, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';

const SCREENS = [
  ['Inbox', 'inbox'],
  ['Approvals', 'approvals'],
  ['Rules', 'rules'],
  ['Meeting prep', 'prep'],
  ['Metrics', 'metrics'],
  ['Settings', 'settings'],
] as const;

/** The application menu with the usual items; screen switching uses the renderer's hash routes. */
export function buildMenu(win: () => BrowserWindow | null): Menu {
  const go = (hash: string) =>
    void win()?.webContents.executeJavaScript(`location.hash = ${JSON.stringify(`#/${hash}`)}`);
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'New Lead…', accelerator: 'CmdOrCtrl+N', click: () => go('inbox') },
        { label: 'Import CSV…', accelerator: 'CmdOrCtrl+I', click: () => go('inbox') },
        { type: 'separator' },
        { label: 'Settings…', accelerator: 'CmdOrCtrl+,', click: () => go('settings') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...SCREENS.map(([label, hash], i): MenuItemConstructorOptions => ({
          label,
          accelerator: `CmdOrCtrl+${i + 1}`,
          click: () => go(hash),
        })),
        { type: 'separator' },
        { role: 'reload' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ label: 'Sales Copilot on GitHub', click: () => void shell.openExternal('https://github.com/') }],
    },
  ];
  return Menu.buildFromTemplate(template);
}

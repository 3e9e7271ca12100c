import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const binary = process.env['SC_ELECTRON_BINARY'] ?? '';

test.describe('desktop app', () => {
  test.skip(
    !binary,
    'The Electron binary is not installed (node_modules/electron has no dist); the web project covers browser mode.',
  );

  test('opens the inbox with a locked-down window and answers over IPC', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sc-electron-'));
    const app = await electron.launch({
      executablePath: binary,
      args: [resolve('dist/main/main.cjs')],
      env: { ...process.env, SALES_COPILOT_DB: join(dir, 'app.db') },
    });
    try {
      const win = await app.firstWindow();
      await expect(win.getByRole('heading', { level: 1, name: 'Inbox' })).toBeVisible();
      // The preload exposes exactly { invoke, on }; no Node globals reach the page (strings: the test tsconfig has no DOM).
      expect(await win.evaluate('Object.keys(window.salesCopilot).sort().join()')).toBe('invoke,on');
      expect(await win.evaluate('typeof require + typeof process')).toBe('undefinedundefined');
      const url = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.getURL());
      expect(url).toMatch(/^app:\/\/renderer\//);
      await win
        .getByLabel('Paste a lead')
        .fill('Hi, I am Ana from Acme (300 people). Budget $50k/year, need analytics within 3 months. I am the CTO.');
      await win.getByRole('button', { name: 'Qualify', exact: true }).click();
      await expect(win.getByRole('region', { name: 'Qualification' })).toBeVisible();
      await win.screenshot({ path: 'test-results/screenshots/20-electron-lead.png' });
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { SCREENSHOT_DIR } from '../support/app.js';

/** What every screen shares: navigation and the screenshot artifact. */
export class Shell {
  constructor(readonly page: Page) {}

  nav(name: 'Inbox' | 'Approvals' | 'Rules' | 'Meeting prep' | 'Metrics' | 'Settings') {
    return this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: false });
  }

  async go(name: Parameters<Shell['nav']>[0]) {
    await this.nav(name).click();
    await this.page.getByRole('heading', { level: 1, name: name === 'Meeting prep' ? 'Meeting prep' : name }).waitFor();
  }

  async screenshot(name: string) {
    await this.page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  }
}

import type { Page } from '@playwright/test';
import { Shell } from './shell.js';

export class ApprovalsPage extends Shell {
  constructor(page: Page) {
    super(page);
  }
  queue = () => this.page.getByRole('list', { name: 'Approval queue' });
  items = () => this.queue().getByRole('article');
  approveSelected = () => this.page.getByRole('button', { name: /Approve selected/ });
}

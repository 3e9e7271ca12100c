import type { Page } from '@playwright/test';
import { Shell } from './shell.js';

export class RulesPage extends Shell {
  constructor(page: Page) {
    super(page);
  }
  rule = (label: string) => this.page.getByRole('group', { name: `Rule ${label}` });
  ruleValue = (label: string) => this.page.getByRole('textbox', { name: `Value of ${label}` });
  whatIfButton = () => this.page.getByRole('button', { name: 'What-if', exact: true });
  whatIfResult = () => this.page.getByRole('status', { name: 'What-if result' });
  publishButton = () => this.page.getByRole('button', { name: 'Publish', exact: true });
  history = () => this.page.getByRole('table', { name: 'Version history' });
}

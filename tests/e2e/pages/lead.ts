import type { Page } from '@playwright/test';
import { Shell } from './shell.js';

/** The lead screen: source with evidence, facts, the Qualification region, escalation, proposals and trace. */
export class LeadPage extends Shell {
  constructor(page: Page) {
    super(page);
  }
  qualification = () => this.page.getByRole('region', { name: 'Qualification' });
  rules = () => this.qualification().getByRole('table', { name: 'Rules' });
  source = () => this.page.getByLabel('Source text');
  evidenceMarks = () => this.source().locator('mark');
  facts = () => this.page.getByRole('table', { name: 'Facts' });
  factRow = (name: string) => this.facts().getByRole('row', { name: new RegExp(`^${name}`, 'i') });
  escalation = () => this.page.getByRole('alert', { name: 'Escalation' });
  handOffButton = () => this.page.getByRole('button', { name: 'Hand off' });
  timeline = () => this.page.getByRole('list', { name: 'Trace timeline' });
  field = (label: string) => this.page.getByRole('group', { name: `Field ${label}` });
}

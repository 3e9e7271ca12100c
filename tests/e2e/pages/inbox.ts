import type { Page } from '@playwright/test';
import { Shell } from './shell.js';

/** The inbox: paste box, CSV import, filters and the virtual lead table. */
export class InboxPage extends Shell {
  constructor(page: Page) {
    super(page);
  }
  async open(url: string) {
    await this.page.goto(url);
    await this.page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
  }
  pasteBox = () => this.page.getByLabel('Paste a lead');
  qualifyButton = () => this.page.getByRole('button', { name: 'Qualify', exact: true });
  table = () => this.page.getByRole('table', { name: 'Leads' });
  row = (name: string | RegExp) => this.table().getByRole('row', { name });
  search = () => this.page.getByRole('searchbox', { name: 'Search' });
  classFilter = () => this.page.getByLabel('Class');

  async paste(text: string) {
    await this.pasteBox().fill(text);
    await this.qualifyButton().click();
  }
  async openImport() {
    await this.page.getByRole('button', { name: 'Import CSV' }).click();
  }
  async chooseCsv(name: string, text: string) {
    await this.page.getByLabel('CSV file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  }
  mappingTable = () => this.page.getByRole('table', { name: 'Column mapping' });
  rejectedRows = () => this.page.getByRole('table', { name: 'Rows not imported' });
  importButton = () => this.page.getByRole('button', { name: 'Import', exact: true });
}

import type { Page } from '@playwright/test';
import { Shell } from './shell.js';

/** The Knowledge screen: uploads, cited search and the documents table with freshness. */
export class KnowledgePage extends Shell {
  constructor(page: Page) {
    super(page);
  }
  async open(url: string) {
    await this.page.goto(`${url}#/knowledge`);
    await this.page.getByRole('heading', { level: 1, name: 'Knowledge' }).waitFor();
  }
  /** The nav link (Shell.nav predates this screen). */
  navLink = () => this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Knowledge' });
  upload = () => this.page.getByLabel('Upload documents');
  uploadResult = () => this.page.getByRole('status', { name: 'Upload result' });
  searchBox = () => this.page.getByRole('searchbox', { name: 'Search knowledge' });
  results = () => this.page.getByRole('list', { name: 'Search results' });
  documents = () => this.page.getByRole('table', { name: 'Documents' });
  row = (title: string | RegExp) => this.documents().getByRole('row', { name: title });
  loadSample = () => this.page.getByRole('button', { name: 'Add the sample knowledge base' });

  async chooseFiles(files: Array<{ name: string; text: string; mimeType?: string }>) {
    await this.upload().setInputFiles(
      files.map((f) => ({ name: f.name, mimeType: f.mimeType ?? 'text/markdown', buffer: Buffer.from(f.text) })),
    );
  }
  async search(query: string) {
    await this.searchBox().fill(query);
    await this.page.getByRole('button', { name: 'Search', exact: true }).click();
  }
  async remove(title: string) {
    await this.page.getByRole('button', { name: `Remove ${title}` }).click();
    await this.page
      .getByRole('group', { name: `Confirm removing ${title}` })
      .getByRole('button', { name: 'Confirm remove' })
      .click();
  }
}

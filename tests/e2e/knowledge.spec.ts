import { listDocuments } from '../../src/core/knowledge/index.js';
import { KnowledgePage } from './pages/knowledge.js';
import { expect, test } from './support/app.js';


const PRICING = `# Pricing

## Team plan

The Team plan costs USD 40 per seat per month and includes SSO with Okta and Azure AD.
`;

test('knowledge: empty state, upload with a per-file error, cited search, freshness and remove with confirm', async ({
  page,
  app,
}) => {
  const kb = new KnowledgePage(page);
  await kb.open(app.bridge.openUrl);
  await expect(kb.navLink()).toHaveAttribute('aria-current', 'page');
  await expect(page.getByText('No documents yet')).toBeVisible();

  await kb.chooseFiles([
    { name: 'pricing.md', text: PRICING },
    { name: 'contract.docx', text: 'not a supported format', mimeType: 'application/octet-stream' },
  ]);
  await expect(kb.uploadResult()).toContainText('1 added');
  await expect(kb.uploadResult()).toContainText('1 failed');
  await expect(kb.uploadResult()).toContainText('contract.docx');
  await expect(kb.row(/Pricing/)).toContainText('updated today');

  await kb.search('SSO Okta');
  const hit = kb.results().getByRole('listitem').first();
  await expect(hit).toContainText('Pricing');
  await expect(hit.getByRole('navigation', { name: 'Heading path' })).toHaveText('Pricing › Team plan');
  await expect(hit.locator('mark')).toContainText('SSO');
  await kb.screenshot('30-knowledge');

  // A document whose file has not changed for 200 days is flagged stale.
  const [doc] = listDocuments(app.core.context.store);
  const old = new Date(Date.now() - 200 * 86_400_000).toISOString();
  app.core.context.store.db.prepare('UPDATE kb_documents SET modified_at = ? WHERE id = ?').run(old, doc!.id);
  await page.reload();
  await expect(kb.row(/Pricing/).getByText(/Stale · updated 6 months ago/)).toBeVisible();
  await expect(page.getByRole('note')).toContainText('more than 90 days');

  await page.getByRole('button', { name: 'Remove Pricing' }).click();
  await page.getByRole('group', { name: 'Confirm removing Pricing' }).getByRole('button', { name: 'Cancel' }).click();
  await expect(kb.row(/Pricing/)).toBeVisible();
  await kb.remove('Pricing');
  await expect(page.getByText('No documents yet')).toBeVisible();
  expect(listDocuments(app.core.context.store)).toEqual([]);
});

test('knowledge: the sample knowledge base from the empty state is searchable', async ({ page, app }) => {
  const kb = new KnowledgePage(page);
  await kb.open(app.bridge.openUrl);
  await kb.loadSample().click();
  await expect(kb.row(/Pricing/i).first()).toBeVisible();
  await kb.search('Mixpanel');
  await expect(kb.results().getByRole('listitem').first()).toBeVisible();
});

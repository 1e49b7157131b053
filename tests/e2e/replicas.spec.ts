// The ops console's Replicas page: an admin reaches it from the console home, sees
// every node with its role and health, the lag chart and the pools, and takes a
// replica out of the read set and back through the confirm dialogs (audit-logged).
import { expect, test } from '@playwright/test';
import { openConsole } from './sign-in';

test.beforeEach(({ page }) => openConsole(page));

test('an admin sees the nodes, lag chart and pools, and marks a replica out and back in', async ({ page }) => {
  await page.getByRole('link', { name: 'Replicas', exact: true }).click();
  await expect(page).toHaveURL(/\/ops\/replicas$/);
  await expect(page.getByRole('heading', { name: 'Replicas', level: 1 })).toBeVisible();

  const nodes = page.getByTestId('replica-nodes');
  await expect(nodes.locator('tr[data-node="primary"]')).toContainText('primary');
  await expect(nodes.locator('tr[data-node="primary"]')).toContainText('up');
  const replica = nodes.locator('tr[data-node="replica1"]');
  await expect(replica).toContainText('replica');
  await expect(replica.getByTestId('read-set')).toHaveText('in');

  const chart = page.getByTestId('lag-chart');
  await expect(chart.locator('.recharts-wrapper > svg.recharts-surface')).toBeVisible();
  await expect(chart.locator('.recharts-legend-wrapper')).toContainText('replica1');
  await expect(page.getByTestId('replica-pools').locator('tr[data-pool="write"]')).toBeVisible();
  await expect(page.getByTestId('replica-pools').locator('tr[data-pool="read:replica1"]')).toBeVisible();

  // Mark out: confirmed in a dialog, with a reason for the audit log.
  await replica.getByRole('button', { name: 'Mark replica1 out' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Take replica1 out of the read set?');
  await dialog.getByRole('textbox').fill('e2e: maintenance drill');
  await dialog.getByRole('button', { name: 'Mark out' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'replica1 is out of the read set.' })).toBeVisible();
  await expect(replica.getByTestId('read-set')).toHaveText('marked out');

  // ...and back in.
  await replica.getByRole('button', { name: 'Mark replica1 back in' }).click();
  await page.getByRole('dialog').getByRole('textbox').fill('e2e: drill over');
  await page.getByRole('dialog').getByRole('button', { name: 'Mark in' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'replica1 is marked in' })).toBeVisible();
  await expect(replica.getByTestId('read-set')).toHaveText('in');
});

// The console's home is the live overview: an admin sees the eight charts drawn from
// live readings (request rate once there is traffic, replica lag from the real
// replicas, queue depth from the worker's metrics), the readings refreshing by
// themselves, each chart's title leading to its page; and the alerts page, where a rule
// is created and deleted.
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { openConsole } from './sign-in';

test.beforeEach(({ page }) => openConsole(page));

test('the overview draws live charts, the job charts from the worker', async ({ page }) => {
  await expect(page.getByRole('heading', { name: 'Ops console', level: 1 })).toBeVisible();
  const charts = page.getByTestId('overview-chart');
  await expect(charts).toHaveCount(8);
  // Traffic for the request-rate and latency charts, between two 5 s readings.
  for (let i = 0; i < 20; i++) await page.request.get('/api/health');
  const rate = page.locator('[data-testid="overview-chart"][data-chart="request-rate"]');
  await expect(rate).toHaveAttribute('data-has-data', 'true', { timeout: 30_000 });
  await expect(rate.locator('.recharts-wrapper svg.recharts-surface')).toBeVisible();
  await expect(rate.locator('.recharts-line-curve').first()).toBeAttached();
  await expect(rate.getByTestId('overview-headline')).toHaveText(/\d[\d.,]*\/s/);
  const latency = page.locator('[data-testid="overview-chart"][data-chart="latency"]');
  await expect(latency).toHaveAttribute('data-has-data', 'true');
  await expect(latency.getByTestId('overview-headline')).toContainText('p95');
  const lag = page.locator('[data-testid="overview-chart"][data-chart="replica-lag"]');
  await expect(lag).toHaveAttribute('data-has-data', 'true');
  await expect(lag.getByTestId('overview-headline')).toHaveText(/\d+(\.\d+)? m?s/);
  const queue = page.locator('[data-testid="overview-chart"][data-chart="queue-depth"]');
  await expect(queue).toHaveAttribute('data-has-data', 'true');
  await expect(queue.getByTestId('overview-headline')).toHaveText(/^\d+/);
  await expect(page.getByTestId('overview-updated')).toContainText('and the worker');
  await expect(page.getByTestId('worker-unreachable')).toHaveCount(0);

  // Live: the readings move on by themselves.
  const updated = page.getByTestId('overview-updated');
  const first = await updated.textContent();
  await expect(updated).not.toHaveText(first ?? '', { timeout: 20_000 });

  // Each chart's title leads to its page; the sections follow the charts.
  await page.getByRole('link', { name: 'Open breakers' }).click();
  await expect(page).toHaveURL(/\/ops\/breakers$/);
  await page.goBack();
  await expect(page.getByRole('list', { name: 'Console pages' }).getByRole('link', { name: 'Alerts' })).toBeVisible();
});

test('an admin creates an alert rule and deletes it on the alerts page', async ({ page }) => {
  await page.getByRole('list', { name: 'Console pages' }).getByRole('link', { name: 'Alerts' }).click();
  await expect(page).toHaveURL(/\/ops\/alerts$/);
  await expect(page.getByRole('heading', { name: 'Alerts', level: 1 })).toBeVisible();
  // The seeded rules are listed.
  await expect(page.getByTestId('alert-rules').getByRole('row').filter({ hasText: 'Replica lag above 5 s' })).toBeVisible();

  const name = `E2E rule ${randomUUID().slice(0, 8)}`;
  await page.getByRole('button', { name: 'New rule…' }).click();
  const form = page.getByRole('form', { name: 'New alert rule' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Metric').selectOption({ label: 'Replica lag' });
  await form.getByLabel('Threshold').fill('not a number');
  await form.getByRole('button', { name: 'Save rule' }).click();
  await expect(form.getByText('A number')).toBeVisible();
  await form.getByLabel('Threshold').fill('10');
  await form.getByRole('button', { name: 'Save rule' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Rule “${name}” saved` })).toBeVisible();
  const row = page.getByTestId('alert-rules').getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('replica_lag_seconds above 10');

  await row.getByRole('button', { name: `Delete ${name}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete rule' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Rule “${name}” deleted` })).toBeVisible();
  await expect(page.getByTestId('alert-rules').getByRole('row').filter({ hasText: name })).toHaveCount(0);
});

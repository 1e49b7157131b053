// The ops console's Cache page: an admin reaches it from the console home, sees the hit
// rate against the goal, the hit-rate chart and the namespaces; warms the cache; and
// invalidates a tag through the preview and confirm dialog, which the page reports
// (and the audit log records: checked in tests/int/cache-fir.int.test.ts).
import { expect, test } from '@playwright/test';
import { openConsole } from './sign-in';

test.beforeEach(({ page }) => openConsole(page));

test('an admin warms the cache and invalidates a tag from the console', async ({ page }) => {
  test.setTimeout(150_000);
  await page.getByRole('link', { name: 'Cache', exact: true }).click();
  await expect(page).toHaveURL(/\/ops\/cache$/);
  await expect(page.getByRole('heading', { name: 'Cache', level: 1 })).toBeVisible();
  await expect(page.getByTestId('cache-hit-rate')).toContainText('goal ≥ 80.0 %');
  const chart = page.getByTestId('cache-chart');
  await expect(chart.locator('.recharts-wrapper > svg.recharts-surface')).toBeVisible();
  await expect(chart.locator('.recharts-legend-wrapper')).toContainText('L1');
  await expect(page.getByTestId('cache-namespaces').getByRole('row')).toHaveCount(6); // header + five namespaces

  await page.getByTestId('cache-warm').click();
  // Warming reads a few hundred rows one query at a time: give it time on a busy machine.
  await expect(page.getByTestId('cache-warm-report')).toContainText('stats', { timeout: 60_000 });
  await expect(page.getByTestId('cache-warm-report')).not.toContainText('failed');

  await page.getByTestId('cache-inv-kind').selectOption('tag');
  await page.getByTestId('cache-inv-value').fill('firs');
  await page.getByTestId('cache-inv-reason').fill('e2e: counts after a bulk import');
  await page.getByRole('button', { name: 'Preview…' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Invalidate tag firs?');
  // Warming just cached the counts and dashboard figures, all tagged "firs".
  await expect(page.getByTestId('cache-inv-preview')).toContainText(/This touches [1-9][\d,]* L1 entries on this instance and [1-9][\d,]* entries in Redis/);
  await dialog.getByRole('button', { name: 'Invalidate' }).click();
  await expect(page.getByTestId('cache-invalidated')).toContainText(/Invalidated tag firs: [1-9][\d,]* L1 entries here/);
});

test('a bad pattern is refused with a reason before anything is touched', async ({ page }) => {
  await page.getByRole('link', { name: 'Cache', exact: true }).click();
  await expect(page).toHaveURL(/\/ops\/cache$/);
  await page.getByTestId('cache-inv-kind').selectOption('pattern');
  await page.getByTestId('cache-inv-value').fill('fir:[abc]');
  await page.getByTestId('cache-inv-reason').fill('e2e: a bad pattern');
  await page.getByRole('button', { name: 'Preview…' }).click();
  await expect(page.getByText(/wildcards \* and \?/)).toBeVisible();
  await expect(page.getByRole('dialog')).not.toBeVisible();
});

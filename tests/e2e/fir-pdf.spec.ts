// The complainant's free copy (BNSS s.173): an officer opens a registered FIR of their
// station, moves it on (a new version, so a new copy must be made), clicks "Download
// PDF", sees the copy being prepared, and gets a file that is a valid PDF whose text
// carries the FIR number. The worker process runs beside the app (playwright.config.ts).
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { signInTo } from './sign-in';
import { extractText, getDocumentProxy } from 'unpdf';

test('an officer downloads the PDF copy of a registered FIR', async ({ page }) => {
  await signInTo(page, 'officer@afirgen.test', '/?status=registered');
  const rows = page.getByTestId('fir-list').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  await rows.first().getByRole('link').first().click();
  await expect(page).toHaveURL(/\/firs\/[0-9a-f-]{36}$/);
  const number = (await page.getByTestId('fir-number').textContent())!;
  expect(number).toMatch(/^\d{4}\/\d{4}$/);

  // A new version of the FIR: its copy cannot exist yet.
  await page.getByRole('button', { name: 'Start investigation' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Start investigation' }).click();
  await expect(page.getByText('Status changed to Under investigation.')).toBeVisible();

  const downloading = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Download PDF' }).click();
  await expect(page.getByRole('button', { name: 'Preparing PDF…' })).toBeVisible();
  await expect(page.getByTestId('fir-pdf-progress')).toBeVisible();
  const download = await downloading;
  await expect(page.getByTestId('fir-pdf-ready')).toContainText('Copy ready');
  expect(download.suggestedFilename()).toMatch(/^FIR-PS-BLR-014-\d{4}-\d{4}\.pdf$/);

  const bytes = await readFile(await download.path());
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const { text, totalPages } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
  expect(totalPages).toBeGreaterThanOrEqual(1);
  expect(text).toContain(`FIR No. ${number}`);
  expect(text).toContain('Under Section 173');
  expect(text).toContain('under investigation');
});

test('an admin sees the queues, their throughput and the outbox', async ({ page }) => {
  await signInTo(page, 'admin@afirgen.test', '/ops');
  await page.getByRole('link', { name: 'Queues', exact: true }).click();
  await expect(page).toHaveURL(/\/ops\/queues$/);
  await expect(page.getByRole('heading', { name: 'Queues', level: 1 })).toBeVisible();
  const table = page.getByTestId('queues-table');
  for (const q of ['documents', 'notifications', 'analytics', 'maintenance', 'system']) await expect(table.locator(`tr[data-queue="${q}"]`)).toBeVisible();
  await expect(page.getByTestId('throughput-chart').locator('.recharts-wrapper > svg.recharts-surface')).toBeVisible();
  // The registration and status changes of the browser tests were notified (no SMTP here: the outbox).
  await expect(page.getByTestId('outbox-table').locator('tbody tr').first()).toBeVisible();
  await expect(page.getByTestId('rollup-chart').locator('.recharts-wrapper > svg.recharts-surface')).toBeVisible();

  // Pause and resume a queue, each confirmed.
  const row = table.locator('tr[data-queue="analytics"]');
  await row.getByRole('button', { name: 'Pause analytics' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Pause queue' }).click();
  await expect(page.getByText('Queue analytics paused.')).toBeVisible();
  await expect(row.getByText('paused')).toBeVisible();
  await row.getByRole('button', { name: 'Resume analytics' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Resume queue' }).click();
  await expect(page.getByText('Queue analytics resumed.')).toBeVisible();
  await expect(row.getByText('paused')).toHaveCount(0);
});

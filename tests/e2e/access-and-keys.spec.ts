// Who may go where: signed-out visitors are sent to sign in (and come back), an
// officer is kept out of the ops console, and an admin manages API keys there.
import { expect, test } from '@playwright/test';
import { submitSignIn } from './sign-in';

test('a signed-out visit to / goes to /login', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test('sign-in refuses a wrong password, then returns to the page asked for; sign out ends the session', async ({ page }) => {
  await page.goto('/firs/new');
  await expect(page).toHaveURL(/\/login\?next=%2Ffirs%2Fnew$/);
  await submitSignIn(page, 'officer3@afirgen.test', 'not-the-password');
  await expect(page.getByRole('alert').filter({ hasText: 'Wrong email or password' })).toBeVisible();
  await submitSignIn(page, 'officer3@afirgen.test');
  await expect(page).toHaveURL(/\/firs\/new$/);
  await expect(page.getByTestId('whoami')).toContainText('Vikram Singh');
  await expect(page.getByTestId('whoami')).toContainText('Inspector');
  await expect(page.getByTestId('whoami')).toContainText('PS-DEL-007');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
});

test('an officer cannot open the ops console', async ({ page }) => {
  await page.goto('/login?next=/ops/api-keys');
  await submitSignIn(page, 'officer@afirgen.test');
  await expect(page).toHaveURL(/\/ops\/api-keys$/);
  await expect(page.getByRole('heading', { name: '403 — this area is for administrators' })).toBeVisible();
  await expect(page.getByTestId('api-keys')).toHaveCount(0);
  await expect(page.getByText('Create a key')).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText('afk_');
  await expect(page.getByRole('link', { name: 'Ops console' })).toHaveCount(0);

  await page.goto('/ops');
  await expect(page.getByRole('heading', { name: '403 — this area is for administrators' })).toBeVisible();
  await expect(page.getByText('Coming soon')).toHaveCount(0);
});

test('an admin creates an API key, sees it once, and revokes it', async ({ page }) => {
  const name = `E2E key ${Date.now().toString(36)}`;
  await page.goto('/login');
  await submitSignIn(page, 'admin@afirgen.test');
  await expect(page.getByTestId('whoami')).toContainText('All stations');
  await page.getByRole('link', { name: 'Ops console' }).click();
  await page.getByRole('link', { name: 'API keys' }).click();
  await expect(page).toHaveURL(/\/ops\/api-keys$/);

  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Station').selectOption({ label: 'Koramangala (PS-BLR-014)' });
  await page.getByRole('button', { name: 'Create key' }).click();
  const shown = page.getByTestId('new-key');
  await expect(shown).toContainText('will not be shown again');
  const key = await page.getByTestId('new-key-value').inputValue();
  expect(key).toMatch(/^afk_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
  const prefix = key.split('_')[1]!;

  const row = page.getByTestId('api-keys').getByRole('row').filter({ hasText: name });
  await expect(row).toContainText(`afk_${prefix}_…`);
  await expect(row).toContainText('Koramangala');
  await expect(row).toContainText('Active');

  // Once: after hiding it (or reloading) the plaintext is nowhere on the page.
  await page.getByRole('button', { name: /hide the key/ }).click();
  await expect(page.getByTestId('new-key')).toHaveCount(0);
  await page.reload();
  await expect(page.locator('body')).not.toContainText(key);
  await expect(page.locator('body')).toContainText(name);

  await page.getByRole('button', { name: `Revoke key ${name}` }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(`afk_${prefix}_`);
  await dialog.getByRole('button', { name: 'Revoke key' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Key “${name}” revoked` })).toBeVisible();
  const revokedRow = page.getByTestId('api-keys').getByRole('row').filter({ hasText: name });
  await expect(revokedRow).toContainText('Revoked');
  await expect(revokedRow.getByRole('button', { name: /Revoke/ })).toHaveCount(0);
});

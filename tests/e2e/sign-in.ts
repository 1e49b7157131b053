// Signing in, as the browser tests do it: the demo accounts share one password.
import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'Demo@2026';

/** Fills and submits the sign-in form of the page already open. */
export async function submitSignIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs in from the login page and waits to be sent on to `next`. */
export async function signInTo(page: Page, email: string, next = '/'): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await submitSignIn(page, email);
  await expect(page).not.toHaveURL(/\/login/);
}

/** Signs the demo admin in and waits for the ops console's home. */
export async function openConsole(page: Page): Promise<void> {
  await page.goto('/login?next=/ops');
  await submitSignIn(page, 'admin@afirgen.test');
  // Not toHaveURL(/\/ops$/): the login page's own URL (…?next=/ops) matches that too.
  await expect(page.getByRole('heading', { name: 'Ops console', level: 1 })).toBeVisible({ timeout: 30_000 });
}

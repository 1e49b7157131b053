// The officer area: every page here needs a signed-in user. Each page redirects a
// signed-out visitor on the server (requireProfile with its own path, so
// /login?next= returns to it: a layout does not know the path). This layout frames
// the pages with the top bar and, as a backstop, redirects in the browser.
import { Suspense, type ReactNode } from 'react';
import { SignInRedirect } from '@/components/auth/sign-in-redirect';
import { AppShell } from '@/components/ui/app-shell';
import { getProfile } from '../_lib/session';

export const dynamic = 'force-dynamic';

export default async function OfficerLayout({ children }: { children: ReactNode }) {
  const profile = await getProfile();
  if (!profile) {
    return (
      <>
        <Suspense>
          <SignInRedirect />
        </Suspense>
        {children}
      </>
    );
  }
  return <AppShell user={profile}>{children}</AppShell>;
}

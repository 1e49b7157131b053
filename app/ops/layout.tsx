// The ops console: administrators only. An officer sees the 403 content instead of
// the page (and the pages themselves load nothing for a non-admin; the API refuses
// them too). Signed-out visitors are redirected by each page, with a browser
// redirect here as the backstop.
import { Suspense, type ReactNode } from 'react';
import { SignInRedirect } from '@/components/auth/sign-in-redirect';
import { Forbidden } from '@/components/ops/forbidden';
import { AppShell } from '@/components/ui/app-shell';
import { getProfile } from '../_lib/session';

export const dynamic = 'force-dynamic';

export default async function OpsLayout({ children }: { children: ReactNode }) {
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
  return <AppShell user={profile}>{profile.role === 'admin' ? children : <Forbidden />}</AppShell>;
}

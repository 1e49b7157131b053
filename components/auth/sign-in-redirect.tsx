'use client';
// The backstop for a layout that finds no session: pages redirect on the server with
// their own path; should one not, this sends the browser to /login?next=<here>.
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect } from 'react';

export function SignInRedirect() {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  useEffect(() => {
    const here = search.size ? `${pathname}?${search.toString()}` : pathname;
    router.replace(here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`);
  }, [router, pathname, search]);
  return (
    <main className="page">
      <p className="muted">You are signed out. Taking you to the sign-in page…</p>
    </main>
  );
}

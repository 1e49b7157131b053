import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { getSession } from '../_trpc/server';
import { safeNext, type SearchParams } from '../_lib/session';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

export default async function LoginPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const next = safeNext((await searchParams).next);
  // Already signed in: go straight on.
  if (await getSession()) redirect(next);
  return (
    <main className="login">
      <div className="login-card card">
        <p className="brand-lg">AFIRGen Ops</p>
        <h1>Sign in</h1>
        <p className="muted">Use your station account to file and track FIRs.</p>
        {next !== '/' && <p className="alert alert-info">Sign in to continue to the page you asked for.</p>}
        <SignInForm next={next} />
      </div>
    </main>
  );
}

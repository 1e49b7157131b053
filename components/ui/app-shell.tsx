// The signed-in frame: top bar (product, navigation, who is signed in, sign out)
// and the page body.
import Link from 'next/link';
import type { ReactNode } from 'react';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { NavLinks } from './nav-links';

export type ShellUser = {
  name: string;
  role: 'officer' | 'admin';
  rank: string | null;
  station: { code: string; name: string } | null;
};

export function AppShell({ user, children }: { user: ShellUser; children: ReactNode }) {
  const links = [
    { href: '/', label: 'FIRs', prefixes: ['/firs'] },
    { href: '/firs/new', label: 'New FIR' },
    ...(user.role === 'admin' ? [{ href: '/ops', label: 'Ops console' }] : []),
  ];
  return (
    <>
      <header className="topbar">
        <Link href="/" className="brand">
          AFIRGen Ops
        </Link>
        <NavLinks links={links} />
        <div className="whoami" data-testid="whoami">
          <span className="whoami-name">{user.name}</span>
          <span className="whoami-meta">
            {user.rank ?? (user.role === 'admin' ? 'Administrator' : 'Officer')}
            {user.role === 'admin' && user.rank ? ' · Administrator' : ''}
            {' · '}
            {user.station ? `${user.station.name} (${user.station.code})` : 'All stations'}
          </span>
        </div>
        <SignOutButton />
      </header>
      <main className="page">{children}</main>
    </>
  );
}

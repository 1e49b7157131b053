'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

export type NavLink = { href: string; label: string; /** other path prefixes that belong to this link */ prefixes?: string[] };

export function NavLinks({ links }: { links: NavLink[] }) {
  const pathname = usePathname();
  // The longest matching prefix wins, so /firs/new lights "New FIR" and not "FIRs".
  const score = (l: NavLink) =>
    Math.max(
      pathname === l.href ? l.href.length + 1 : -1,
      ...[l.href === '/' ? null : l.href, ...(l.prefixes ?? [])]
        .filter((p): p is string => !!p)
        .map((p) => (pathname === p || pathname.startsWith(`${p}/`) ? p.length : -1)),
    );
  const best = links.map((l) => ({ l, s: score(l) })).sort((a, b) => b.s - a.s)[0];
  const active = best && best.s >= 0 ? best.l.href : null;
  return (
    <nav aria-label="Main" className="nav">
      {links.map((l) => (
        <Link key={l.href} href={l.href} className="nav-link" aria-current={active === l.href ? 'page' : undefined}>
          {l.label}
        </Link>
      ))}
    </nav>
  );
}

// Who is signed in, for pages and layouts: the session (from app/_trpc/server) plus
// what the top bar shows (rank, station), and the guards that send a signed-out
// visitor to /login?next=<where they were going>.
import 'server-only';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getProfile as fetchProfile, type Profile } from '@/server/auth';
import { db } from '@/server/data';
import { getSession } from '../_trpc/server';

export type { Profile } from '@/server/auth';

export const getProfile = cache(async (): Promise<Profile | null> => {
  const session = await getSession();
  return session ? fetchProfile(db, session.actor) : null;
});

/** Only same-site paths: "/x?y", never "//evil.example" or "https://…". */
export function safeNext(raw: string | string[] | undefined): string {
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (!v || !v.startsWith('/') || v.startsWith('//') || v.startsWith('/\\')) return '/';
  return v;
}

export function loginHref(next: string): string {
  return next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}

export type SearchParams = Record<string, string | string[] | undefined>;

/** "/path?a=1&b=2" from a page's path and its searchParams. */
export function pathWithQuery(path: string, searchParams: SearchParams = {}): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(searchParams)) {
    if (Array.isArray(v)) v.forEach((x) => qs.append(k, x));
    else if (v !== undefined) qs.set(k, v);
  }
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

/** The signed-in user, or a redirect to the sign-in page that comes back to `next`. */
export async function requireProfile(next: string): Promise<Profile> {
  const profile = await getProfile();
  if (!profile) redirect(loginHref(next));
  return profile;
}

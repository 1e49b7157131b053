import type { Db } from '../data';
import type { Actor } from './actor';

export type Profile = {
  userId: string;
  name: string;
  role: 'officer' | 'admin';
  rank: string | null;
  station: { id: number; code: string; name: string } | null;
};

/** What the top bar shows of a signed-in user: name, rank, role and station. */
export async function getProfile(db: Db, actor: Extract<Actor, { kind: 'user' }>): Promise<Profile> {
  const user = await db.user.findUnique({
    where: { id: actor.userId },
    select: { rank: true, station: { select: { id: true, code: true, name: true } } },
  });
  return { userId: actor.userId, name: actor.name, role: actor.role, rank: user?.rank ?? null, station: user?.station ?? null };
}

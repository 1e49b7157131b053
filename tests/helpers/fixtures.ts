// Test data that each test file makes for itself: a station with a unique code and
// users on it, so tests never depend on, or disturb, each other's rows.
import { randomBytes } from 'node:crypto';
import type { Actor } from '@/server/auth';
import type { Db } from '@/server/data';

// A fixed scrypt hash of "Test@12345", so fixtures don't pay for hashing.
export const TEST_PASSWORD = 'Test@12345';
let cachedHash: string | undefined;
async function passwordHash(): Promise<string> {
  const { hashPassword } = await import('@/server/auth');
  return (cachedHash ??= await hashPassword(TEST_PASSWORD));
}

export const uid = (n = 4) => randomBytes(n).toString('hex');

export async function makeStation(db: Db, name = 'Test'): Promise<{ id: number; code: string; district: string }> {
  const code = `T-${uid(5)}`.toUpperCase();
  return db.policeStation.create({
    data: { code, name: `${name} ${code}`, district: 'Test District', state: 'Test State' },
    select: { id: true, code: true, district: true },
  });
}

export async function makeUser(
  db: Db,
  opts: { role: 'officer' | 'admin'; stationId: number | null },
): Promise<{ id: string; email: string; actor: Extract<Actor, { kind: 'user' }> }> {
  const email = `${opts.role}.${uid()}@test.afirgen`;
  const user = await db.user.create({
    data: { email, name: `${opts.role} ${uid(2)}`, role: opts.role, stationId: opts.stationId, passwordHash: await passwordHash() },
  });
  return { id: user.id, email, actor: { kind: 'user', userId: user.id, role: opts.role, stationId: opts.stationId, name: user.name } };
}

export const NARRATIVE = 'On Monday night two unknown men snatched my gold chain near the bus stand and fled on a motorcycle.';

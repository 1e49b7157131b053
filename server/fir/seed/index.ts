// `npm run db -- seed [--firs N]`: demo stations, accounts, the BNS knowledge base and
// N FIRs (20,000 by default). Idempotent: stations and accounts are upserted, the
// knowledge base is reloaded, and FIRs are only added up to N.
import { PrismaPg } from '@prisma/adapter-pg';
import { hashPassword } from '../../auth';
import { PrismaClient } from '../../data/generated/prisma/client';
import { loadBnsSections } from '../bns/load-sections';
import { DEMO_PASSWORD, DEMO_STATIONS, DEMO_USERS } from '../demo-accounts';
import { generateFirs, type SeedFir } from './generate-firs';
import { loadBns } from './load-bns';
import { insertEvents, insertFirs, insertSections, type SeedEvent } from './insert-firs';
import { resolveTemplateSections } from './template-sections';

export const DEFAULT_SEED_FIRS = 20_000;
const BATCH = 2000; // rows per INSERT: large enough to be fast, small enough for one round trip
const DAY = 86_400_000;

/** The timeline a seeded FIR would have had: created, registered, then its later statuses. */
function eventsFor(r: SeedFir): SeedEvent[] {
  const events: SeedEvent[] = [{ firId: r.id, at: r.reportedAt, actorUserId: r.createdBy, action: 'created', toStatus: 'draft' }];
  if (!r.registeredAt) return events;
  events.push({ firId: r.id, at: r.registeredAt, actorUserId: r.createdBy, action: 'registered', fromStatus: 'draft', toStatus: 'registered' });
  if (r.status === 'registered') return events;
  const investigating = new Date(r.registeredAt.getTime() + DAY);
  events.push({ firId: r.id, at: investigating, actorUserId: r.createdBy, action: 'status_changed', fromStatus: 'registered', toStatus: 'under_investigation' });
  if (r.status === 'chargesheeted' || r.status === 'closed') {
    events.push({ firId: r.id, at: new Date(r.registeredAt.getTime() + 30 * DAY), actorUserId: r.createdBy, action: 'status_changed', fromStatus: 'under_investigation', toStatus: r.status });
  }
  return events;
}

export type SeedResult = { firs: number; added: number; sections: number; accounts: { email: string; role: string }[] };

export async function seedDemo(opts: { primaryUrl: string; firs?: number; log?: (line: string) => void }): Promise<SeedResult> {
  const target = opts.firs ?? DEFAULT_SEED_FIRS;
  const log = opts.log ?? (() => {});
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: opts.primaryUrl, max: 2 }) });
  try {
    const kb = loadBnsSections();
    const sections = await loadBns(db, kb);
    log(`seed: ${sections} BNS sections loaded`);

    for (const s of DEMO_STATIONS) {
      await db.policeStation.upsert({ where: { code: s.code }, update: {}, create: { ...s } });
    }
    const stations = await db.policeStation.findMany({ where: { code: { in: DEMO_STATIONS.map((s) => s.code) } } });
    const stationByCode = new Map(stations.map((s) => [s.code, s]));

    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const u of DEMO_USERS) {
      const stationId = u.station ? stationByCode.get(u.station)!.id : null;
      await db.user.upsert({
        where: { email: u.email },
        update: {},
        create: { email: u.email, name: u.name, rank: u.rank, role: u.role, stationId, passwordHash },
      });
    }
    // Stations without a demo officer get one, so every FIR has a plausible author.
    for (const s of stations) {
      const email = `io.${s.code.toLowerCase()}@afirgen.test`;
      await db.user.upsert({
        where: { email },
        update: {},
        create: { email, name: `IO ${s.name}`, rank: 'Sub-Inspector', role: 'officer', stationId: s.id, passwordHash },
      });
    }
    const officers = await db.user.findMany({ where: { role: 'officer', stationId: { not: null } }, orderBy: { email: 'asc' } });
    const officerFor = (stationId: number) => officers.find((o) => o.stationId === stationId)!.id;

    const have = await db.fir.count();
    const add = Math.max(0, target - have);
    if (add > 0) {
      const counters = await db.firNumberCounter.findMany();
      const lastSeq = new Map(counters.map((c) => [`${c.stationId}:${c.year}`, c.lastSeq]));
      const rows = generateFirs({
        count: add,
        stations: stations.map((s) => ({ id: s.id, district: s.district, code: s.code })),
        officerFor,
        lastSeq,
        now: new Date(),
        seed: have + 1,
      });
      const known = new Set(kb.map((s) => s.section));
      const sectionsFor = resolveTemplateSections(known);
      // One transaction: an interrupted seed leaves no half-numbered FIRs behind.
      await db.$transaction(
        async (tx) => {
          for (let i = 0; i < rows.length; i += BATCH) {
            const batch = rows.slice(i, i + BATCH);
            await insertFirs(tx, batch);
            await insertSections(
              tx,
              batch.flatMap((r) => sectionsFor(r.sections).map((section) => ({ firId: r.id, section }))),
            );
            await insertEvents(tx, batch.flatMap(eventsFor));
            log(`seed: ${Math.min(i + BATCH, rows.length)}/${rows.length} FIRs`);
          }
          for (const [key, last] of lastSeq) {
            const [stationId, year] = key.split(':').map(Number) as [number, number];
            await tx.firNumberCounter.upsert({
              where: { stationId_year: { stationId, year } },
              update: { lastSeq: last },
              create: { stationId, year, lastSeq: last },
            });
          }
        },
        { timeout: 600_000, maxWait: 30_000 },
      );
    }
    return {
      firs: have + add,
      added: add,
      sections,
      accounts: DEMO_USERS.map((u) => ({ email: u.email, role: u.role })),
    };
  } finally {
    await db.$disconnect();
  }
}

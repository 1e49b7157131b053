// The FIR domain's cache warmers (server/cache/warm.ts runs them at start for
// CACHE_WARM, and from the console): what the first requests after a deploy ask for.
import type { Actor } from '../auth';
import { registerWarmer } from '../cache';
import { db } from '../data';
import { getFirOrThrow } from './get-fir-or-throw';
import { firStats } from './fir-stats';
import { countFirs } from './list-firs';
import { searchSections } from './sections';

const RECENT_FIRS = 200; // the first pages officers open
const STATS_STATIONS = 100; // a district's stations; beyond that warming costs more than the first misses
// The offences most FIRs are filed under: the section picker's first searches.
const COMMON_SEARCHES = ['theft', 'hurt', 'cheating', 'murder', 'robbery', 'criminal intimidation', 'trespass', 'assault'];
const SEARCH_LIMITS = [8, 10]; // the section picker asks for 8, the REST API's default is 10

// A reader of everything (the warmers run with no request, for every station's data).
const everyone: Actor = { kind: 'apiKey', apiKeyId: 'cache-warmer', stationId: null, name: 'cache warmer' };
const atStation = (stationId: number): Actor => ({ ...everyone, stationId });

registerWarmer('stats', async () => {
  const stations = await db.policeStation.findMany({ select: { id: true }, orderBy: { id: 'asc' }, take: STATS_STATIONS });
  const actors = [everyone, ...stations.map((s) => atStation(s.id))];
  for (const a of actors) {
    await firStats(db, a);
    await countFirs(db, a, { limit: 20 });
  }
  return actors.length * 2;
});

registerWarmer('recent-firs', async () => {
  const recent = await db.fir.findMany({ select: { id: true }, orderBy: { createdAt: 'desc' }, take: RECENT_FIRS });
  for (const f of recent) await getFirOrThrow(db, everyone, f.id);
  return recent.length;
});

registerWarmer('sections', async () => {
  for (const q of COMMON_SEARCHES) for (const limit of SEARCH_LIMITS) await searchSections(db, q, limit);
  return COMMON_SEARCHES.length * SEARCH_LIMITS.length;
});

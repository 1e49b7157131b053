// The FIR domain against the real database: numbering under concurrency, cursor
// pagination under inserts, the status lifecycle, station scoping and the audit trail.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/data';
import {
  createDraft,
  getFirOrThrow,
  listFirs,
  registerFir,
  transitionFir,
  updateDraft,
  TRANSITIONS,
  FIR_STATUSES,
  type TFirStatus,
} from '@/server/fir';
import { makeStation, makeUser, NARRATIVE, uid } from '../helpers/fixtures';

type Officer = Awaited<ReturnType<typeof makeUser>>;
let station: Awaited<ReturnType<typeof makeStation>>;
let officer: Officer;
let otherStationOfficer: Officer;
let admin: Officer;

beforeAll(async () => {
  station = await makeStation(db);
  const other = await makeStation(db, 'Other');
  officer = await makeUser(db, { role: 'officer', stationId: station.id });
  otherStationOfficer = await makeUser(db, { role: 'officer', stationId: other.id });
  admin = await makeUser(db, { role: 'admin', stationId: null });
});

afterAll(async () => {
  await db.$disconnect();
});

const draft = (actor: Officer['actor'], extra: Record<string, unknown> = {}) =>
  createDraft(db, actor, {
    complainantName: `Complainant ${uid()}`,
    narrative: NARRATIVE,
    sections: [{ act: 'BNS', section: '115(2)' }],
    ...extra,
  });

describe('FIR numbers', () => {
  // Property (FIR issue): numbers stay unique and gap-free per station-year under concurrent registration.
  it('are unique and gap-free per station-year when drafts are registered concurrently', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 12 }), async (n) => {
        const s = await makeStation(db, 'Numbering');
        const o = await makeUser(db, { role: 'officer', stationId: s.id });
        const drafts = await Promise.all(Array.from({ length: n }, () => draft(o.actor)));
        // Each draft registered twice at once too: the second must not take a number.
        const attempts = drafts.flatMap((d) => [registerFir(db, o.actor, d.id), registerFir(db, o.actor, d.id)]);
        const results = await Promise.allSettled(attempts);
        const ok = results.filter((r): r is PromiseFulfilledResult<Awaited<(typeof attempts)[number]>> => r.status === 'fulfilled');
        expect(ok).toHaveLength(n);
        const numbers = ok.map((r) => r.value.number!);
        const year = ok[0]!.value.number!.split('/')[1];
        expect(numbers.map((x) => x.split('/')[1])).toEqual(Array(n).fill(year));
        const seqs = numbers.map((x) => Number(x.split('/')[0])).sort((a, b) => a - b);
        expect(seqs).toEqual(Array.from({ length: n }, (_, i) => i + 1));
        expect(numbers.every((x) => /^\d{4}\/\d{4}$/.test(x))).toBe(true);
      }),
      { numRuns: 8 },
    );
  });
});

describe('cursor pagination', () => {
  // Property 4 (backend-optimization): cursor-based pagination for large result sets
  it('pages partition the rows that existed when paging began, with no duplicate and no gap, while rows are inserted', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 25 }), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 0, max: 5 }), async (rows, pageSize, insertsPerPage) => {
        const s = await makeStation(db, 'Paging');
        const o = await makeUser(db, { role: 'officer', stationId: s.id });
        for (let i = 0; i < rows; i++) await draft(o.actor);
        const before = (await listFirs(db, o.actor, { limit: 100 })).items.map((f) => f.id);
        expect(before).toHaveLength(rows);

        const seen: string[] = [];
        let cursor: string | undefined;
        for (let page = 0; page < 100; page++) {
          const res = await listFirs(db, o.actor, { limit: pageSize, ...(cursor ? { cursor } : {}) });
          seen.push(...res.items.map((f) => f.id));
          expect(res.items.length).toBeLessThanOrEqual(pageSize);
          for (let i = 0; i < insertsPerPage; i++) await draft(o.actor); // newer rows land before the cursor
          if (!res.hasMore) break;
          expect(res.nextCursor).toBeTruthy();
          cursor = res.nextCursor!;
        }
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen).toEqual(before);
      }),
      { numRuns: 10 },
    );
  });

  it('refuses a cursor it did not make', async () => {
    await expect(listFirs(db, officer.actor, { limit: 5, cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('status lifecycle', () => {
  // Property (FIR issue): illegal status transitions are refused and change nothing.
  it('allows exactly the legal transitions, for any sequence of attempts', async () => {
    const targets = ['under_investigation', 'chargesheeted', 'closed'] as const;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...targets), { minLength: 1, maxLength: 4 }), async (attempts) => {
        const f = await draft(officer.actor);
        let state: TFirStatus = (await registerFir(db, officer.actor, f.id)).status;
        for (const to of attempts) {
          const legal = TRANSITIONS[state].includes(to);
          const result = transitionFir(db, officer.actor, { id: f.id, to });
          if (legal) state = (await result).status;
          else await expect(result).rejects.toMatchObject({ code: 'CONFLICT' });
          expect((await getFirOrThrow(db, officer.actor, f.id)).status).toBe(state);
        }
      }),
      { numRuns: 15 },
    );
  });

  it('has no way out of a final state and only register leaves draft', () => {
    expect(TRANSITIONS.closed).toEqual([]);
    expect(TRANSITIONS.chargesheeted).toEqual([]);
    for (const s of FIR_STATUSES) if (s !== 'draft') expect(TRANSITIONS[s]).not.toContain('draft');
  });

  it('edits drafts only', async () => {
    const f = await draft(officer.actor);
    await registerFir(db, officer.actor, f.id);
    await expect(updateDraft(db, officer.actor, { id: f.id, beatNo: 'B-9' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses to register a draft without sections', async () => {
    const f = await createDraft(db, officer.actor, { complainantName: 'No Sections', narrative: NARRATIVE });
    await expect(registerFir(db, officer.actor, f.id)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await getFirOrThrow(db, officer.actor, f.id)).status).toBe('draft');
  });
});

describe('audit trail', () => {
  it('records who changed what, and when, from creation to closure', async () => {
    const f = await draft(officer.actor, { beatNo: 'B-1', properties: [{ description: 'Gold chain', value: 45000 }] });
    await updateDraft(db, officer.actor, { id: f.id, beatNo: 'B-2', sections: [{ act: 'BNS', section: '118(1)' }] });
    await registerFir(db, officer.actor, f.id);
    await transitionFir(db, admin.actor, { id: f.id, to: 'under_investigation', note: 'IO assigned' });
    const full = await getFirOrThrow(db, officer.actor, f.id);
    expect(full.propertiesTotal).toBe(45000);
    expect(full.events.map((e) => e.action)).toEqual(['created', 'updated', 'registered', 'status_changed']);
    expect(full.events[1]!.changes).toMatchObject({ beatNo: { from: 'B-1', to: 'B-2' }, sections: { from: ['BNS 115(2)'], to: ['BNS 118(1)'] } });
    expect(full.events[2]!.changes).toMatchObject({ number: { from: null, to: full.number } });
    expect(full.events[3]).toMatchObject({ fromStatus: 'registered', toStatus: 'under_investigation', actor: admin.actor.name });
    expect(full.events[0]!.actor).toBe(officer.actor.name);
    expect(full.sections).toEqual([{ act: 'BNS', section: '118(1)', title: expect.any(String) }]);
  });
});

describe('bad input writes nothing', () => {
  it('refuses unknown sections', async () => {
    const name = `Unknown section ${uid()}`;
    await expect(
      createDraft(db, officer.actor, { complainantName: name, narrative: NARRATIVE, sections: [{ act: 'BNS', section: '999' }] }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', details: { unknownSections: ['999'] } });
    expect(await db.fir.count({ where: { complainantName: name } })).toBe(0);
  });

  it('stores SQL and HTML in a narrative as text', async () => {
    const narrative = `Robert'); DROP TABLE fir; -- <script>alert("x")</script> ${uid()}`;
    const f = await createDraft(db, officer.actor, { complainantName: 'Robert Tables', narrative });
    expect((await getFirOrThrow(db, officer.actor, f.id)).narrative).toBe(narrative);
  });
});

describe('station scope', () => {
  it("hides another station's FIRs from an officer, but not from an admin", async () => {
    const f = await draft(officer.actor);
    await expect(getFirOrThrow(db, otherStationOfficer.actor, f.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(registerFir(db, otherStationOfficer.actor, f.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const theirs = await listFirs(db, otherStationOfficer.actor, { limit: 100, stationId: station.id });
    expect(theirs.items).toEqual([]);
    expect((await getFirOrThrow(db, admin.actor, f.id)).id).toBe(f.id);
  });

  it('files an officer’s FIR at their own station and refuses another', async () => {
    await expect(draft(otherStationOfficer.actor, { stationId: station.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const mine = await draft(officer.actor);
    expect(mine.station.id).toBe(station.id);
  });
});

describe('search and filters', () => {
  it('finds FIRs by words of the narrative, by number, by section and by status', async () => {
    const word = `zebracrossing${uid()}`;
    const f = await createDraft(db, officer.actor, {
      complainantName: 'Search Test',
      narrative: `My bicycle was taken from the ${word} outside the school.`,
      sections: [{ act: 'BNS', section: '115(2)' }],
    });
    const registered = await registerFir(db, officer.actor, f.id);
    const byWord = await listFirs(db, officer.actor, { limit: 10, q: word });
    expect(byWord.items.map((i) => i.id)).toEqual([f.id]);
    const byNumber = await listFirs(db, officer.actor, { limit: 10, q: registered.number! });
    expect(byNumber.items.map((i) => i.id)).toEqual([f.id]);
    const bySection = await listFirs(db, officer.actor, { limit: 100, section: '115', status: 'registered' });
    expect(bySection.items.map((i) => i.id)).toContain(f.id);
    expect(bySection.items.every((i) => i.status === 'registered' && i.sections.some((s) => s.startsWith('BNS 115')))).toBe(true);
  });
});

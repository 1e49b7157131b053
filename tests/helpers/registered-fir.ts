// A registered FIR of the test's own station and officer, through the real services
// (draft → register), for tests of what happens to a FIR afterwards.
import type { Db } from '@/server/data';
import { createDraft, registerFir, type TFirDetail } from '@/server/fir';
import { makeStation, makeUser, NARRATIVE } from './fixtures';

export async function makeRegisteredFir(
  db: Db,
  extra: { narrative?: string; complainantName?: string; complainantEmail?: string } = {},
): Promise<{ fir: TFirDetail; officer: Awaited<ReturnType<typeof makeUser>> }> {
  const station = await makeStation(db, 'Jobs');
  const officer = await makeUser(db, { role: 'officer', stationId: station.id });
  const draft = await createDraft(db, officer.actor, {
    complainantName: extra.complainantName ?? 'Meera Iyer',
    narrative: extra.narrative ?? NARRATIVE,
    complainantEmail: extra.complainantEmail,
    sections: [{ act: 'BNS', section: '304(2)' }],
    accused: [{ known: false, description: 'two men on a motorcycle' }],
    properties: [{ description: 'gold chain', value: 85_000 }],
  });
  return { fir: await registerFir(db, officer.actor, draft.id), officer };
}

// FIR numbers: "0078/2026" is the 78th FIR registered at its station in 2026.
import type { Prisma } from '../data';

export function formatFirNumber(seq: number | null, year: number | null): string | null {
  if (seq === null || year === null) return null;
  return `${String(seq).padStart(4, '0')}/${year}`;
}

/** The registration year: the calendar year in India at that moment. */
const IST_YEAR = new Intl.DateTimeFormat('en-IN', { year: 'numeric', timeZone: 'Asia/Kolkata' });

export function istYear(at: Date): number {
  return Number(IST_YEAR.format(at));
}

/**
 * Takes the next number for a station-year inside the caller's transaction. The upsert
 * locks the counter row until commit, so concurrent registrations at one station queue
 * here, and a registration that rolls back takes its number back with it: no gaps,
 * no duplicates, and no COUNT(*).
 */
export async function allocateFirSeq(tx: Prisma.TransactionClient, stationId: number, year: number): Promise<number> {
  const rows = await tx.$queryRaw<{ last_seq: number }[]>`
    INSERT INTO fir_number_counter (station_id, year, last_seq) VALUES (${stationId}, ${year}, 1)
    ON CONFLICT (station_id, year) DO UPDATE SET last_seq = fir_number_counter.last_seq + 1
    RETURNING last_seq`;
  return rows[0]!.last_seq;
}

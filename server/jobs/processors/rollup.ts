// rollup.daily: FIR counts per IST day and station (filed, registered, closed) for the
// last `days` days, recomputed and upserted in one statement, so running it twice, or
// after a crash, gives the same table. The statistics read fir_daily_rollup instead of
// counting 20k+ FIRs on every view.
import type { Processor } from './types';

export const rollupDaily: Processor<'rollup.daily'> = async ({ days }, { db, progress }) => {
  const rows = await db.$executeRaw`
    WITH bounds AS (
      SELECT ((now() AT TIME ZONE 'Asia/Kolkata')::date - (${days}::int - 1)) AS first_day
    ), filed AS (
      SELECT (created_at AT TIME ZONE 'Asia/Kolkata')::date AS day, station_id, count(*)::int AS n
      FROM fir, bounds WHERE created_at >= (first_day::timestamp AT TIME ZONE 'Asia/Kolkata') GROUP BY 1, 2
    ), registered AS (
      SELECT (registered_at AT TIME ZONE 'Asia/Kolkata')::date AS day, station_id, count(*)::int AS n
      FROM fir, bounds WHERE registered_at >= (first_day::timestamp AT TIME ZONE 'Asia/Kolkata') GROUP BY 1, 2
    ), closed AS (
      SELECT (e.at AT TIME ZONE 'Asia/Kolkata')::date AS day, f.station_id, count(*)::int AS n
      FROM fir_event e JOIN fir f ON f.id = e.fir_id, bounds
      WHERE e.to_status = 'closed' AND e.at >= (first_day::timestamp AT TIME ZONE 'Asia/Kolkata') GROUP BY 1, 2
    ), keys AS (
      SELECT day, station_id FROM filed UNION SELECT day, station_id FROM registered UNION SELECT day, station_id FROM closed
    )
    INSERT INTO fir_daily_rollup (day, station_id, filed, registered, closed, computed_at)
    SELECT k.day, k.station_id, coalesce(f.n, 0), coalesce(r.n, 0), coalesce(c.n, 0), now()
    FROM keys k
    LEFT JOIN filed f USING (day, station_id)
    LEFT JOIN registered r USING (day, station_id)
    LEFT JOIN closed c USING (day, station_id)
    ON CONFLICT (day, station_id) DO UPDATE
      SET filed = EXCLUDED.filed, registered = EXCLUDED.registered, closed = EXCLUDED.closed, computed_at = EXCLUDED.computed_at`;
  await progress(100);
  return { days, rows };
};

export type DailyTotals = { day: string; filed: number; registered: number; closed: number };

/** The statistics' read: totals per day over all stations (or one), from the rollup table. */
export async function dailyTotals(db: import('../../data').Db, opts: { days: number; stationId?: number }): Promise<DailyTotals[]> {
  const rows = await db.$queryRaw<{ day: Date; filed: number; registered: number; closed: number }[]>`
    SELECT day, sum(filed)::int AS filed, sum(registered)::int AS registered, sum(closed)::int AS closed
    FROM fir_daily_rollup
    WHERE day > (now() AT TIME ZONE 'Asia/Kolkata')::date - ${opts.days}::int
      AND (${opts.stationId ?? null}::int IS NULL OR station_id = ${opts.stationId ?? null}::int)
    GROUP BY day ORDER BY day`;
  return rows.map((r) => ({ day: r.day.toISOString().slice(0, 10), filed: r.filed, registered: r.registered, closed: r.closed }));
}

// Demo data for `npm run db -- seed`. Idempotent: rows are only added while the
// table holds fewer than the requested count, so running it twice adds nothing.
import pg from 'pg';

const NAMES = ['Asha Verma', 'Ravi Kumar', 'Meena Iyer', 'Imran Shaikh', 'Gurpreet Singh', 'Lakshmi Nair'];
const NARRATIVES = [
  'My mobile phone was snatched near the bus stand by two men on a motorcycle at about 9 pm.',
  'Unknown persons broke the lock of my shop at night and stole cash of Rs 45,000 from the counter.',
  'A neighbour threatened me with a knife during a dispute over the boundary wall.',
  'I received a call from a person posing as a bank officer and Rs 1,20,000 was debited from my account.',
  'My motorcycle parked outside the railway station was stolen between 10 am and 6 pm.',
  'My husband and his mother have been harassing me for dowry and beat me yesterday.',
];

export async function seedDemo(opts: { primaryUrl: string; firs?: number }): Promise<{ firs: number; added: number }> {
  const target = opts.firs ?? 60;
  const client = new pg.Client({ connectionString: opts.primaryUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>('SELECT count(*)::text AS n FROM fir');
    const have = Number(rows[0]?.n ?? 0);
    const add = Math.max(0, target - have);
    if (add > 0) {
      // One statement, so a seed interrupted half-way leaves nothing half-written.
      await client.query(
        `INSERT INTO fir (complainant_name, narrative, status, created_at)
         SELECT ($1::text[])[1 + (g % $3)], ($2::text[])[1 + (g % $4)],
                (ARRAY['draft','registered','under_investigation','closed']::fir_status[])[1 + (g % 4)],
                now() - make_interval(mins => g * 37)
         FROM generate_series(1, $5) AS g`,
        [NAMES, NARRATIVES, NAMES.length, NARRATIVES.length, add],
      );
    }
    return { firs: have + add, added: add };
  } finally {
    await client.end();
  }
}

'use client';
// FIRs per day over the last 30 days, all stations: read from fir_daily_rollup, which
// the worker's rollup job recomputes every 10 minutes (so it never counts 20k FIRs live).
import { useQuery } from '@tanstack/react-query';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTRPC } from '@/components/trpc/client';
import { messageOf } from '@/components/trpc/errors';

const DAYS = 30;

export function FirRollup() {
  const trpc = useTRPC();
  const daily = useQuery({ ...trpc.ops.queues.daily.queryOptions({ days: DAYS }), refetchInterval: 60_000 });
  const data = daily.data ?? [];
  const total = (k: 'filed' | 'registered' | 'closed') => data.reduce((a, d) => a + d[k], 0);
  return (
    <section className="card" aria-labelledby="rollup-h">
      <h2 id="rollup-h">FIRs per day (daily rollup)</h2>
      <p className="small">
        Last {DAYS} days, all stations: <strong>{total('filed').toLocaleString('en-IN')}</strong> filed · <strong>{total('registered').toLocaleString('en-IN')}</strong> registered ·{' '}
        <strong>{total('closed').toLocaleString('en-IN')}</strong> closed <span className="muted">— recomputed by the <code>rollup.daily</code> job every 10 minutes</span>
      </p>
      {daily.isError ? (
        <p className="field-error">Could not load the rollup: {messageOf(daily.error)}</p>
      ) : (
        <div style={{ width: '100%', height: 220, position: 'relative' }} data-testid="rollup-chart" role="figure" aria-label={`FIRs per day over the last ${DAYS} days`}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} margin={{ top: 6, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#dce1e8" />
              <XAxis dataKey="day" tickFormatter={(d: string) => d.slice(5)} tick={{ fontSize: 11 }} minTickGap={16} />
              <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={40} />
              <Tooltip />
              <Legend verticalAlign="top" height={24} iconType="square" wrapperStyle={{ fontSize: 12 }} />
              <Bar dataKey="filed" name="Filed" fill="#9aa5b5" isAnimationActive={false} />
              <Bar dataKey="registered" name="Registered" fill="#1f5fbf" isAnimationActive={false} />
              <Bar dataKey="closed" name="Closed" fill="#17603a" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
          {!daily.isPending && data.length === 0 && (
            <p className="muted" style={{ position: 'absolute', inset: '40% 0 auto', textAlign: 'center', pointerEvents: 'none' }}>
              No rollup yet: the worker computes it at start and every 10 minutes.
            </p>
          )}
        </div>
      )}
    </section>
  );
}

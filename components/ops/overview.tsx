'use client';
// The console's live overview: one small chart per signal (request rate, latency
// p50/p95/p99, error rate, cache hit rate, replica lag, open breakers, queue depth,
// active alerts) over the last 15 minutes in 5 s steps, refreshed every 5 s. Each
// chart's title links to the page that explains it. A signal this process does not
// export (yet) says "No data" instead of drawing a flat line.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTRPC } from '@/components/trpc/client';
import { messageOf } from '@/components/trpc/errors';
import type { RouterOutputs } from '@/components/trpc/types';
import { clockIst } from './breakers';

type Overview = RouterOutputs['monitor']['overview'];
type Values = Overview['points'][number]['values'];
type Key = keyof Values;
export type SectionLink = { title: string; href?: string };

const REFRESH_MS = 5_000;
const MIN_SPAN_MS = 2 * 60_000; // a fresh process's few readings are drawn over 2 minutes, not squeezed into 15

type Unit = 'rps' | 'ms' | 'pct' | 's' | 'count';
type Chart = {
  id: string;
  title: string;
  /** the SECTIONS title of the page this chart links to */
  section: string;
  unit: Unit;
  lines: { key: Key; label: string; color: string }[];
  /** a line the eye should compare against (an alert threshold) */
  reference?: { y: number; label: string };
  about: string;
};

const CHARTS: Chart[] = [
  { id: 'request-rate', title: 'Request rate', section: 'Limits', unit: 'rps', lines: [{ key: 'http_request_rate', label: 'req/s', color: '#1f5fbf' }], about: 'API requests per second' },
  {
    id: 'latency',
    title: 'Latency',
    section: 'Queries',
    unit: 'ms',
    lines: [
      { key: 'http_latency_p50_seconds', label: 'p50', color: '#17603a' },
      { key: 'http_latency_p95_seconds', label: 'p95', color: '#b26a00' },
      { key: 'http_latency_p99_seconds', label: 'p99', color: '#b3261e' },
    ],
    about: 'API response time percentiles',
  },
  { id: 'error-rate', title: 'Error rate', section: 'Alerts', unit: 'pct', lines: [{ key: 'http_error_ratio', label: '5xx', color: '#b3261e' }], reference: { y: 5, label: '5 %' }, about: 'share of API requests answered 5xx' },
  { id: 'cache-hit-rate', title: 'Cache hit rate', section: 'Cache', unit: 'pct', lines: [{ key: 'cache_hit_ratio', label: 'hits', color: '#17603a' }], reference: { y: 80, label: '80 %' }, about: 'cache hits among lookups' },
  { id: 'replica-lag', title: 'Replica lag', section: 'Replicas', unit: 's', lines: [{ key: 'replica_lag_seconds', label: 'lag', color: '#5e2b8a' }], reference: { y: 5, label: '5 s' }, about: 'largest replay lag of the streaming replicas' },
  { id: 'open-breakers', title: 'Open breakers', section: 'Breakers', unit: 'count', lines: [{ key: 'breakers_open', label: 'open', color: '#8e1d17' }], about: 'circuit breakers open or isolated' },
  { id: 'queue-depth', title: 'Queue depth', section: 'Queues', unit: 'count', lines: [{ key: 'queue_depth', label: 'waiting', color: '#1f5fbf' }], about: 'background jobs waiting' },
  { id: 'active-alerts', title: 'Active alerts', section: 'Alerts', unit: 'count', lines: [{ key: 'active_alerts', label: 'firing', color: '#b3261e' }], about: 'alert rules firing now' },
];

function scale(unit: Unit, v: number | null): number | null {
  if (v === null) return null;
  if (unit === 'ms') return v * 1000;
  if (unit === 'pct') return v * 100;
  return v;
}

/** Axis ticks: two significant digits, the unit short, so a tick never wraps. */
function tickText(unit: Unit, v: number): string {
  // Sub-second lag in ms: 0.00025 s would print as "0" (three decimals at most).
  if (unit === 's' && v > 0 && v < 1) return tickText('ms', v * 1000);
  const n = Number(v.toPrecision(2)).toLocaleString('en-IN', { maximumFractionDigits: 6 });
  return unit === 'ms' ? `${n}ms` : unit === 'pct' ? `${n}%` : unit === 's' ? `${n}s` : unit === 'rps' ? `${n}/s` : n;
}

export function formatValue(unit: Unit, v: number | null): string {
  if (v === null) return '—';
  const n = (x: number, d: number) => x.toLocaleString('en-IN', { maximumFractionDigits: d });
  if (unit === 'ms') return `${n(v, v < 10 ? 1 : 0)} ms`;
  if (unit === 'pct') return `${n(v, 1)} %`;
  if (unit === 's') return v > 0 && v < 1 ? formatValue('ms', v * 1000) : `${n(v, 2)} s`;
  if (unit === 'rps') return `${n(v, 1)}/s`;
  return n(v, 0);
}

export function Overview({ sections }: { sections: SectionLink[] }) {
  const trpc = useTRPC();
  const q = useQuery({ ...trpc.monitor.overview.queryOptions(), refetchInterval: REFRESH_MS });
  if (q.isPending) return <p className="muted">Loading the overview…</p>;
  if (q.isError && !q.data) {
    return (
      <div className="alert alert-error" role="alert">
        Could not load the overview: {messageOf(q.error)}{' '}
        <button type="button" className="btn btn-sm" onClick={() => void q.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  const { points, active, keepMs, workerScraped } = q.data;
  const now = q.dataUpdatedAt;
  const hrefOf = (title: string) => sections.find((s) => s.title === title)?.href;
  return (
    <div className="stack">
      <p className="muted small" aria-live="polite" data-testid="overview-updated">
        {points.length} reading{points.length === 1 ? '' : 's'} of this server process{workerScraped ? ' and the worker' : ''} over the last {Math.round(keepMs / 60_000)} minutes · updated {clockIst(now)} IST, every 5 s
      </p>
      {workerScraped === false && (
        <p className="alert alert-warn" role="status" data-testid="worker-unreachable">
          The worker&apos;s metrics are not answering, so the job charts have no data: is the worker running (<code>npm run worker</code>)?
        </p>
      )}
      {q.isError && (
        <p className="alert alert-error" role="alert">
          Refreshing failed ({messageOf(q.error)}); showing the readings as of {clockIst(now)} IST.
        </p>
      )}
      {active.length > 0 && (
        <div className="alert alert-error" role="alert" data-testid="active-alerts">
          <strong>
            {active.length} alert{active.length === 1 ? '' : 's'} firing:
          </strong>{' '}
          {active.map((a) => a.name).join(' · ')} — <Link href="/ops/alerts">see the alerts</Link>
        </div>
      )}
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(320px, 1fr))', gap: '1rem' }}>
        {CHARTS.map((c) => (
          <ChartCard key={c.id} chart={c} points={points} href={hrefOf(c.section)} from={Math.max(now - keepMs, (points[0]?.t ?? now) - MIN_SPAN_MS)} to={now} />
        ))}
      </div>
    </div>
  );
}

function ChartCard({ chart, points, href, from, to }: { chart: Chart; points: Overview['points']; href?: string; from: number; to: number }) {
  const data = points.map((p) => {
    const row: Record<string, number | null> = { t: p.t };
    for (const l of chart.lines) row[l.key] = scale(chart.unit, p.values[l.key]);
    return row;
  });
  const hasData = data.some((r) => chart.lines.some((l) => r[l.key] !== null));
  const last = [...points].reverse().find((p) => chart.lines.some((l) => p.values[l.key] !== null));
  const headline = last ? chart.lines.map((l) => `${chart.lines.length > 1 ? `${l.label} ` : ''}${formatValue(chart.unit, scale(chart.unit, last.values[l.key]))}`).join(' · ') : 'No data';
  return (
    <section className="card" aria-labelledby={`ov-${chart.id}`} data-testid="overview-chart" data-chart={chart.id} data-has-data={hasData}>
      <h2 id={`ov-${chart.id}`} style={{ margin: 0, fontSize: '1rem', display: 'flex', justifyContent: 'space-between', gap: '0.5rem' }}>
        {href ? <Link href={href}>{chart.title}</Link> : <span title="Its page is not in this build yet">{chart.title}</span>}
        <span className="small" style={{ fontWeight: 600 }} data-testid="overview-headline">
          {headline}
        </span>
      </h2>
      <p className="muted small" style={{ margin: '0.1rem 0 0.4rem' }}>
        {chart.about}
      </p>
      {hasData ? (
        <div style={{ width: '100%', height: 150 }} role="figure" aria-label={`${chart.title}: ${headline}`}>
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={data} margin={{ top: 4, right: 12, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#dce1e8" />
              <XAxis dataKey="t" type="number" scale="time" domain={[from, to]} tickFormatter={(t: number) => clockIst(t, false)} tick={{ fontSize: 11 }} minTickGap={40} />
              <YAxis tick={{ fontSize: 11 }} width={62} allowDecimals={chart.unit !== 'count'} domain={chart.unit === 'pct' ? [0, 100] : [0, 'auto']} tickFormatter={(v: number) => tickText(chart.unit, v)} />
              {chart.reference && <ReferenceLine y={chart.reference.y} stroke="#9aa5b5" strokeDasharray="4 4" label={{ value: chart.reference.label, fontSize: 10, position: 'insideTopRight' }} />}
              <Tooltip labelFormatter={(t) => `${clockIst(Number(t))} IST`} formatter={(v, name) => [formatValue(chart.unit, v === null ? null : Number(v)), name]} />
              {chart.lines.length > 1 && <Legend wrapperStyle={{ fontSize: 11 }} />}
              {chart.lines.map((l) => (
                <Line key={l.key} type="monotone" dataKey={l.key} name={l.label} stroke={l.color} strokeWidth={2} dot={false} isAnimationActive={false} connectNulls={false} />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </div>
      ) : (
        <div className="empty muted small" style={{ height: 150, display: 'grid', placeItems: 'center', textAlign: 'center' }} data-testid="overview-no-data">
          No data: this process exports no {chart.about} yet.
        </div>
      )}
    </section>
  );
}

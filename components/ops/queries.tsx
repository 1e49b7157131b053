'use client';
// Queries: the top statements of each database node (by total time, mean time or calls;
// this process's capture merged with pg_stat_statements), a chart of the top ten, the
// slow query log with a plan viewer, N+1 reports and statement anti-patterns.
// Refreshes every 10 s.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTRPC } from '@/components/trpc/client';
import { messageOf } from '@/components/trpc/errors';
import type { RouterOutputs } from '@/components/trpc/types';
import { formatDateTimeIst } from '@/components/ui/format';
import { clockIst } from './breakers';
import { PlanTree } from './plan-tree';

type Overview = RouterOutputs['ops']['queries']['overview'];
type Order = 'total' | 'mean' | 'calls';
type Row = Overview['nodes'][number]['rows'][number];

const REFRESH_MS = 10_000;
const ORDERS: { key: Order; label: string }[] = [
  { key: 'total', label: 'Total time' },
  { key: 'mean', label: 'Mean time' },
  { key: 'calls', label: 'Calls' },
];

export const ms = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n >= 100 ? `${Math.round(n).toLocaleString('en-IN')} ms` : `${n.toFixed(2)} ms`);
const num = (n: number | null | undefined) => (n === null || n === undefined ? '—' : Math.round(n).toLocaleString('en-IN'));
const short = (q: string, n = 90) => (q.length > n ? `${q.slice(0, n)}…` : q);

export function Queries() {
  const trpc = useTRPC();
  const [order, setOrder] = useState<Order>('total');
  const [node, setNode] = useState<string>('primary');
  const [planId, setPlanId] = useState<string | null>(null);
  const overview = useQuery({ ...trpc.ops.queries.overview.queryOptions({ order, limit: 25 }), refetchInterval: REFRESH_MS });

  if (overview.isPending) return <p className="muted">Loading statements…</p>;
  if (overview.isError && !overview.data) {
    return (
      <div className="alert alert-error" role="alert">
        Could not load the statements: {messageOf(overview.error)}{' '}
        <button type="button" className="btn btn-sm" onClick={() => void overview.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  const o = overview.data;
  const current = o.nodes.find((n) => n.node === node) ?? o.nodes[0]!;
  return (
    <div className="stack">
      <p className="muted small" aria-live="polite">
        Capture is <strong>{o.settings.capture ? 'on' : 'off (INSIGHTS_CAPTURE=off)'}</strong> since {formatDateTimeIst(new Date(o.capturingSince))}; statements over{' '}
        {o.settings.slowMs} ms are logged with their plan · updated {clockIst(overview.dataUpdatedAt)} IST, every 10 s
        {o.dropped > 0 && ` · ${num(o.dropped)} statements not kept (the store is full)`}
      </p>
      <section className="card" aria-labelledby="top-h">
        <div className="page-head" style={{ marginBottom: '0.4rem' }}>
          <h2 id="top-h" style={{ margin: 0 }}>
            Top statements
          </h2>
          <div className="segmented" role="radiogroup" aria-label="Database node">
            {o.nodes.map((n) => (
              <label key={n.node}>
                <input type="radio" name="node" checked={current.node === n.node} onChange={() => setNode(n.node)} /> {n.node}
              </label>
            ))}
          </div>
          <div className="segmented" role="radiogroup" aria-label="Order by">
            {ORDERS.map((x) => (
              <label key={x.key}>
                <input type="radio" name="order" checked={order === x.key} onChange={() => setOrder(x.key)} /> {x.label}
              </label>
            ))}
          </div>
        </div>
        {!current.serverStats && <p className="alert alert-info small">pg_stat_statements could not be read on {current.node}: only this process&apos;s capture is shown.</p>}
        {current.rows.length === 0 ? (
          <p className="muted">No statements on {current.node} yet.</p>
        ) : (
          <>
            <TopChart rows={current.rows.slice(0, 10)} order={order} />
            <TopTable rows={current.rows} />
          </>
        )}
      </section>
      <SlowLog slow={o.slow} onPlan={setPlanId} />
      {planId && <PlanPanel id={planId} onClose={() => setPlanId(null)} />}
      <NPlusOne reports={o.nPlusOne} rule={o.settings.nPlusOne} />
      <Antipatterns items={o.antipatterns} />
    </div>
  );
}

function metric(r: Row, order: Order, side: 'app' | 'server'): number {
  const s = r[side];
  if (!s) return 0;
  return order === 'total' ? s.totalMs : order === 'mean' ? s.meanMs : s.calls;
}

function TopChart({ rows, order }: { rows: Row[]; order: Order }) {
  const data = rows.map((r, i) => ({ name: `#${i + 1}`, query: r.query, app: metric(r, order, 'app'), server: metric(r, order, 'server') }));
  const unit = order === 'calls' ? '' : ' ms';
  return (
    <div style={{ width: '100%', height: 240 }} role="figure" aria-label={`Top ${rows.length} statements by ${order}`} data-testid="top-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 6, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#dce1e8" />
          <XAxis dataKey="name" tick={{ fontSize: 11 }} />
          <YAxis tick={{ fontSize: 11 }} width={70} tickFormatter={(v: number) => `${Math.round(v).toLocaleString('en-IN')}${unit}`} />
          <Tooltip
            labelFormatter={(_, p) => short(String((p?.[0]?.payload as { query?: string } | undefined)?.query ?? ''), 160)}
            formatter={(v) => `${Number(v).toFixed(order === 'calls' ? 0 : 2)}${unit}`}
          />
          <Legend />
          <Bar dataKey="app" name="This process (capture)" fill="#1f5fbf" isAnimationActive={false} />
          <Bar dataKey="server" name="pg_stat_statements (all clients)" fill="#9aa5b5" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

function TopTable({ rows }: { rows: Row[] }) {
  return (
    <div style={{ overflowX: 'auto' }}>
      <table className="table table-compact" data-testid="top-statements">
        <thead>
          <tr>
            <th>#</th>
            <th>Statement</th>
            <th className="nowrap">Calls</th>
            <th className="nowrap">Total</th>
            <th className="nowrap">Mean</th>
            <th className="nowrap">Max</th>
            <th className="nowrap">Rows</th>
            <th className="nowrap">Server calls / total</th>
            <th>Last seen from</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.fingerprint} data-fingerprint={r.fingerprint}>
              <td>{i + 1}</td>
              <td>
                <code className="small" title={r.query} style={{ wordBreak: 'break-word' }}>
                  {short(r.query, 140)}
                </code>
                {r.app && r.app.errors > 0 && <span className="badge" style={{ background: '#fbdcd9', color: '#8e1d17', marginLeft: 4 }}>{r.app.errors} errors</span>}
              </td>
              <td>{num(r.app?.calls)}</td>
              <td className="nowrap">{ms(r.app?.totalMs)}</td>
              <td className="nowrap">{ms(r.app?.meanMs)}</td>
              <td className="nowrap">{ms(r.app?.maxMs)}</td>
              <td>{num(r.app?.rows)}</td>
              <td className="nowrap small">{r.server ? `${num(r.server.calls)} / ${ms(r.server.totalMs)}` : '—'}</td>
              <td className="small">
                {r.examples[0] ? (
                  <>
                    <code>{r.examples[0].route ?? '(no request)'}</code>
                    {r.examples[0].correlationId && <div className="muted" title="correlation id">{r.examples[0].correlationId}</div>}
                  </>
                ) : (
                  <span className="muted">other clients</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SlowLog({ slow, onPlan }: { slow: Overview['slow']; onPlan: (id: string) => void }) {
  return (
    <section className="card" aria-labelledby="slow-h" data-testid="slow-log">
      <h2 id="slow-h">Slow query log</h2>
      <p className="muted small">
        The newest 50. Reads are explained with ANALYZE in a rolled-back transaction, writes without it; a statement repeated within a minute reuses its plan.
        {slow.dropped > 0 && ` ${num(slow.dropped)} slow statements were dropped when the queue was full.`}
      </p>
      {slow.rows.length === 0 ? (
        <p className="muted">No slow statements yet.</p>
      ) : (
        <table className="table table-compact">
          <thead>
            <tr>
              <th>When</th>
              <th>Node</th>
              <th>Took</th>
              <th>Route</th>
              <th>Statement</th>
              <th>Plan</th>
            </tr>
          </thead>
          <tbody>
            {slow.rows.map((r) => (
              <tr key={r.id}>
                <td className="nowrap small">{formatDateTimeIst(r.at)}</td>
                <td>{r.node}</td>
                <td className="nowrap">{ms(r.durationMs)}</td>
                <td className="small">
                  <code>{r.route ?? '—'}</code>
                </td>
                <td>
                  <code className="small" title={r.query}>
                    {short(r.query, 110)}
                  </code>
                </td>
                <td>
                  {r.hasPlan ? (
                    <button type="button" className="btn btn-sm" onClick={() => onPlan(r.id)}>
                      {r.analyzed ? 'Plan (analyzed)' : 'Plan'}
                    </button>
                  ) : (
                    <span className="muted small" title={r.planError ?? ''}>
                      no plan{r.planError ? `: ${short(r.planError, 40)}` : ''}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function PlanPanel({ id, onClose }: { id: string; onClose: () => void }) {
  const trpc = useTRPC();
  const plan = useQuery(trpc.ops.queries.plan.queryOptions({ id }));
  return (
    <section className="card" aria-labelledby="plan-h" data-testid="plan-panel">
      <div className="page-head" style={{ marginBottom: '0.4rem' }}>
        <h2 id="plan-h" style={{ margin: 0 }}>
          Plan of slow statement #{id}
        </h2>
        <button type="button" className="btn btn-sm" onClick={onClose}>
          Close
        </button>
      </div>
      {plan.isPending ? (
        <p className="muted">Loading the plan…</p>
      ) : plan.isError ? (
        <p className="alert alert-error">{messageOf(plan.error)}</p>
      ) : (
        <>
          <pre className="pre small" style={{ whiteSpace: 'pre-wrap' }}>
            {plan.data.row.query}
          </pre>
          <p className="small muted">
            {plan.data.row.analyzed ? 'EXPLAIN ANALYZE (rolled back)' : 'EXPLAIN (estimates only)'} · took {ms(plan.data.row.durationMs)} in the app
            {plan.data.executionMs !== null && ` · ${ms(plan.data.executionMs)} when explained`}
            {plan.data.planningMs !== null && ` · planning ${ms(plan.data.planningMs)}`}
          </p>
          {plan.data.tree ? <PlanTree tree={plan.data.tree} timed={plan.data.row.analyzed} /> : <p className="muted">No plan: {plan.data.row.planError}</p>}
        </>
      )}
    </section>
  );
}

function NPlusOne({ reports, rule }: { reports: Overview['nPlusOne']; rule: Overview['settings']['nPlusOne'] }) {
  return (
    <section className="card" aria-labelledby="n1-h" data-testid="n-plus-one">
      <h2 id="n1-h">N+1 patterns</h2>
      <p className="muted small">
        One statement run ≥ {rule.minCount} times within a request, taking ≥ {rule.minTotalMs} ms together (INSIGHTS_N1_MIN_COUNT, INSIGHTS_N1_MIN_TOTAL_MS).
      </p>
      {reports.length === 0 ? (
        <p className="muted">None seen.</p>
      ) : (
        <table className="table table-compact">
          <thead>
            <tr>
              <th>Route</th>
              <th>Repeats</th>
              <th>Requests</th>
              <th>Statement</th>
              <th>Hint</th>
            </tr>
          </thead>
          <tbody>
            {reports.map((r) => (
              <tr key={`${r.route}-${r.fingerprint}`}>
                <td>
                  <code>{r.route}</code>
                  <div className="muted small">{r.example.correlationId}</div>
                </td>
                <td className="nowrap">
                  {r.maxCount} × in {ms(r.maxTotalMs)}
                </td>
                <td>{r.requests}</td>
                <td>
                  <code className="small" title={r.example.text}>
                    {short(r.normalized, 100)}
                  </code>
                </td>
                <td className="small">{r.hint}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const KIND_LABEL: Record<Overview['antipatterns'][number]['kind'], string> = {
  'select-star': 'SELECT *',
  'offset-pagination': 'OFFSET pagination',
  'app-aggregate': 'Aggregate in code?',
};

function Antipatterns({ items }: { items: Overview['antipatterns'] }) {
  return (
    <section className="card" aria-labelledby="ap-h" data-testid="antipatterns">
      <h2 id="ap-h">Statement anti-patterns</h2>
      {items.length === 0 ? (
        <p className="muted">None in the captured statements: no SELECT *, no OFFSET over a large table, no unbounded fetch without an aggregate.</p>
      ) : (
        <table className="table table-compact">
          <thead>
            <tr>
              <th>Kind</th>
              <th>Statement</th>
              <th>Why</th>
              <th>Instead</th>
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr key={`${a.kind}-${a.node}-${a.fingerprint}`}>
                <td className="nowrap">
                  <span className="badge">{KIND_LABEL[a.kind]}</span>
                </td>
                <td>
                  <code className="small" title={a.query}>
                    {short(a.query, 100)}
                  </code>
                  <div className="muted small">
                    {a.node} · {num(a.calls)} calls{a.route ? ` · ${a.route}` : ''}
                  </div>
                </td>
                <td className="small">{a.detail}</td>
                <td className="small">{a.hint}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

'use client';
// The cache: hit rate against the goal, hit rate over the last hour per namespace and
// level (10 s buckets), every namespace's counts, the keys served most, memory; and the
// controls: invalidate a key, tag or pattern (previewed, then confirmed; audit-logged)
// and warm now. Figures are this server process's. Refreshes every 5 s.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTRPC } from '@/components/trpc/client';
import { fieldErrorsOf, messageOf } from '@/components/trpc/errors';
import type { RouterInputs, RouterOutputs } from '@/components/trpc/types';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorText, Field } from '@/components/ui/field';
import { clockIst, tenMinuteTicks } from './breakers';

type Overview = RouterOutputs['ops']['cache']['overview'];
type Target = RouterInputs['ops']['cache']['preview'];
type Preview = RouterOutputs['ops']['cache']['preview'];

const REFRESH_MS = 5_000;
const num = (n: number) => n.toLocaleString('en-IN');
const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)} %`);

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function CacheConsole() {
  const trpc = useTRPC();
  const overview = useQuery({ ...trpc.ops.cache.overview.queryOptions(), refetchInterval: REFRESH_MS });
  const [target, setTarget] = useState<Target>({ kind: 'tag', value: '' });

  if (overview.isPending) return <p className="muted">Loading the cache…</p>;
  if (overview.isError && !overview.data) {
    return (
      <div className="alert alert-error" role="alert">
        Could not load the cache: {messageOf(overview.error)}{' '}
        <button type="button" className="btn btn-sm" onClick={() => void overview.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  const o = overview.data;
  return (
    <div className="stack">
      <p className="muted small" aria-live="polite">
        Updated {clockIst(overview.dataUpdatedAt)} IST, every 5 s
      </p>
      {!o.enabled && <p className="alert alert-error">The cache is off (CACHE_ENABLED=false): every read goes to the database.</p>}
      <Summary o={o} />
      <HitRateChart points={o.points} />
      <Namespaces o={o} />
      <TopKeys top={o.top} onInvalidate={(key) => setTarget({ kind: 'key', value: key })} />
      <Invalidate target={target} setTarget={setTarget} />
      <Warm o={o} />
    </div>
  );
}

function Summary({ o }: { o: Overview }) {
  const met = o.hitRate !== null && o.hitRate >= o.goal;
  return (
    <section className="card" aria-labelledby="cache-summary-h" data-testid="cache-summary">
      <h2 id="cache-summary-h">Hit rate</h2>
      <dl className="kv kv-grid">
        <div>
          <dt>All namespaces, since start</dt>
          <dd data-testid="cache-hit-rate">
            <strong style={{ color: o.hitRate === null ? undefined : met ? '#1e7b34' : '#b3261e' }}>{pct(o.hitRate)}</strong> of {num(o.lookups)} lookups{' '}
            <span className="muted">(goal ≥ {pct(o.goal)}{o.hitRate === null ? '' : met ? ': met' : ': not met'})</span>
          </dd>
        </div>
        <div>
          <dt>L1 (this process)</dt>
          <dd data-testid="cache-l1">
            <strong>{num(o.l1.entries)}</strong> of {num(o.l1.max)} entries, {bytes(o.l1.bytes)}, {num(o.l1.ttlMs / 1000)} s TTL
          </dd>
        </div>
        <div>
          <dt>L2 (Redis)</dt>
          <dd data-testid="cache-redis">{o.redis ? `${bytes(o.redis.usedBytes)} used, ${num(o.redis.keys ?? 0)} keys in all` : <span style={{ color: '#b3261e' }}>unreachable: reads go to the database</span>}</dd>
        </div>
        <div>
          <dt>Invalidations from other instances</dt>
          <dd>
            {o.l1.listening ? 'received (pub/sub subscribed)' : <span style={{ color: '#b3261e' }}>not received: L1 serves nothing older than the degraded TTL</span>}
            {o.l1.pending > 0 && <span style={{ color: '#b3261e' }}> · {num(o.l1.pending)} failed invalidations queued for replay</span>}
          </dd>
        </div>
      </dl>
    </section>
  );
}

const LINES = [
  { key: 'all', label: 'Cache (L1 or L2)', color: '#1f5fbf' },
  { key: 'l1', label: 'L1', color: '#1e7b34' },
  { key: 'l2', label: 'L2 (of L1 misses)', color: '#c77700' },
] as const;

function HitRateChart({ points }: { points: Overview['points'] }) {
  const [ns, setNs] = useState<string>('all');
  const namespaces = ['fir', 'violation', 'kb', 'session', 'stats'];
  const sum = (v: Record<string, number>, suffix: string) => (ns === 'all' ? namespaces : [ns]).reduce((a, n) => a + (v[`${n}:${suffix}`] ?? 0), 0);
  const data = points.map((p) => {
    const l1h = sum(p.values, 'l1:hit');
    const l1m = sum(p.values, 'l1:miss');
    const l2h = sum(p.values, 'l2:hit');
    const l2m = sum(p.values, 'l2:miss');
    const rate = (h: number, n: number) => (n ? Math.round((h / n) * 1000) / 10 : null);
    return { t: p.t, all: rate(l1h + l2h, l1h + l1m), l1: rate(l1h, l1h + l1m), l2: rate(l2h, l2h + l2m), lookups: l1h + l1m };
  });
  const lookups = data.reduce((a, p) => a + p.lookups, 0);
  const first = data[0]?.t ?? 0;
  const last = data.at(-1)?.t ?? 0;
  return (
    <section className="card" aria-labelledby="cache-chart-h">
      <h2 id="cache-chart-h">Hit rate over the last hour</h2>
      <div className="inline-form">
        <Field label="Namespace">
          <select value={ns} onChange={(e) => setNs(e.target.value)} data-testid="cache-chart-namespace">
            <option value="all">All</option>
            {namespaces.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </Field>
        <p className="muted small">{num(lookups)} lookups; percent of lookups per 10 s, a gap where there were none.</p>
      </div>
      <div style={{ width: '100%', height: 240, position: 'relative' }} data-testid="cache-chart" role="figure" aria-label={`Cache hit rate per 10 seconds over the last hour, namespace ${ns}`}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 6, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#dce1e8" />
            <XAxis dataKey="t" type="number" domain={[first, last]} ticks={tenMinuteTicks(first, last)} tickFormatter={(t: number) => clockIst(t, false)} tick={{ fontSize: 11 }} />
            <YAxis domain={[0, 100]} unit=" %" tick={{ fontSize: 11 }} width={56} />
            <Tooltip labelFormatter={(t) => `${clockIst(Number(t))}–${clockIst(Number(t) + 10_000)} IST`} formatter={(v) => (v === null ? '—' : `${String(v)} %`)} />
            <Legend verticalAlign="top" height={24} wrapperStyle={{ fontSize: 12 }} />
            {LINES.map((l) => (
              <Line key={l.key} dataKey={l.key} name={l.label} stroke={l.color} dot={false} isAnimationActive={false} connectNulls={false} strokeWidth={l.key === 'all' ? 2 : 1.5} />
            ))}
          </LineChart>
        </ResponsiveContainer>
        {lookups === 0 && (
          <p className="muted" style={{ position: 'absolute', inset: '40% 0 auto', textAlign: 'center', pointerEvents: 'none' }}>
            No cache lookups in the last hour.
          </p>
        )}
      </div>
    </section>
  );
}

function Namespaces({ o }: { o: Overview }) {
  return (
    <section className="card" aria-labelledby="cache-ns-h">
      <h2 id="cache-ns-h">Namespaces</h2>
      <table className="table table-compact" data-testid="cache-namespaces">
        <thead>
          <tr>
            <th scope="col">Namespace</th>
            <th scope="col" className="num">TTL</th>
            <th scope="col" className="num">L1 entries</th>
            <th scope="col" className="num">L1 hits</th>
            <th scope="col" className="num">L2 hits</th>
            <th scope="col" className="num">Misses</th>
            <th scope="col" className="num">Hit rate</th>
            <th scope="col" className="num">Evictions</th>
            <th scope="col" className="num">Errors</th>
          </tr>
        </thead>
        <tbody>
          {o.namespaces.map((n) => (
            <tr key={n.namespace}>
              <td>
                <code>{n.namespace}</code>
              </td>
              <td className="num">{n.ttlSeconds >= 3600 ? `${n.ttlSeconds / 3600} h` : `${n.ttlSeconds / 60} min`}</td>
              <td className="num">{num(n.l1Entries)}</td>
              <td className="num">{num(n.l1Hits)}</td>
              <td className="num">{num(n.l2Hits)}</td>
              <td className="num">{num(n.misses)}</td>
              <td className="num">{pct(n.hitRate)}</td>
              <td className="num">{num(n.evictions)}</td>
              <td className="num" style={{ color: n.errors ? '#b3261e' : undefined }}>
                {num(n.errors)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function TopKeys({ top, onInvalidate }: { top: Overview['top']; onInvalidate: (key: string) => void }) {
  return (
    <section className="card" aria-labelledby="cache-top-h">
      <h2 id="cache-top-h">Top keys</h2>
      {top.length === 0 ? (
        <p className="muted">No hits yet.</p>
      ) : (
        <table className="table table-compact" data-testid="cache-top-keys">
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col" className="num">Hits</th>
              <th scope="col">In L1</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {top.map((k) => (
              <tr key={k.key}>
                <td>
                  <code>{k.key}</code>
                </td>
                <td className="num">{num(k.hits)}</td>
                <td>{k.inL1 ? 'yes' : 'no'}</td>
                <td>
                  <button type="button" className="btn btn-sm btn-ghost" onClick={() => onInvalidate(k.key)} aria-label={`Invalidate ${k.key}`}>
                    Invalidate…
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const HINTS: Record<Target['kind'], string> = {
  key: 'namespace:entity:id, e.g. fir:record:<uuid>',
  tag: 'e.g. firs (every count and dashboard figure) or ns:kb (a whole namespace)',
  pattern: 'a glob with * and ?, e.g. kb:query:*',
};

function Invalidate({ target, setTarget }: { target: Target; setTarget: (t: Target) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [preview, setPreview] = useState<{ target: Target; counts: Preview } | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [done, setDone] = useState<{ text: string; warn: boolean } | null>(null);
  const invalidate = useMutation(
    trpc.ops.cache.invalidate.mutationOptions({
      onSuccess: async (res, input) => {
        const what = `Invalidated ${input.target.kind} ${input.target.value}: ${num(res.touched.l1)} L1 entries here, ${num(res.touched.l2)} in Redis; other instances were told.`;
        setDone({ text: res.audited ? what : `${what} The audit row could not be written; see the server log.`, warn: !res.audited });
        setPreview(null);
        await queryClient.invalidateQueries({ queryKey: trpc.ops.cache.overview.queryKey() });
      },
    }),
  );
  const errors = fieldErrorsOf(invalidate.error);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    invalidate.reset();
    setDone(null);
    setPreviewError(null);
    const t = { kind: target.kind, value: target.value.trim() } as Target;
    try {
      const counts = await queryClient.fetchQuery({ ...trpc.ops.cache.preview.queryOptions(t), staleTime: 0 });
      setPreview({ target: t, counts });
    } catch (err) {
      setPreviewError(messageOf(err as Error));
    }
  };
  return (
    <section className="card" aria-labelledby="cache-inv-h">
      <h2 id="cache-inv-h">Invalidate</h2>
      <p className="muted small">Drops entries from both levels here and from every other instance&apos;s L1 (pub/sub). The next read loads from the database.</p>
      {done && (
        <p className={`alert ${done.warn ? 'alert-error' : 'alert-ok'}`} role="status" data-testid="cache-invalidated">
          {done.text}
        </p>
      )}
      <form className="inline-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <Field label="By">
          <select value={target.kind} onChange={(e) => setTarget({ kind: e.target.value as Target['kind'], value: target.value })} data-testid="cache-inv-kind">
            <option value="key">Key</option>
            <option value="tag">Tag</option>
            <option value="pattern">Pattern</option>
          </select>
        </Field>
        <Field label={target.kind === 'key' ? 'Key' : target.kind === 'tag' ? 'Tag' : 'Pattern'} hint={HINTS[target.kind]} error={previewError ? [previewError] : undefined}>
          <input value={target.value} onChange={(e) => setTarget({ ...target, value: e.target.value })} maxLength={260} spellCheck={false} data-testid="cache-inv-value" />
        </Field>
        <Field label="Reason" hint="Recorded in the audit log" error={errors.reason}>
          <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} data-testid="cache-inv-reason" />
        </Field>
        <div className="inline-form-actions">
          <button type="submit" className="btn btn-primary" disabled={target.value.trim().length === 0 || reason.trim().length < 3}>
            Preview…
          </button>
        </div>
      </form>
      <ConfirmDialog
        open={preview !== null}
        title={`Invalidate ${preview?.target.kind ?? ''} ${preview?.target.value ?? ''}?`}
        confirmLabel="Invalidate"
        pendingLabel="Invalidating…"
        danger
        pending={invalidate.isPending}
        error={invalidate.error ? messageOf(invalidate.error) : null}
        onCancel={() => {
          invalidate.reset();
          setPreview(null);
        }}
        onConfirm={() => preview && invalidate.mutate({ target: preview.target, reason: reason.trim() })}
      >
        {preview && (
          <p data-testid="cache-inv-preview">
            This touches <strong>{num(preview.counts.l1)}</strong> L1 entries on this instance and{' '}
            {preview.counts.l2Known ? (
              <>
                <strong>{num(preview.counts.l2)}</strong> entries in Redis
              </>
            ) : (
              'an unknown number of entries in Redis (unreachable)'
            )}
            {preview.target.kind === 'tag' && preview.target.value.startsWith('ns:') && ' (a namespace tag: every entry of it, counted only in L1)'}. Other instances drop theirs too.
          </p>
        )}
      </ConfirmDialog>
    </section>
  );
}

function Warm({ o }: { o: Overview }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const warm = useMutation(
    trpc.ops.cache.warm.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.ops.cache.overview.queryKey() }),
    }),
  );
  return (
    <section className="card" aria-labelledby="cache-warm-h">
      <h2 id="cache-warm-h">Warm</h2>
      <p className="muted small">
        Loads what the first requests ask for: {o.warmers.map((w) => <code key={w}>{w} </code>)}. At start: {o.warmAtStart.length ? o.warmAtStart.join(', ') : 'none'} (CACHE_WARM).
      </p>
      <button type="button" className="btn" onClick={() => warm.mutate({})} disabled={warm.isPending} data-testid="cache-warm">
        {warm.isPending ? 'Warming…' : 'Warm now'}
      </button>
      {warm.error && <ErrorText>{messageOf(warm.error)}</ErrorText>}
      {warm.data && (
        <ul className="small" data-testid="cache-warm-report">
          {warm.data.report.map((r) => (
            <li key={r.name}>
              <code>{r.name}</code>: {r.error ? <span style={{ color: '#b3261e' }}>failed ({r.error})</span> : `${num(r.entries)} entries in ${num(r.ms)} ms`}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

'use client';
// Rate limits: the policy in force, the limiter's decisions over the last hour (10 s
// buckets, stacked), the top consumers, and per-identity overrides of the per-key
// limit (set or cleared with confirmation; audit-logged). Refreshes every 5 s.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTRPC } from '@/components/trpc/client';
import { fieldErrorsOf, messageOf } from '@/components/trpc/errors';
import type { RouterOutputs } from '@/components/trpc/types';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorText, Field } from '@/components/ui/field';
import { clockIst, tenMinuteTicks } from './breakers';

type Overview = RouterOutputs['ops']['limits']['overview'];
type Policy = Overview['policy'];
type Change = { identity: string; perKey: number | null };

const REFRESH_MS = 5_000;
const SERIES = [
  { key: 'allowed', label: 'Allowed', color: '#1f5fbf' },
  { key: 'rejected', label: 'Rejected', color: '#b3261e' },
  { key: 'bypassed', label: 'Bypassed (admins)', color: '#9aa5b5' },
] as const;

const num = (n: number) => n.toLocaleString('en-IN');
const windowText = (p: Policy) => (p.windowMs === 60_000 ? 'a minute' : `${num(p.windowMs / 1000)} s`);

/** What an override is set on for a consumer: a key's prefix (every secret presented with it), a user; null for others. */
function overrideTarget(identity: string): string | null {
  const key = /^key:([A-Za-z0-9]{12}):/.exec(identity);
  if (key) return `key:${key[1]}`;
  return /^user:[0-9a-f-]{36}$/.test(identity) ? identity : null;
}

function ago(at: number, now: number): string {
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  return `${Math.floor(s / 3600)} h ago`;
}

export function Limits() {
  const trpc = useTRPC();
  const overview = useQuery({ ...trpc.ops.limits.overview.queryOptions(), refetchInterval: REFRESH_MS });
  const [identity, setIdentity] = useState(''); // the override form's, filled from the consumers table too

  if (overview.isPending) return <p className="muted">Loading rate limits…</p>;
  if (overview.isError && !overview.data) {
    return (
      <div className="alert alert-error" role="alert">
        Could not load the rate limits: {messageOf(overview.error)}{' '}
        <button type="button" className="btn btn-sm" onClick={() => void overview.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  const { policy, points, top } = overview.data;
  const now = overview.dataUpdatedAt;

  return (
    <div className="stack">
      <p className="muted small" aria-live="polite">
        Updated {clockIst(now)} IST, every 5 s
      </p>
      {overview.isError && (
        <p className="alert alert-error" role="alert">
          Refreshing failed ({messageOf(overview.error)}); showing the figures as of {clockIst(now)} IST.
        </p>
      )}
      <section className="card" aria-labelledby="policy-h" data-testid="limit-policy">
        <h2 id="policy-h">Policy</h2>
        <dl className="kv kv-grid">
          <div>
            <dt>Per key or user</dt>
            <dd data-testid="policy-per-key">
              <strong>{num(policy.perKey)}</strong> requests in {windowText(policy)}
            </dd>
          </div>
          <div>
            <dt>Global (everyone together)</dt>
            <dd data-testid="policy-global">
              <strong>{num(policy.global)}</strong> requests in {windowText(policy)}
            </dd>
          </div>
          <div>
            <dt>Window</dt>
            <dd data-testid="policy-window">
              <strong>{num(policy.windowMs / 1000)} s</strong>, sliding
            </dd>
          </div>
        </dl>
        <p className="muted small" style={{ marginTop: '0.5rem' }}>
          Set by RATE_LIMIT_PER_KEY, RATE_LIMIT_GLOBAL and RATE_LIMIT_WINDOW_SECONDS (a restart applies a change); an override below changes one identity&apos;s limit at once.
        </p>
      </section>
      <Decisions points={points} />
      <TopConsumers
        top={top}
        now={now}
        onOverride={(id) => {
          setIdentity(id);
          const input = document.getElementById('override-limit');
          input?.scrollIntoView({ block: 'center', behavior: 'smooth' });
          input?.focus({ preventScroll: true });
        }}
      />
      <Overrides policy={policy} identity={identity} setIdentity={setIdentity} />
    </div>
  );
}

function Decisions({ points }: { points: Overview['points'] }) {
  const data = points.map((p) => ({ t: p.t, allowed: p.values.allowed ?? 0, rejected: p.values.rejected ?? 0, bypassed: p.values.bypassed ?? 0 }));
  const sum = (k: 'allowed' | 'rejected' | 'bypassed') => data.reduce((a, p) => a + p[k], 0);
  const [allowed, rejected, bypassed] = [sum('allowed'), sum('rejected'), sum('bypassed')];
  const measured = allowed + rejected;
  const first = data[0]?.t ?? 0;
  const last = data.at(-1)?.t ?? 0;
  return (
    <section className="card" aria-labelledby="decisions-h">
      <h2 id="decisions-h">Decisions over the last hour</h2>
      <p className="small">
        <strong>{num(allowed)}</strong> allowed · <strong style={{ color: rejected ? '#b3261e' : undefined }}>{num(rejected)}</strong> rejected
        {measured > 0 && ` (${((rejected / measured) * 100).toFixed(1)} %)`} · <strong>{num(bypassed)}</strong> bypassed <span className="muted">— requests per 10 s</span>
      </p>
      <div
        style={{ width: '100%', height: 240, position: 'relative' }}
        data-testid="decisions-chart"
        role="figure"
        aria-label={`Rate-limit decisions per 10 seconds over the last hour: ${allowed} allowed, ${rejected} rejected, ${bypassed} bypassed`}
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 6, right: 16, bottom: 0, left: 0 }} barCategoryGap={0}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#dce1e8" />
            {/* one bar per 10 s bucket; the buckets are the categories, labelled on the whole 10 minutes */}
            <XAxis dataKey="t" ticks={tenMinuteTicks(first, last)} interval={0} tickFormatter={(t: number) => clockIst(t, false)} tick={{ fontSize: 11 }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={48} />
            <Tooltip labelFormatter={(_, payload) => {
              const p = payload?.[0]?.payload as { t: number } | undefined;
              return p ? `${clockIst(p.t)}–${clockIst(p.t + 10_000)} IST` : '';
            }} />
            <Legend verticalAlign="top" height={24} iconType="square" itemSorter={null} wrapperStyle={{ fontSize: 12 }} />
            {SERIES.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} stackId="decisions" fill={s.color} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
        {allowed + rejected + bypassed === 0 && (
          <p className="muted" style={{ position: 'absolute', inset: '40% 0 auto', textAlign: 'center', pointerEvents: 'none' }}>
            No rate-limited requests in the last hour.
          </p>
        )}
      </div>
    </section>
  );
}

function TopConsumers({ top, now, onOverride }: { top: Overview['top']; now: number; onOverride: (identity: string) => void }) {
  return (
    <section className="card" aria-labelledby="top-h">
      <h2 id="top-h">Top consumers</h2>
      {top.length === 0 ? (
        <p className="muted">Nobody has been rate-limited or counted yet. API keys and signed-in officers appear here once they make requests.</p>
      ) : (
        <table className="table table-compact" data-testid="top-consumers">
          <thead>
            <tr>
              <th scope="col">Identity</th>
              <th scope="col" className="num">Allowed</th>
              <th scope="col" className="num">Rejected</th>
              <th scope="col" className="num">Rejected %</th>
              <th scope="col">Last seen</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {top.map((c) => {
              const total = c.allowed + c.rejected;
              const pct = total ? (c.rejected / total) * 100 : 0;
              const target = overrideTarget(c.identity);
              const hashed = target?.startsWith('key:') ? c.identity.slice(target.length) : '';
              return (
                <tr key={c.identity}>
                  <td>
                    {hashed ? (
                      <code title="The key's prefix, then a hash of the secret presented with it (a wrong secret is counted apart)">
                        {target}
                        <span className="muted">{hashed}</span>
                      </code>
                    ) : (
                      <code>{c.identity}</code>
                    )}
                  </td>
                  <td className="num">{num(c.allowed)}</td>
                  <td className="num">{num(c.rejected)}</td>
                  <td className="num" style={{ color: pct >= 10 ? '#b3261e' : undefined, fontWeight: pct >= 10 ? 600 : undefined }}>
                    {pct.toFixed(1)} %
                  </td>
                  <td className="nowrap" title={`${clockIst(c.lastAt)} IST`}>
                    {ago(c.lastAt, now)}
                  </td>
                  <td>
                    {target && (
                      <button type="button" className="btn btn-sm btn-ghost" onClick={() => onOverride(target)} aria-label={`Override the limit of ${target}`}>
                        Override…
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Overrides({ policy, identity, setIdentity }: { policy: Policy; identity: string; setIdentity: (v: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery({ ...trpc.ops.limits.overrides.list.queryOptions(), refetchInterval: REFRESH_MS });
  const [limit, setLimit] = useState('');
  const [pending, setPending] = useState<Change | null>(null);
  const [done, setDone] = useState<{ text: string; warn: boolean } | null>(null);
  const set = useMutation(
    trpc.ops.limits.overrides.set.mutationOptions({
      onSuccess: async (res, input) => {
        const what = input.perKey === null ? `Override of ${input.identity} cleared: the default ${num(policy.perKey)} applies.` : `${input.identity} may now make ${num(input.perKey)} requests in ${windowText(policy)}.`;
        setDone({ text: res.audited ? what : `${what} The audit row could not be written; the change is recorded in the server log.`, warn: !res.audited });
        setPending(null);
        if (input.perKey !== null) setLimit('');
        queryClient.setQueryData(trpc.ops.limits.overrides.list.queryKey(), res.overrides);
        await queryClient.invalidateQueries({ queryKey: trpc.ops.limits.overrides.list.queryKey() });
      },
    }),
  );
  const errors = fieldErrorsOf(set.error);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    set.reset();
    setDone(null);
    setPending({ identity: identity.trim(), perKey: Number(limit) });
  };
  const validLimit = /^\d+$/.test(limit) && Number(limit) >= 1;

  return (
    <section className="card" aria-labelledby="overrides-h">
      <h2 id="overrides-h">Per-identity overrides</h2>
      <p className="muted small">
        An override replaces the per-key limit ({num(policy.perKey)} in {windowText(policy)}) for one API key (<code>key:&lt;prefix&gt;</code>, whatever secret is presented with it) or one
        user (<code>user:&lt;id&gt;</code>). The global limit still applies.
      </p>
      {done && (
        <p className={`alert ${done.warn ? 'alert-error' : 'alert-ok'}`} role="status">
          {done.text}
        </p>
      )}
      {list.isPending ? (
        <p className="muted">Loading overrides…</p>
      ) : list.isError && !list.data ? (
        <ErrorText>Could not load the overrides: {messageOf(list.error)}</ErrorText>
      ) : list.data.length === 0 ? (
        <p className="muted" data-testid="overrides-empty">
          No overrides: every identity has the default limit.
        </p>
      ) : (
        <table className="table table-compact" data-testid="limit-overrides">
          <thead>
            <tr>
              <th scope="col">Identity</th>
              <th scope="col" className="num">Limit in {windowText(policy)}</th>
              <th scope="col" className="num">Default</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((o) => (
              <tr key={o.identity}>
                <td>
                  <code>{o.identity}</code>
                </td>
                <td className="num">
                  <strong>{num(o.perKey)}</strong>
                </td>
                <td className="num muted">{num(policy.perKey)}</td>
                <td>
                  <button type="button" className="btn btn-sm btn-danger-outline" onClick={() => setPending({ identity: o.identity, perKey: null })} aria-label={`Clear the override of ${o.identity}`}>
                    Clear
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="inline-form" onSubmit={onSubmit} noValidate style={{ marginTop: '0.75rem' }}>
        <Field label="Identity" error={errors.identity} hint="As in the consumers table, e.g. key:Ab12Cd34Ef56">
          <input value={identity} onChange={(e) => setIdentity(e.target.value)} maxLength={150} required placeholder="key:<prefix> or user:<id>" spellCheck={false} />
        </Field>
        <Field label={`Limit in ${windowText(policy)}`} error={errors.perKey} hint={`Default ${num(policy.perKey)}`}>
          <input id="override-limit" className="num" type="number" inputMode="numeric" min={1} max={100_000} step={1} value={limit} onChange={(e) => setLimit(e.target.value)} required />
        </Field>
        <div className="inline-form-actions">
          <button type="submit" className="btn btn-primary" disabled={identity.trim().length < 3 || !validLimit}>
            Set limit…
          </button>
        </div>
      </form>
      <ConfirmDialog
        open={pending !== null}
        title={pending?.perKey === null ? `Clear the override of ${pending.identity}?` : `Set the limit of ${pending?.identity ?? ''}?`}
        confirmLabel={pending?.perKey === null ? 'Clear override' : 'Set limit'}
        pendingLabel="Saving…"
        danger={pending?.perKey === null}
        pending={set.isPending}
        error={set.error && !errors.identity && !errors.perKey ? messageOf(set.error) : null}
        onCancel={() => {
          set.reset();
          setPending(null);
        }}
        onConfirm={() => pending && set.mutate(pending)}
      >
        {pending?.perKey === null ? (
          <p>
            <code>{pending.identity}</code> goes back to the default limit of {num(policy.perKey)} requests in {windowText(policy)}.
          </p>
        ) : (
          <p>
            <code>{pending?.identity}</code> may make <strong>{num(pending?.perKey ?? 0)}</strong> requests in {windowText(policy)} (default {num(policy.perKey)}). The change is
            recorded in the audit log.
          </p>
        )}
        {(errors.identity || errors.perKey) && <p className="field-error">{[...(errors.identity ?? []), ...(errors.perKey ?? [])].join('; ')}</p>}
      </ConfirmDialog>
    </section>
  );
}

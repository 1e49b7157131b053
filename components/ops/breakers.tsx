'use client';
// Circuit breakers: every breaker the process has made, its state and counts, a step
// chart of its state over the last hour with the recent transitions, and the two
// controls (isolate, reset), each confirmed with a reason for the audit log.
// Refreshes every 5 s. The colours are inline: this file's own, not the stylesheet's.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTRPC } from '@/components/trpc/client';
import { messageOf } from '@/components/trpc/errors';
import type { RouterOutputs } from '@/components/trpc/types';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field } from '@/components/ui/field';
import { formatDateTimeIst } from '@/components/ui/format';

type Breaker = RouterOutputs['ops']['breakers']['list'][number];
type State = Breaker['state'];
type Action = { kind: 'isolate' | 'reset'; name: string };

const REFRESH_MS = 5_000;
const HOUR_MS = 60 * 60_000;
const STATES: State[] = ['closed', 'half-open', 'open', 'isolated']; // chart levels, bottom to top
const STATE_STYLE: Record<State, { label: string; fg: string; bg: string }> = {
  closed: { label: 'Closed', fg: '#17603a', bg: '#dcefe3' },
  'half-open': { label: 'Half-open', fg: '#6b5200', bg: '#fff1cc' },
  open: { label: 'Open', fg: '#8e1d17', bg: '#fbdcd9' },
  isolated: { label: 'Isolated', fg: '#5e2b8a', bg: '#efe2fa' },
};
const ABOUT: Record<State, string> = {
  closed: 'calls go through',
  'half-open': 'one probe call is let through',
  open: 'calls fail at once until the probe',
  isolated: 'held open by an operator until reset',
};

const pad = (n: number) => String(n).padStart(2, '0');
/** "18:05:09" in IST, by hand like components/ui/format.ts (server and browser agree) */
export function clockIst(ms: number, seconds = true): string {
  const d = new Date(ms + 330 * 60_000);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${seconds ? `:${pad(d.getUTCSeconds())}` : ''}`;
}

/** Ticks on the whole 10 minutes (IST is a whole number of 10 minutes from UTC, too). */
export function tenMinuteTicks(from: number, to: number): number[] {
  const step = 10 * 60_000;
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) ticks.push(t);
  return ticks;
}

export function StateBadge({ state }: { state: State }) {
  const s = STATE_STYLE[state];
  return (
    <span className="badge" style={{ background: s.bg, color: s.fg }} data-state={state}>
      {s.label}
    </span>
  );
}

export function Breakers() {
  const trpc = useTRPC();
  const list = useQuery({ ...trpc.ops.breakers.list.queryOptions(), refetchInterval: REFRESH_MS });
  const [action, setAction] = useState<Action | null>(null);
  const [done, setDone] = useState<{ text: string; warn: boolean } | null>(null);

  if (list.isPending) return <p className="muted">Loading breakers…</p>;
  if (list.isError && !list.data) {
    return (
      <div className="alert alert-error" role="alert">
        Could not load the breakers: {messageOf(list.error)}{' '}
        <button type="button" className="btn btn-sm" onClick={() => void list.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  const now = list.dataUpdatedAt;
  const breakers = list.data;
  const tally = STATES.map((s) => [s, breakers.filter((b) => b.state === s).length] as const).filter(([, n]) => n > 0);

  return (
    <div className="stack">
      <p className="muted small" aria-live="polite">
        {breakers.length} breaker{breakers.length === 1 ? '' : 's'}
        {tally.length > 0 && `: ${tally.map(([s, n]) => `${n} ${STATE_STYLE[s].label.toLowerCase()}`).join(', ')}`} · updated {clockIst(now)} IST, every 5 s
      </p>
      {list.isError && (
        <p className="alert alert-error" role="alert">
          Refreshing failed ({messageOf(list.error)}); showing the state as of {clockIst(now)} IST.
        </p>
      )}
      {done && (
        <p className={`alert ${done.warn ? 'alert-error' : 'alert-ok'}`} role="status">
          {done.text}
        </p>
      )}
      {breakers.length === 0 ? (
        <section className="card empty" data-testid="breakers-empty">
          <h2>No circuit breakers yet</h2>
          <p className="muted">
            A breaker is made when its dependency is first called: <code>model:llm</code> and <code>model:asr</code> appear after the first drafting or transcription request
            that uses a model server. Breakers for Redis and the database pools will be listed here once they exist.
          </p>
        </section>
      ) : (
        breakers.map((b) => <BreakerCard key={b.name} breaker={b} now={now} onAction={(kind) => setAction({ kind, name: b.name })} />)
      )}
      <ActionDialog action={action} onClose={() => setAction(null)} onDone={setDone} />
    </div>
  );
}

function BreakerCard({ breaker: b, now, onAction }: { breaker: Breaker; now: number; onAction: (kind: Action['kind']) => void }) {
  const o = b.options;
  const windowCalls = b.window.successes + b.window.failures;
  const recent = [...b.transitions].reverse().slice(0, 5);
  return (
    <section className="card" aria-labelledby={`br-${b.name}`} data-testid="breaker" data-breaker={b.name}>
      <div className="page-head" style={{ marginBottom: '0.4rem' }}>
        <h2 id={`br-${b.name}`} style={{ display: 'flex', gap: '0.5rem', alignItems: 'center', margin: 0 }}>
          <code>{b.name}</code> <StateBadge state={b.state} /> <span className="muted small" style={{ fontWeight: 400 }}>{ABOUT[b.state]}</span>
        </h2>
        <div className="actions">
          <button type="button" className="btn btn-sm btn-danger-outline" disabled={b.state === 'isolated'} onClick={() => onAction('isolate')} aria-label={`Isolate ${b.name}`}>
            Isolate
          </button>
          <button type="button" className={`btn btn-sm${b.state === 'closed' ? '' : ' btn-primary'}`} onClick={() => onAction('reset')} aria-label={`Reset ${b.name}`}>
            Reset
          </button>
        </div>
      </div>
      <dl className="kv kv-grid" style={{ gridTemplateColumns: 'repeat(5, minmax(0, 1fr))' }}>
        <div>
          <dt>Failure rate (last {Math.round(o.samplingDurationMs / 1000)} s)</dt>
          <dd>
            <strong>{windowCalls ? `${Math.round(b.window.failureRate * 100)} %` : '—'}</strong>{' '}
            <span className="muted small">
              {b.window.failures} of {windowCalls} call{windowCalls === 1 ? '' : 's'}; opens at {Math.round(o.failureRateThreshold * 100)} % of ≥ {o.minimumRequests} calls
            </span>
          </dd>
        </div>
        <div>
          <dt>Consecutive failures</dt>
          <dd>
            <strong>{b.consecutiveFailures}</strong> <span className="muted small">opens at {o.consecutiveFailures}</span>
          </dd>
        </div>
        <div>
          <dt>Calls since reset</dt>
          <dd className="small">
            {b.counts.successes} ok · {b.counts.failures} failed · {b.counts.rejections} refused · {b.counts.ignored} ignored
          </dd>
        </div>
        <div>
          <dt>Last failure</dt>
          <dd className="small">
            {b.lastFailure ? (
              <>
                {formatDateTimeIst(new Date(b.lastFailure.at))}
                <br />
                <span className="muted" title={b.lastFailure.message}>
                  {b.lastFailure.reason}: {b.lastFailure.message.slice(0, 120)}
                </span>
              </>
            ) : (
              <span className="muted">None</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Opened at</dt>
          <dd className="small">
            {b.openedAt ? (
              <>
                {formatDateTimeIst(new Date(b.openedAt))}
                {b.state === 'open' && <span className="muted"> · probe after {Math.round(o.halfOpenAfterMs / 1000)} s</span>}
              </>
            ) : (
              <span className="muted">—</span>
            )}
          </dd>
        </div>
      </dl>
      <h3 className="subhead">State over the last hour</h3>
      <StateTimeline breaker={b} now={now} />
      {recent.length > 0 ? (
        <ol className="small" style={{ listStyle: 'none', padding: 0, margin: '0.4rem 0 0' }} aria-label={`Recent transitions of ${b.name}`}>
          {recent.map((t, i) => (
            <li key={`${t.at}-${i}`}>
              <span className="muted">{clockIst(t.at)}</span> <StateBadge state={t.from} /> → <StateBadge state={t.to} /> {t.reason && <span className="muted">{t.reason}</span>}
            </li>
          ))}
          {b.transitions.length > recent.length && <li className="muted">…and {b.transitions.length - recent.length} earlier (the last 50 are kept)</li>}
        </ol>
      ) : (
        <p className="muted small">No transitions yet: closed since it was made.</p>
      )}
    </section>
  );
}

/** Points of a step line: the state at the window's start, each transition in it, and now. */
export function stateSteps(b: Pick<Breaker, 'state' | 'transitions'>, now: number): { t: number; level: number }[] {
  const start = now - HOUR_MS;
  const level = (s: State) => STATES.indexOf(s);
  const before = b.transitions.filter((t) => t.at <= start).at(-1);
  const inside = b.transitions.filter((t) => t.at > start && t.at <= now);
  const initial = before?.to ?? inside[0]?.from ?? b.state;
  return [{ t: start, level: level(initial) }, ...inside.map((t) => ({ t: t.at, level: level(t.to) })), { t: now, level: level(b.state) }];
}

function StateTimeline({ breaker, now }: { breaker: Breaker; now: number }) {
  const data = stateSteps(breaker, now);
  const changes = data.length - 2;
  return (
    <div
      style={{ width: '100%', height: 150 }}
      data-testid="breaker-timeline"
      role="figure"
      aria-label={`${breaker.name}: ${changes} state change${changes === 1 ? '' : 's'} in the last hour; now ${STATE_STYLE[breaker.state].label.toLowerCase()}`}
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 6, right: 16, bottom: 0, left: 8 }}>
          {STATES.map((s, i) => (
            <ReferenceArea key={s} y1={i - 0.5} y2={i + 0.5} fill={STATE_STYLE[s].bg} fillOpacity={0.55} strokeOpacity={0} ifOverflow="hidden" />
          ))}
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#dce1e8" />
          <XAxis dataKey="t" type="number" scale="time" domain={[now - HOUR_MS, now]} ticks={tenMinuteTicks(now - HOUR_MS, now)} tickFormatter={(t: number) => clockIst(t, false)} tick={{ fontSize: 11 }} />
          <YAxis
            type="number"
            domain={[-0.5, STATES.length - 0.5]}
            ticks={STATES.map((_, i) => i)}
            tickFormatter={(v: number) => STATE_STYLE[STATES[v] ?? 'closed'].label}
            tick={{ fontSize: 11 }}
            width={70}
          />
          <Tooltip
            labelFormatter={(_, payload) => {
              const t = payload?.[0]?.payload as { t: number } | undefined;
              return t ? `${clockIst(t.t)} IST` : '';
            }}
            formatter={(v) => [STATE_STYLE[STATES[Number(v)] ?? 'closed'].label, 'State']}
          />
          <Line type="stepAfter" dataKey="level" stroke="#14213d" strokeWidth={2} dot={{ r: 2.5 }} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

function ActionDialog({ action, onClose, onDone }: { action: Action | null; onClose: () => void; onDone: (d: { text: string; warn: boolean }) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const finish = async (res: { breaker: Breaker; audited: boolean }, verb: 'isolated' | 'reset') => {
    const what =
      verb === 'isolated'
        ? `${res.breaker.name} is isolated: calls to it fail at once until it is reset.`
        : `${res.breaker.name} was reset and is now ${STATE_STYLE[res.breaker.state].label.toLowerCase()}.`;
    onDone({
      text: `${what}${
        res.audited ? '' : ' The audit row could not be written (the database may be down); the action is recorded in the server log.'
      }`,
      warn: !res.audited,
    });
    setReason('');
    await queryClient.invalidateQueries({ queryKey: trpc.ops.breakers.list.queryKey() });
    onClose();
  };
  const isolate = useMutation(trpc.ops.breakers.isolate.mutationOptions({ onSuccess: (res) => finish(res, 'isolated') }));
  const reset = useMutation(trpc.ops.breakers.reset.mutationOptions({ onSuccess: (res) => finish(res, 'reset') }));
  const m = action?.kind === 'reset' ? reset : isolate;
  const close = () => {
    isolate.reset();
    reset.reset();
    setInvalid(null);
    setReason('');
    onClose();
  };
  const confirm = () => {
    if (!action) return;
    if (reason.trim().length < 3) return setInvalid('Say why, in a few words: it goes into the audit log.');
    setInvalid(null);
    m.mutate({ name: action.name, reason: reason.trim() });
  };
  const isolating = action?.kind === 'isolate';
  return (
    <ConfirmDialog
      open={action !== null}
      title={isolating ? `Isolate ${action?.name ?? ''}?` : `Reset ${action?.name ?? ''}?`}
      confirmLabel={isolating ? 'Isolate' : 'Reset'}
      pendingLabel={isolating ? 'Isolating…' : 'Resetting…'}
      danger={isolating}
      pending={m.isPending}
      error={invalid ?? (m.error ? messageOf(m.error) : null)}
      onCancel={close}
      onConfirm={confirm}
    >
      <p>
        {isolating
          ? 'Every call to this dependency fails at once, and callers fall back, until someone resets the breaker. Use it to take a misbehaving dependency out of service.'
          : 'The breaker starts again closed, with empty counts and windows: calls go to the dependency at once. If it is still failing, the breaker opens again.'}
      </p>
      <Field label="Reason (for the audit log)">
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={500} required placeholder="e.g. model server returning 500s, vendor incident #123" />
      </Field>
    </ConfirmDialog>
  );
}

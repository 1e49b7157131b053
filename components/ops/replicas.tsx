'use client';
// Replicas: every database node with role, health, lag and read-routing weight; the
// lag of each replica over the last hour (with the limit that takes it out of the read
// set); every pool's utilization and breaker; and the controls (mark out / back in,
// resync, switchover), each confirmed with a reason for the audit log; the topology
// epoch and the failover history. Refreshes every 5 s.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTRPC } from '@/components/trpc/client';
import { messageOf } from '@/components/trpc/errors';
import type { RouterOutputs } from '@/components/trpc/types';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field } from '@/components/ui/field';
import { clockIst, StateBadge, tenMinuteTicks } from './breakers';

type Overview = RouterOutputs['ops']['replicas']['overview'];
type Node = Overview['nodes'][number];
type Action = { kind: 'markOut' | 'markIn' | 'resync' | 'switchover'; name: string };

const REFRESH_MS = 5_000;
const HOUR_MS = 60 * 60_000;
const COLOURS = ['#1d4f9e', '#b3541e', '#17603a', '#5e2b8a', '#8e1d17'];

const SYNC_LABEL: Record<Overview['settings']['syncCommit']['state'], string> = {
  sync: 'on (a replica confirms each commit)',
  async: 'off (configured)',
  degraded: 'DEGRADED to asynchronous: no replica connected',
  refusing: 'REFUSING writes: no replica connected',
};
const bytes = (n: number | null) => (n === null ? '—' : n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 ** 2).toFixed(1)} MiB`);
const seconds = (s: number | null) => (s === null ? '—' : `${s.toFixed(s < 10 ? 1 : 0)} s`);
const percent = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)} %`);

export function Replicas() {
  const trpc = useTRPC();
  const q = useQuery({ ...trpc.ops.replicas.overview.queryOptions(), refetchInterval: REFRESH_MS });
  const [action, setAction] = useState<Action | null>(null);
  const [done, setDone] = useState<{ text: string; warn: boolean } | null>(null);

  if (q.isPending) return <p className="muted">Loading replicas…</p>;
  if (q.isError && !q.data) {
    return (
      <div className="alert alert-error" role="alert">
        Could not load the replicas: {messageOf(q.error)}{' '}
        <button type="button" className="btn btn-sm" onClick={() => void q.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  const o = q.data;
  const now = q.dataUpdatedAt;
  const s = o.settings;
  const replicas = o.nodes.filter((n) => !n.isPrimary);
  const inSet = replicas.filter((n) => n.routable).length;
  return (
    <div className="stack">
      <p className="muted small" aria-live="polite" data-testid="replicas-summary">
        {inSet} of {replicas.length} replica{replicas.length === 1 ? '' : 's'} in the read set · health checks every {s.intervalMs / 1000} s
        {s.monitoring ? '' : ' (monitor not running in this process)'} · out above {s.lagOutSeconds} s lag, back below {s.lagBackSeconds} s · read routing{' '}
        {s.routing ? 'on' : 'off (all reads on the primary)'} · topology: {s.topology} (primary {o.failover.primary}, epoch {o.failover.epoch}
        {o.failover.busy ? ', failing over…' : ''}) · updated {clockIst(now)} IST
      </p>
      <p className={s.syncCommit.state === 'degraded' || s.syncCommit.state === 'refusing' ? 'alert alert-error' : 'muted small'} data-testid="sync-commit">
        Synchronous commit: <strong>{SYNC_LABEL[s.syncCommit.state]}</strong> · with no replica connected it {s.syncCommit.mode === 'degrade' ? 'degrades to asynchronous, with an alert' : 'refuses writes at once (strict)'}
        {s.syncCommit.since !== null && ` · since ${clockIst(s.syncCommit.since)} IST`}
      </p>
      {done && (
        <p className={`alert ${done.warn ? 'alert-error' : 'alert-ok'}`} role="status">
          {done.text}
        </p>
      )}
      {o.resync && (
        <p className={`alert ${o.resync.error ? 'alert-error' : 'alert-ok'}`} role="status" data-testid="resync-status">
          Resync of {o.resync.name} started {clockIst(o.resync.startedAt)} IST:{' '}
          {o.resync.finishedAt === null ? 'cloning from the primary…' : o.resync.error ? `failed: ${o.resync.error}` : `done at ${clockIst(o.resync.finishedAt)} IST.`}
        </p>
      )}
      <section className="card">
        <h2>Nodes</h2>
        <NodeTable nodes={o.nodes} canResync={s.canResync} canSwitchover={s.canSwitchover} onAction={setAction} />
      </section>
      <section className="card">
        <h2>Failovers and switchovers</h2>
        <FailoverHistory overview={o} />
      </section>
      <section className="card">
        <h2>Replication lag, last hour</h2>
        <LagChart overview={o} now={now} />
      </section>
      <section className="card">
        <h2>Connection pools</h2>
        <PoolTable pools={o.pools} />
      </section>
      <ActionDialog action={action} onClose={() => setAction(null)} onDone={setDone} />
    </div>
  );
}

function FailoverHistory({ overview }: { overview: Overview }) {
  const { history, rejoining } = overview.failover;
  const secs = (a: number | null, b: number | null) => (a === null || b === null ? '—' : `${((b - a) / 1000).toFixed(1)} s`);
  return (
    <>
      {rejoining && (
        <p className={rejoining.error ? 'alert alert-error' : 'muted small'} data-testid="rejoin-status">
          {rejoining.name} rejoining as a replica (pg_rewind, else a base backup) since {clockIst(rejoining.startedAt)} IST:{' '}
          {rejoining.finishedAt === null ? 'running…' : rejoining.error ? `failed: ${rejoining.error}` : `done at ${clockIst(rejoining.finishedAt)} IST.`}
        </p>
      )}
      {history.length === 0 ? (
        <p className="muted small">None recorded.</p>
      ) : (
        <table className="table" data-testid="failover-history">
          <thead>
            <tr>
              <th>When (IST)</th>
              <th>Kind</th>
              <th className="num">Epoch</th>
              <th>From → to</th>
              <th className="num">Detection</th>
              <th className="num">Promotion</th>
              <th className="num">Writes back after</th>
              <th>Outcome</th>
            </tr>
          </thead>
          <tbody>
            {history.map((e) => (
              <tr key={`${e.epoch}-${e.finishedAt}`}>
                <td>{clockIst(e.finishedAt)}</td>
                <td>{e.kind}</td>
                <td className="num">{e.epoch}</td>
                <td>
                  {e.from} → {e.to ?? '—'}
                </td>
                <td className="num">{secs(e.startedAt, e.detectedAt)}</td>
                <td className="num">{secs(e.detectedAt ?? e.startedAt, e.promotedAt)}</td>
                <td className="num">{secs(e.startedAt, e.finishedAt)}</td>
                <td>{e.ok ? 'promoted' : <span title={e.reason}>not promoted: {e.reason}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function NodeTable({ nodes, canResync, canSwitchover, onAction }: { nodes: Node[]; canResync: boolean; canSwitchover: boolean; onAction: (a: Action) => void }) {
  return (
    <div style={{ overflowX: 'auto' }}>
      <table className="table" data-testid="replica-nodes">
        <thead>
          <tr>
            <th>Node</th>
            <th>Role</th>
            <th>Health</th>
            <th className="num">Lag</th>
            <th className="num">Behind primary</th>
            <th className="num">Unreplayed</th>
            <th className="num">CPU</th>
            <th>Read set</th>
            <th className="num">Weight</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {nodes.map((n) => (
            <tr key={n.name} data-node={n.name}>
              <td>
                <strong>{n.name}</strong>
                <br />
                <span className="muted small">{n.address}</span>
              </td>
              <td>{n.role}{n.replayPaused && <span className="badge" style={{ marginLeft: 4 }}>replay paused</span>}</td>
              <td>
                <span className="badge" style={n.up ? { background: '#dcefe3', color: '#17603a' } : { background: '#fbdcd9', color: '#8e1d17' }} title={n.error}>
                  {n.up ? 'up' : 'down'}
                </span>{' '}
                <span className="muted small">{n.latencyMs} ms</span>
              </td>
              <td className="num">{n.role === 'replica' ? seconds(n.lagSeconds) : '—'}</td>
              <td className="num">{bytes(n.lagBytesPrimary)}</td>
              <td className="num">{bytes(n.lagBytesReplica)}</td>
              <td className="num">{percent(n.cpu)}</td>
              <td data-testid="read-set">{n.isPrimary ? <span className="muted small">fallback</span> : n.markedOut ? 'marked out' : n.routable ? 'in' : 'out'}</td>
              <td className="num">{n.weight ?? '—'}</td>
              <td>
                {!n.isPrimary && (
                  <div className="actions">
                    {canSwitchover && n.up && n.role === 'replica' && (
                      <button type="button" className="btn btn-sm btn-danger-outline" onClick={() => onAction({ kind: 'switchover', name: n.name })} aria-label={`Switch over to ${n.name}`}>
                        Make primary
                      </button>
                    )}
                    {n.markedOut ? (
                      <button type="button" className="btn btn-sm" onClick={() => onAction({ kind: 'markIn', name: n.name })} aria-label={`Mark ${n.name} back in`}>
                        Mark in
                      </button>
                    ) : (
                      <button type="button" className="btn btn-sm btn-danger-outline" onClick={() => onAction({ kind: 'markOut', name: n.name })} aria-label={`Mark ${n.name} out`}>
                        Mark out
                      </button>
                    )}
                    {canResync && (
                      <button type="button" className="btn btn-sm" onClick={() => onAction({ kind: 'resync', name: n.name })} aria-label={`Resync ${n.name}`}>
                        Resync
                      </button>
                    )}
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function LagChart({ overview, now }: { overview: Overview; now: number }) {
  const names = overview.nodes.filter((n) => !n.isPrimary).map((n) => n.name);
  const data = overview.series;
  const peak = Math.max(overview.settings.lagOutSeconds * 1.5, ...data.flatMap((p) => names.map((n) => Number(p[n] ?? 0))));
  return (
    <div style={{ width: '100%', height: 240 }} data-testid="lag-chart" role="figure" aria-label={`Replication lag of ${names.join(', ')} over the last hour`}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 6, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#dce1e8" />
          <XAxis dataKey="t" type="number" scale="time" domain={[now - HOUR_MS, now]} ticks={tenMinuteTicks(now - HOUR_MS, now)} tickFormatter={(t: number) => clockIst(t, false)} tick={{ fontSize: 11 }} />
          <YAxis domain={[0, Math.ceil(peak)]} tick={{ fontSize: 11 }} width={40} unit=" s" />
          <ReferenceLine y={overview.settings.lagOutSeconds} stroke="#8e1d17" strokeDasharray="4 4" label={{ value: 'leaves read set', fontSize: 11, fill: '#8e1d17', position: 'insideTopRight' }} />
          <Tooltip labelFormatter={(t) => `${clockIst(Number(t))} IST`} formatter={(v, name) => [v === null || v === undefined ? '—' : `${Number(v).toFixed(1)} s`, String(name)]} />
          <Legend />
          {names.map((n, i) => (
            <Line key={n} type="monotone" dataKey={n} stroke={COLOURS[i % COLOURS.length]} strokeWidth={2} dot={false} connectNulls={false} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

function PoolTable({ pools }: { pools: Overview['pools'] }) {
  return (
    <table className="table" data-testid="replica-pools">
      <thead>
        <tr>
          <th>Pool</th>
          <th>Node</th>
          <th className="num">In use / max</th>
          <th className="num">Idle</th>
          <th className="num">Waiting</th>
          <th>Utilization</th>
          <th className="num">Latency (EWMA)</th>
          <th>Breaker</th>
        </tr>
      </thead>
      <tbody>
        {pools.map((p) => (
          <tr key={p.name} data-pool={p.name}>
            <td>
              <code>{p.name}</code>
            </td>
            <td>{p.node}</td>
            <td className="num">
              {p.total - p.idle} / {p.max}
            </td>
            <td className="num">{p.idle}</td>
            <td className="num">{p.waiting}</td>
            <td>
              <div title={percent(p.utilization)} style={{ background: '#eef0f3', borderRadius: 4, height: 10, width: 120 }}>
                <div style={{ width: `${Math.round(p.utilization * 100)}%`, height: 10, borderRadius: 4, background: p.utilization > 0.8 ? '#8e1d17' : '#1d4f9e' }} />
              </div>
            </td>
            <td className="num">{p.ewmaMs === null ? '—' : `${p.ewmaMs.toFixed(1)} ms`}</td>
            <td>
              <StateBadge state={p.breaker} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const COPY: Record<Action['kind'], { title: string; confirm: string; pending: string; danger: boolean; about: string; done: string }> = {
  markOut: {
    title: 'Take {name} out of the read set?',
    confirm: 'Mark out',
    pending: 'Marking out…',
    danger: true,
    about: 'No read is routed to it, on every app instance, until it is marked back in. It keeps replicating.',
    done: '{name} is out of the read set.',
  },
  markIn: {
    title: 'Put {name} back into the read set?',
    confirm: 'Mark in',
    pending: 'Marking in…',
    danger: false,
    about: 'Reads go to it again once it is healthy and its lag is under the return limit.',
    done: '{name} is marked in; it takes reads once healthy and caught up.',
  },
  resync: {
    title: 'Resync {name} from the primary?',
    confirm: 'Resync',
    pending: 'Starting…',
    danger: true,
    about: 'The replica is stopped, its copy discarded and cloned afresh from the primary (a base backup); reads avoid it meanwhile. Takes a while on a large database.',
    done: 'Resync of {name} started.',
  },
  switchover: {
    title: 'Make {name} the primary?',
    confirm: 'Switch over',
    pending: 'Switching over…',
    danger: true,
    about: 'The primary is shut down cleanly, {name} is promoted once it has all of its WAL, every app instance moves its writes there (a new epoch), and the old primary is rewound back as a replica. Writes pause for a few seconds.',
    done: '{name} is the primary now.',
  },
};

function ActionDialog({ action, onClose, onDone }: { action: Action | null; onClose: () => void; onDone: (d: { text: string; warn: boolean }) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const finish = async (res: { audited: boolean }) => {
    if (!action) return;
    const text = COPY[action.kind].done.replace('{name}', action.name);
    onDone({ text: res.audited ? text : `${text} The audit row could not be written; the action is in the server log.`, warn: !res.audited });
    setReason('');
    await queryClient.invalidateQueries({ queryKey: trpc.ops.replicas.overview.queryKey() });
    onClose();
  };
  const markOut = useMutation(trpc.ops.replicas.markOut.mutationOptions({ onSuccess: finish }));
  const markIn = useMutation(trpc.ops.replicas.markIn.mutationOptions({ onSuccess: finish }));
  const resync = useMutation(trpc.ops.replicas.resync.mutationOptions({ onSuccess: finish }));
  const switchover = useMutation(trpc.ops.replicas.switchover.mutationOptions({ onSuccess: finish }));
  const m = action?.kind === 'markIn' ? markIn : action?.kind === 'resync' ? resync : action?.kind === 'switchover' ? switchover : markOut;
  const copy = COPY[action?.kind ?? 'markOut'];
  const close = () => {
    for (const x of [markOut, markIn, resync, switchover]) x.reset();
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
  return (
    <ConfirmDialog
      open={action !== null}
      title={copy.title.replace('{name}', action?.name ?? '')}
      confirmLabel={copy.confirm}
      pendingLabel={copy.pending}
      danger={copy.danger}
      pending={m.isPending}
      error={invalid ?? (m.error ? messageOf(m.error) : null)}
      onCancel={close}
      onConfirm={confirm}
    >
      <p>{copy.about.replace('{name}', action?.name ?? '')}</p>
      <Field label="Reason (for the audit log)">
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={500} required placeholder="e.g. disk maintenance on the replica host" />
      </Field>
    </ConfirmDialog>
  );
}

'use client';
// Queues: every queue's jobs per state, jobs completed and failed per minute over the
// last hour (BullMQ's metrics, from every worker), and the queue controls (pause,
// resume, clean completed; each confirmed and audit-logged). Below: failed jobs with
// their error and stack, a job in full, the notification outbox, and the FIR counts the
// rollup job keeps. Refreshes every 5 s.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTRPC } from '@/components/trpc/client';
import { messageOf } from '@/components/trpc/errors';
import type { RouterOutputs } from '@/components/trpc/types';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { clockIst, tenMinuteTicks } from './breakers';
import { FailedJobs, Outbox, REFRESH_MS } from './queue-jobs';
import { FirRollup } from './fir-rollup';

type Queue = RouterOutputs['ops']['queues']['overview'][number];
type QueueAction = 'pause' | 'resume' | 'clean-completed';

const STATES: { key: keyof Queue['counts']; label: string }[] = [
  { key: 'waiting', label: 'Waiting' },
  { key: 'prioritized', label: 'Prioritized' },
  { key: 'active', label: 'Running' },
  { key: 'delayed', label: 'Delayed (retry)' },
  { key: 'failed', label: 'Failed' },
  { key: 'completed', label: 'Completed (kept)' },
];
const ABOUT: Record<string, string> = {
  documents: 'FIR PDF copies',
  notifications: 'Emails to complainants (or the outbox)',
  analytics: 'Daily rollups for the statistics',
  maintenance: 'Archiving, statement snapshots, expiring stats',
  system: 'No-op and probe jobs (benchmarks, checks)',
};
const num = (n: number) => n.toLocaleString('en-IN');
const ACTION_TEXT: Record<QueueAction, { title: string; label: string; body: string; danger?: boolean }> = {
  pause: { title: 'Pause', label: 'Pause queue', body: 'Workers finish the jobs they are running and take no new ones from this queue until it is resumed. New jobs still queue up.', danger: true },
  resume: { title: 'Resume', label: 'Resume queue', body: 'Workers take this queue’s jobs again, highest priority first.' },
  'clean-completed': { title: 'Clean completed jobs of', label: 'Clean completed', body: 'Completed jobs are removed from Redis (their status rows in background_task stay). Throughput history is kept.', danger: true },
};

export function Queues() {
  const trpc = useTRPC();
  const overview = useQuery({ ...trpc.ops.queues.overview.queryOptions(), refetchInterval: REFRESH_MS });
  const [selected, setSelected] = useState<string | null>(null);
  if (overview.isPending) return <p className="muted">Loading queues…</p>;
  if (overview.isError && !overview.data) {
    return (
      <div className="alert alert-error" role="alert">
        Could not load the queues: {messageOf(overview.error)}{' '}
        <button type="button" className="btn btn-sm" onClick={() => void overview.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  return (
    <div className="stack">
      <p className="muted small" aria-live="polite">
        Updated {clockIst(overview.dataUpdatedAt)} IST, every 5 s
      </p>
      {overview.isError && (
        <p className="alert alert-error" role="alert">
          Refreshing failed ({messageOf(overview.error)}); showing the figures as of {clockIst(overview.dataUpdatedAt)} IST.
        </p>
      )}
      <QueueTable queues={overview.data} />
      <Throughput queues={overview.data} />
      <FailedJobs selected={selected} onSelect={setSelected} />
      <Outbox />
      <FirRollup />
    </div>
  );
}

function QueueTable({ queues }: { queues: Queue[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<{ queue: string; action: QueueAction } | null>(null);
  const [done, setDone] = useState<{ text: string; warn: boolean } | null>(null);
  const control = useMutation(
    trpc.ops.queues.controlQueue.mutationOptions({
      onSuccess: async (res, input) => {
        const what = input.action === 'clean-completed' ? `${num(res.removed ?? 0)} completed jobs removed from ${input.queue}.` : `Queue ${input.queue} ${input.action === 'pause' ? 'paused' : 'resumed'}.`;
        setDone({ text: res.audited ? what : `${what} The audit row could not be written; the change is in the server log.`, warn: !res.audited });
        setPending(null);
        await queryClient.invalidateQueries({ queryKey: trpc.ops.queues.pathKey() });
      },
    }),
  );
  const open = (queue: string, action: QueueAction) => {
    control.reset();
    setDone(null);
    setPending({ queue, action });
  };
  return (
    <section className="card" aria-labelledby="queues-h">
      <h2 id="queues-h">Queues</h2>
      {done && (
        <p className={`alert ${done.warn ? 'alert-error' : 'alert-ok'}`} role="status">
          {done.text}
        </p>
      )}
      <table className="table table-compact" data-testid="queues-table">
        <thead>
          <tr>
            <th scope="col">Queue</th>
            {STATES.map((s) => (
              <th key={s.key} scope="col" className="num">
                {s.label}
              </th>
            ))}
            <th scope="col">
              <span className="sr-only">Controls</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {queues.map((q) => (
            <tr key={q.name} data-queue={q.name}>
              <th scope="row">
                <code>{q.name}</code> {q.paused && <span className="badge" style={{ background: '#fde7e5', color: '#8e1d17' }}>paused</span>}
                <div className="muted small" style={{ fontWeight: 400 }}>
                  {ABOUT[q.name]}
                </div>
              </th>
              {STATES.map((s) => (
                <td key={s.key} className="num" data-state={s.key} style={s.key === 'failed' && q.counts.failed > 0 ? { color: '#b3261e', fontWeight: 600 } : undefined}>
                  {num(q.counts[s.key])}
                </td>
              ))}
              <td className="nowrap">
                <div className="actions">
                  {q.paused ? (
                    <button type="button" className="btn btn-sm btn-primary" onClick={() => open(q.name, 'resume')} aria-label={`Resume ${q.name}`}>
                      Resume
                    </button>
                  ) : (
                    <button type="button" className="btn btn-sm" onClick={() => open(q.name, 'pause')} aria-label={`Pause ${q.name}`}>
                      Pause
                    </button>
                  )}
                  <button type="button" className="btn btn-sm btn-ghost" disabled={q.counts.completed === 0} onClick={() => open(q.name, 'clean-completed')} aria-label={`Clean completed jobs of ${q.name}`}>
                    Clean
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ConfirmDialog
        open={pending !== null}
        title={pending ? `${ACTION_TEXT[pending.action].title} ${pending.queue}?` : ''}
        confirmLabel={pending ? ACTION_TEXT[pending.action].label : ''}
        pendingLabel="Working…"
        danger={pending ? ACTION_TEXT[pending.action].danger : false}
        pending={control.isPending}
        error={control.error ? messageOf(control.error) : null}
        onCancel={() => {
          control.reset();
          setPending(null);
        }}
        onConfirm={() => pending && control.mutate({ queue: pending.queue as Queue['name'], action: pending.action })}
      >
        <p>{pending && ACTION_TEXT[pending.action].body} The action is recorded in the audit log.</p>
      </ConfirmDialog>
    </section>
  );
}

function Throughput({ queues }: { queues: Queue[] }) {
  const points = queues[0]?.series.map((p, i) => {
    const completed = queues.reduce((a, q) => a + (q.series[i]?.completed ?? 0), 0);
    const failed = queues.reduce((a, q) => a + (q.series[i]?.failed ?? 0), 0);
    return { t: p.t, completed, failed, rate: completed + failed > 0 ? (failed / (completed + failed)) * 100 : null };
  }) ?? [];
  const completed = points.reduce((a, p) => a + p.completed, 0);
  const failed = points.reduce((a, p) => a + p.failed, 0);
  const first = points[0]?.t ?? 0;
  const last = points.at(-1)?.t ?? 0;
  return (
    <section className="card" aria-labelledby="throughput-h">
      <h2 id="throughput-h">Throughput and failures over the last hour</h2>
      <p className="small">
        <strong>{num(completed)}</strong> completed · <strong style={{ color: failed ? '#b3261e' : undefined }}>{num(failed)}</strong> failed
        {completed + failed > 0 && ` (${((failed / (completed + failed)) * 100).toFixed(1)} % failure rate)`} <span className="muted">— jobs per minute, all queues; a job counts as failed once its retries are spent</span>
      </p>
      <div style={{ width: '100%', height: 240, position: 'relative' }} data-testid="throughput-chart" role="figure" aria-label={`Jobs per minute over the last hour: ${completed} completed, ${failed} failed`}>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={points} margin={{ top: 6, right: 8, bottom: 0, left: 0 }} barCategoryGap={1}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#dce1e8" />
            <XAxis dataKey="t" ticks={tenMinuteTicks(first, last)} interval={0} tickFormatter={(t: number) => clockIst(t, false)} tick={{ fontSize: 11 }} />
            <YAxis yAxisId="jobs" allowDecimals={false} tick={{ fontSize: 11 }} width={48} />
            <YAxis yAxisId="rate" orientation="right" domain={[0, 100]} tickFormatter={(v: number) => `${v} %`} tick={{ fontSize: 11 }} width={44} />
            <Tooltip
              labelFormatter={(_, payload) => {
                const p = payload?.[0]?.payload as { t: number } | undefined;
                return p ? `${clockIst(p.t, false)}–${clockIst(p.t + 60_000, false)} IST` : '';
              }}
              formatter={(v, name) => (name === 'Failure rate' ? [`${Number(v).toFixed(1)} %`, name] : [v, name])}
            />
            <Legend verticalAlign="top" height={24} iconType="square" wrapperStyle={{ fontSize: 12 }} />
            <Bar yAxisId="jobs" dataKey="completed" name="Completed" stackId="jobs" fill="#1f5fbf" isAnimationActive={false} />
            <Bar yAxisId="jobs" dataKey="failed" name="Failed" stackId="jobs" fill="#b3261e" isAnimationActive={false} />
            <Line yAxisId="rate" dataKey="rate" name="Failure rate" stroke="#e08a00" dot={false} connectNulls={false} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
        {completed + failed === 0 && (
          <p className="muted" style={{ position: 'absolute', inset: '40% 0 auto', textAlign: 'center', pointerEvents: 'none' }}>
            No jobs finished in the last hour.
          </p>
        )}
      </div>
    </section>
  );
}


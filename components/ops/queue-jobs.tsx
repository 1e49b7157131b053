'use client';
// The Queues console's job lists: jobs by state (failed first) with their error, a
// job in full (payload, attempts, stack, its task row) with retry / remove / promote
// (confirmed, audit-logged), and the notification outbox.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/components/trpc/client';
import { messageOf } from '@/components/trpc/errors';
import type { RouterInputs, RouterOutputs } from '@/components/trpc/types';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { clockIst } from './breakers';

export const REFRESH_MS = 5_000;

type Job = RouterOutputs['ops']['queues']['jobs'][number];
type JobState = NonNullable<RouterInputs['ops']['queues']['jobs']['state']>;
type JobAction = 'retry' | 'remove' | 'promote';
const STATES: { key: JobState; label: string }[] = [
  { key: 'failed', label: 'Failed' },
  { key: 'active', label: 'Running' },
  { key: 'delayed', label: 'Delayed' },
  { key: 'prioritized', label: 'Prioritized' },
  { key: 'waiting', label: 'Waiting' },
  { key: 'completed', label: 'Completed' },
];
const when = (ms: number | null) => (ms ? `${new Date(ms).toLocaleDateString('en-IN', { timeZone: 'Asia/Kolkata', day: 'numeric', month: 'short' })} ${clockIst(ms)}` : '—');
const jobKey = (j: { queue: string; id: string }) => `${j.queue}/${j.id}`;

export function FailedJobs({ selected, onSelect }: { selected: string | null; onSelect: (key: string | null) => void }) {
  const trpc = useTRPC();
  const [state, setState] = useState<JobState>('failed');
  const jobs = useQuery({ ...trpc.ops.queues.jobs.queryOptions({ state }), refetchInterval: REFRESH_MS });
  return (
    <section className="card" aria-labelledby="jobs-h">
      <div className="page-head" style={{ marginBottom: '0.4rem' }}>
        <h2 id="jobs-h">Jobs</h2>
        <div className="actions" role="group" aria-label="Job state">
          {STATES.map((s) => (
            <button key={s.key} type="button" className={`btn btn-sm${s.key === state ? ' btn-primary' : ''}`} aria-pressed={s.key === state} onClick={() => setState(s.key)}>
              {s.label}
            </button>
          ))}
        </div>
      </div>
      {jobs.isPending ? (
        <p className="muted">Loading jobs…</p>
      ) : jobs.isError && !jobs.data ? (
        <p className="field-error">Could not load the jobs: {messageOf(jobs.error)}</p>
      ) : jobs.data.length === 0 ? (
        <p className="muted" data-testid="jobs-empty">
          No {STATES.find((s) => s.key === state)?.label.toLowerCase()} jobs.
        </p>
      ) : (
        <table className="table table-compact" data-testid="jobs-table">
          <thead>
            <tr>
              <th scope="col">Job</th>
              <th scope="col">Queue</th>
              <th scope="col" className="num">Attempts</th>
              <th scope="col">{state === 'failed' ? 'Error' : 'Payload'}</th>
              <th scope="col">When</th>
              <th scope="col">
                <span className="sr-only">Details</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {jobs.data.map((j) => (
              <tr key={jobKey(j)} data-job={j.id}>
                <td>
                  <code>{j.name}</code>
                  <div className="muted small">
                    <code>{j.id}</code>
                  </div>
                </td>
                <td>
                  <code>{j.queue}</code>
                </td>
                <td className="num">
                  {j.attemptsMade} / {j.attempts}
                </td>
                <td style={{ maxWidth: '28rem', overflowWrap: 'anywhere' }}>{state === 'failed' ? <span style={{ color: '#b3261e' }}>{j.failedReason}</span> : <code className="small">{JSON.stringify(j.data)}</code>}</td>
                <td className="nowrap">{when(j.finishedAt ?? j.processedAt ?? j.createdAt)}</td>
                <td>
                  <button type="button" className="btn btn-sm btn-ghost" onClick={() => onSelect(selected === jobKey(j) ? null : jobKey(j))} aria-expanded={selected === jobKey(j)} aria-label={`Details of job ${j.id}`}>
                    {selected === jobKey(j) ? 'Hide' : 'Details'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {selected && <JobDetail jobRef={selected} onGone={() => onSelect(null)} />}
    </section>
  );
}

function JobDetail({ jobRef, onGone }: { jobRef: string; onGone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [queue, ...rest] = jobRef.split('/');
  const input = { queue: queue as Job['queue'], jobId: rest.join('/') };
  const job = useQuery({ ...trpc.ops.queues.job.queryOptions(input), refetchInterval: REFRESH_MS });
  const [pending, setPending] = useState<JobAction | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const control = useMutation(
    trpc.ops.queues.controlJob.mutationOptions({
      onSuccess: async (res, v) => {
        setPending(null);
        setDone(`${v.action === 'retry' ? 'Retried' : v.action === 'remove' ? 'Removed' : 'Promoted'}${res.audited ? '' : ' (the audit row could not be written; see the server log)'}.`);
        await queryClient.invalidateQueries({ queryKey: trpc.ops.queues.pathKey() });
        if (v.action === 'remove') onGone();
      },
    }),
  );
  if (job.isPending) return <p className="muted">Loading the job…</p>;
  if (job.isError) return <p className="field-error">Could not load the job: {messageOf(job.error)}</p>;
  const j = job.data;
  return (
    <div className="card" style={{ marginTop: '0.75rem', background: '#fbfcfd' }} data-testid="job-detail">
      <div className="page-head" style={{ marginBottom: '0.4rem' }}>
        <h3 style={{ margin: 0 }}>
          <code>{j.name}</code> <span className="badge">{j.state}</span>
        </h3>
        <div className="actions">
          <button type="button" className="btn btn-sm btn-primary" disabled={j.state !== 'failed'} onClick={() => setPending('retry')}>
            Retry
          </button>
          <button type="button" className="btn btn-sm" disabled={j.state !== 'delayed'} onClick={() => setPending('promote')}>
            Run now
          </button>
          <button type="button" className="btn btn-sm btn-danger-outline" disabled={j.state === 'active'} onClick={() => setPending('remove')}>
            Remove
          </button>
        </div>
      </div>
      {done && (
        <p className="alert alert-ok" role="status">
          {done}
        </p>
      )}
      <dl className="kv kv-grid">
        <div>
          <dt>Job id</dt>
          <dd>
            <code>{j.id}</code>
          </dd>
        </div>
        <div>
          <dt>Attempts</dt>
          <dd>
            {j.attemptsMade} of {j.attempts}
          </dd>
        </div>
        <div>
          <dt>Priority</dt>
          <dd>{j.priority} (1 runs first)</dd>
        </div>
        <div>
          <dt>Created · started · finished</dt>
          <dd className="small">
            {when(j.createdAt)} · {when(j.processedAt)} · {when(j.finishedAt)}
          </dd>
        </div>
        <div>
          <dt>Task status</dt>
          <dd>{j.task ? `${j.task.status}, ${j.task.retryCount} retries` : '—'}</dd>
        </div>
        <div>
          <dt>Correlation id</dt>
          <dd>
            <code className="small">{j.task?.correlationId ?? '—'}</code>
          </dd>
        </div>
      </dl>
      <h4 className="subhead">Payload</h4>
      <pre className="small" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="job-payload">
        {JSON.stringify(j.data, null, 2)}
      </pre>
      {j.returnValue !== null && (
        <>
          <h4 className="subhead">Result</h4>
          <pre className="small" style={{ whiteSpace: 'pre-wrap' }}>{JSON.stringify(j.returnValue, null, 2)}</pre>
        </>
      )}
      {j.failedReason && (
        <>
          <h4 className="subhead">Error</h4>
          <p style={{ color: '#b3261e' }} data-testid="job-error">
            {j.failedReason}
          </p>
          {j.stacktrace.length > 0 && (
            <details>
              <summary className="small">Stack traces of the failed attempts ({j.stacktrace.length})</summary>
              {j.stacktrace.map((s, i) => (
                <pre key={i} className="small" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="job-stack">
                  {s}
                </pre>
              ))}
            </details>
          )}
        </>
      )}
      <ConfirmDialog
        open={pending !== null}
        title={pending === 'retry' ? 'Retry this job?' : pending === 'remove' ? 'Remove this job?' : 'Run this job now?'}
        confirmLabel={pending === 'retry' ? 'Retry job' : pending === 'remove' ? 'Remove job' : 'Run now'}
        danger={pending === 'remove'}
        pending={control.isPending}
        error={control.error ? messageOf(control.error) : null}
        onCancel={() => {
          control.reset();
          setPending(null);
        }}
        onConfirm={() => pending && control.mutate({ ...input, action: pending })}
      >
        <p>
          <code>{j.name}</code> <code className="small">{j.id}</code>:{' '}
          {pending === 'retry'
            ? 'it goes back to the queue with its attempts reset.'
            : pending === 'remove'
              ? 'it is deleted from the queue; a pending task is marked cancelled.'
              : 'it skips the rest of its delay.'}{' '}
          The action is recorded in the audit log.
        </p>
      </ConfirmDialog>
    </div>
  );
}

export function Outbox() {
  const trpc = useTRPC();
  const outbox = useQuery({ ...trpc.ops.queues.outbox.queryOptions(), refetchInterval: REFRESH_MS });
  return (
    <section className="card" aria-labelledby="outbox-h">
      <h2 id="outbox-h">Notifications</h2>
      <p className="muted small">
        Emails to complainants on registration and status changes. Without SMTP_URL they are kept here (<em>outbox</em>); <em>no address</em> means the complainant gave no email.
      </p>
      {outbox.isPending ? (
        <p className="muted">Loading notifications…</p>
      ) : outbox.isError ? (
        <p className="field-error">Could not load the notifications: {messageOf(outbox.error)}</p>
      ) : outbox.data.length === 0 ? (
        <p className="muted">No notifications yet.</p>
      ) : (
        <table className="table table-compact" data-testid="outbox-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">To</th>
              <th scope="col">Subject</th>
              <th scope="col">Delivery</th>
            </tr>
          </thead>
          <tbody>
            {outbox.data.map((n) => (
              <tr key={n.id}>
                <td className="nowrap">{when(new Date(n.createdAt).getTime())}</td>
                <td>{n.recipient ?? <span className="muted">—</span>}</td>
                <td>
                  <details>
                    <summary>{n.subject}</summary>
                    <pre className="small" style={{ whiteSpace: 'pre-wrap' }}>{n.body}</pre>
                  </details>
                </td>
                <td>
                  <span className="badge">{n.delivery.replace('_', ' ')}</span>
                  {n.error && <div className="small field-error">{n.error}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

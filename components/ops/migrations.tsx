'use client';
// Migrations: every migration on disk or online (the index advisor's) with its state,
// a dry run showing the SQL that would run, apply (a pending one) and roll back (the
// newest applied) — each confirmed with a reason for the audit log.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/components/trpc/client';
import { messageOf } from '@/components/trpc/errors';
import type { RouterOutputs } from '@/components/trpc/types';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field } from '@/components/ui/field';
import { formatDateTimeIst } from '@/components/ui/format';

type Row = RouterOutputs['ops']['migrations']['list']['rows'][number];
type Action = { kind: 'migrate' | 'rollback'; name: string };

const STATE_STYLE: Record<Row['state'], { bg: string; fg: string }> = {
  applied: { bg: '#dcefe3', fg: '#17603a' },
  pending: { bg: '#fff1cc', fg: '#6b5200' },
  modified: { bg: '#fbdcd9', fg: '#8e1d17' },
  'missing-on-disk': { bg: '#fbdcd9', fg: '#8e1d17' },
};

export function Migrations() {
  const trpc = useTRPC();
  const list = useQuery(trpc.ops.migrations.list.queryOptions());
  const [sqlOf, setSqlOf] = useState<string | null>(null);
  const [action, setAction] = useState<Action | null>(null);
  const [done, setDone] = useState<string | null>(null);

  if (list.isPending) return <p className="muted">Loading migrations…</p>;
  if (list.isError) return <p className="alert alert-error">Could not read the migrations: {messageOf(list.error)}</p>;
  const rows = [...list.data.rows].sort((a, b) => (b.appliedAt ? new Date(b.appliedAt).getTime() : Infinity) - (a.appliedAt ? new Date(a.appliedAt).getTime() : Infinity) || b.name.localeCompare(a.name));
  const pending = rows.filter((r) => r.state === 'pending').length;
  return (
    <div className="stack">
      <p className="muted small">
        {rows.length} migrations · {pending} pending · files in <code>{list.data.dir}</code>, online ones (index advisor) in <code>schema_online_migration</code>. Newest first.
      </p>
      {done && (
        <p className="alert alert-ok" role="status" data-testid="migration-done">
          {done}
        </p>
      )}
      <table className="table" data-testid="migrations">
        <thead>
          <tr>
            <th>Migration</th>
            <th>State</th>
            <th>Source</th>
            <th>Applied</th>
            <th>Took</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.name} data-migration={r.name} data-state={r.state}>
              <td>
                <code>{r.name}</code>
                {r.noTransaction && <div className="muted small">no transaction (CONCURRENTLY)</div>}
              </td>
              <td>
                <span className="badge" style={{ background: STATE_STYLE[r.state].bg, color: STATE_STYLE[r.state].fg }}>
                  {r.state}
                </span>
              </td>
              <td className="small">{r.source === 'file' ? 'file' : `online · ${r.source}`}</td>
              <td className="small nowrap">{r.appliedAt ? formatDateTimeIst(r.appliedAt) : '—'}</td>
              <td className="small">{r.durationMs === null ? '—' : `${r.durationMs} ms`}</td>
              <td className="nowrap">
                <button type="button" className="btn btn-sm" onClick={() => setSqlOf(r.name)} aria-label={`SQL of ${r.name}`}>
                  SQL
                </button>{' '}
                {r.canApply && (
                  <button type="button" className="btn btn-sm btn-primary" onClick={() => setAction({ kind: 'migrate', name: r.name })} aria-label={`Apply ${r.name}`}>
                    Apply
                  </button>
                )}
                {r.canRollBack && (
                  <button type="button" className="btn btn-sm btn-danger-outline" onClick={() => setAction({ kind: 'rollback', name: r.name })} aria-label={`Roll back ${r.name}`}>
                    Roll back
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {sqlOf && <DryRun name={sqlOf} onClose={() => setSqlOf(null)} />}
      <ActionDialog
        action={action}
        onClose={() => setAction(null)}
        onDone={async (text) => {
          setDone(text);
          setAction(null);
          await list.refetch();
        }}
      />
    </div>
  );
}

function DryRun({ name, onClose }: { name: string; onClose: () => void }) {
  const trpc = useTRPC();
  const dry = useQuery(trpc.ops.migrations.dryRun.queryOptions({ name }));
  return (
    <section className="card" aria-labelledby="dry-h" data-testid="dry-run">
      <div className="page-head" style={{ marginBottom: '0.4rem' }}>
        <h2 id="dry-h" style={{ margin: 0 }}>
          Dry run: {name}
        </h2>
        <button type="button" className="btn btn-sm" onClick={onClose}>
          Close
        </button>
      </div>
      {dry.isPending ? (
        <p className="muted">Reading…</p>
      ) : dry.isError ? (
        <p className="alert alert-error">{messageOf(dry.error)}</p>
      ) : (
        <>
          <p className="small muted">
            {dry.data.noTransaction ? 'Runs without a transaction (one statement; its down script cleans up on failure).' : 'Runs in one transaction with its history row.'} Nothing
            below has been run.
          </p>
          {dry.data.problems.length > 0 && (
            <ul className="alert alert-error small">
              {dry.data.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
          <h3 className="subhead">Apply (up): {dry.data.up.length} statement{dry.data.up.length === 1 ? '' : 's'}</h3>
          <pre className="pre small" data-testid="dry-up">
            {dry.data.up.map((s) => `-- line ${s.line}\n${s.text};`).join('\n\n')}
          </pre>
          <h3 className="subhead">Roll back (down): {dry.data.down.length} statement{dry.data.down.length === 1 ? '' : 's'}</h3>
          <pre className="pre small" data-testid="dry-down">
            {dry.data.down.map((s) => `-- line ${s.line}\n${s.text};`).join('\n\n')}
          </pre>
        </>
      )}
    </section>
  );
}

function ActionDialog({ action, onClose, onDone }: { action: Action | null; onClose: () => void; onDone: (text: string) => Promise<void> }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const after = async (text: string) => {
    setReason('');
    await queryClient.invalidateQueries({ queryKey: trpc.ops.indexes.health.queryKey() });
    await onDone(text);
  };
  const migrate = useMutation(
    trpc.ops.migrations.migrate.mutationOptions({ onSuccess: (r) => after(`Applied ${r.applied.map((a) => a.name).join(', ')}.${r.audited ? '' : ' (audit row not written)'}`) }),
  );
  const rollback = useMutation(
    trpc.ops.migrations.rollback.mutationOptions({
      onSuccess: (r) =>
        after(`Rolled back ${r.rolledBack.map((a) => a.name).join(', ')}${r.discarded ? ' and discarded it (an online migration is not kept once undone)' : ''}.${r.audited ? '' : ' (audit row not written)'}`),
    }),
  );
  const m = action?.kind === 'rollback' ? rollback : migrate;
  const close = () => {
    migrate.reset();
    rollback.reset();
    setInvalid(null);
    setReason('');
    onClose();
  };
  const rolling = action?.kind === 'rollback';
  return (
    <ConfirmDialog
      open={action !== null}
      title={rolling ? `Roll back ${action?.name ?? ''}?` : `Apply ${action?.name ?? ''}?`}
      confirmLabel={rolling ? 'Roll back' : 'Apply'}
      pendingLabel={rolling ? 'Rolling back…' : 'Applying…'}
      danger={rolling}
      pending={m.isPending}
      error={invalid ?? (m.error ? messageOf(m.error) : null)}
      onCancel={close}
      onConfirm={() => {
        if (!action) return;
        if (reason.trim().length < 3) return setInvalid('Say why, in a few words: it goes into the audit log.');
        setInvalid(null);
        m.mutate({ name: action.name, reason: reason.trim() });
      }}
    >
      <p>{rolling ? 'Its down script runs now, against the live database. Use the SQL button to read it first.' : 'Its up script runs now, against the live database, through the migration runner.'}</p>
      <Field label="Reason (for the audit log)">
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={500} required />
      </Field>
    </ConfirmDialog>
  );
}

'use client';
// The next legal steps for a FIR, as buttons: Register (drafts), then the status
// transitions of TRANSITIONS. Each asks for confirmation and takes an optional note.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { TRANSITIONS, type TFirStatus } from '@/server/fir/schemas';
import { useTRPC } from '@/components/trpc/client';
import { detailsOf, messageOf } from '@/components/trpc/errors';
import type { FirDetail } from '@/components/trpc/types';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { STATUS_LABEL } from '@/components/ui/status-badge';

type Target = Exclude<TFirStatus, 'draft' | 'registered'>;
const ACTION: Record<Target, { label: string; explain: string; danger?: boolean }> = {
  under_investigation: { label: 'Start investigation', explain: 'The FIR is taken up for investigation.' },
  chargesheeted: { label: 'File chargesheet', explain: 'A chargesheet has been filed in court. This is a final state.' },
  closed: { label: 'Close FIR', explain: 'The case is closed (e.g. final report). This is a final state.', danger: true },
};

export function StatusActions({ fir }: { fir: FirDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<Target | 'register' | null>(null);
  const [note, setNote] = useState('');
  const [done, setDone] = useState<string | null>(null);

  const onDone = async (next: FirDetail, message: string) => {
    queryClient.setQueryData(trpc.fir.byId.queryKey({ id: next.id }), next);
    await queryClient.invalidateQueries({ queryKey: trpc.fir.list.pathKey() });
    setOpen(null);
    setNote('');
    setDone(message);
  };
  const register = useMutation(trpc.fir.register.mutationOptions({ onSuccess: (f) => onDone(f, `Registered as FIR No. ${f.number}.`) }));
  const transition = useMutation(
    trpc.fir.transition.mutationOptions({ onSuccess: (f) => onDone(f, `Status changed to ${STATUS_LABEL[f.status]}.`) }),
  );

  const targets = TRANSITIONS[fir.status].filter((t): t is Target => t !== 'registered' && t !== 'draft');
  const start = (t: Target | 'register') => {
    register.reset();
    transition.reset();
    setDone(null);
    setOpen(t);
  };
  const pending = register.isPending || transition.isPending;
  const missingSections = Array.isArray(detailsOf(register.error).missing);

  return (
    <div className="status-actions">
      <div className="actions">
        {fir.status === 'draft' && (
          <>
            <Link className="btn" href={`/firs/${fir.id}/edit`}>
              Edit draft
            </Link>
            <button type="button" className="btn btn-primary" onClick={() => start('register')}>
              Register FIR
            </button>
          </>
        )}
        {targets.map((t) => (
          <button key={t} type="button" className={ACTION[t].danger ? 'btn btn-danger-outline' : 'btn btn-primary'} onClick={() => start(t)}>
            {ACTION[t].label}
          </button>
        ))}
        {fir.status !== 'draft' && targets.length === 0 && <span className="muted small">{STATUS_LABEL[fir.status]}: no further status changes.</span>}
      </div>
      {done && (
        <p className="alert alert-ok" role="status">
          {done}
        </p>
      )}

      <ConfirmDialog
        open={open === 'register'}
        title="Register this FIR?"
        confirmLabel="Register FIR"
        pendingLabel="Registering…"
        pending={register.isPending}
        error={
          register.error ? (
            <>
              {messageOf(register.error)}
              {missingSections && (
                <>
                  {' '}
                  <Link href={`/firs/${fir.id}/edit`}>Edit the draft</Link>
                </>
              )}
            </>
          ) : null
        }
        onCancel={() => setOpen(null)}
        onConfirm={() => register.mutate({ id: fir.id })}
      >
        <p>The FIR gets the next number of {fir.station.name} for this year. After that its contents cannot be edited.</p>
      </ConfirmDialog>

      {targets.map((t) => (
        <ConfirmDialog
          key={t}
          open={open === t}
          title={`${ACTION[t].label}?`}
          confirmLabel={ACTION[t].label}
          pendingLabel="Saving…"
          danger={ACTION[t].danger}
          pending={pending}
          error={transition.error ? messageOf(transition.error) : null}
          onCancel={() => setOpen(null)}
          onConfirm={() => transition.mutate({ id: fir.id, to: t, note: note.trim() || null })}
        >
          <p>
            {STATUS_LABEL[fir.status]} → <strong>{STATUS_LABEL[t]}</strong>. {ACTION[t].explain}
          </p>
          <label htmlFor={`note-${t}`}>Note (optional)</label>
          <textarea id={`note-${t}`} rows={3} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} placeholder="Why, reference numbers, court details…" />
        </ConfirmDialog>
      ))}
    </div>
  );
}

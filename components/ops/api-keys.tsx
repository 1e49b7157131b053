'use client';
// API keys for external systems: the list, a form to create one (its plaintext is
// shown once, right after creation), and revoking with confirmation.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/trpc/client';
import { fieldErrorsOf, messageOf } from '@/components/trpc/errors';
import type { ApiKeySummary, Station } from '@/components/trpc/types';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { CopyButton } from '@/components/ui/copy-button';
import { ErrorText, Field } from '@/components/ui/field';
import { formatDateTimeIst } from '@/components/ui/format';

export function ApiKeys() {
  const trpc = useTRPC();
  const keys = useQuery(trpc.admin.apiKeys.list.queryOptions());
  const stations = useQuery({ ...trpc.admin.stations.queryOptions(), staleTime: 10 * 60_000 });
  const [revoking, setRevoking] = useState<ApiKeySummary | null>(null);
  const stationLabel = (id: number | null) => {
    if (id === null) return 'All stations';
    const s = stations.data?.find((x) => x.id === id);
    return s ? `${s.name} (${s.code})` : `Station #${id}`;
  };

  return (
    <div className="ops-keys">
      <CreateKey stations={stations.data ?? []} />
      <section className="card" aria-labelledby="keys-h">
        <h2 id="keys-h">Keys</h2>
        {keys.isPending ? (
          <p className="muted">Loading keys…</p>
        ) : keys.isError ? (
          <div className="alert alert-error" role="alert">
            Could not load the keys: {messageOf(keys.error)}{' '}
            <button type="button" className="btn btn-sm" onClick={() => void keys.refetch()}>
              Try again
            </button>
          </div>
        ) : keys.data.length === 0 ? (
          <p className="muted">No API keys yet. Create one above for each external system that files or reads FIRs.</p>
        ) : (
          <table className="table" data-testid="api-keys">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Prefix</th>
                <th scope="col">Station</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.data.map((k) => (
                <tr key={k.id} className={k.revokedAt ? 'row-muted' : undefined}>
                  <td>{k.name}</td>
                  <td>
                    <code>afk_{k.prefix}_…</code>
                  </td>
                  <td>{stationLabel(k.stationId)}</td>
                  <td className="nowrap">{formatDateTimeIst(k.createdAt)}</td>
                  <td className="nowrap">{k.lastUsedAt ? formatDateTimeIst(k.lastUsedAt) : <span className="muted">Never</span>}</td>
                  <td className="nowrap">
                    {k.revokedAt ? <span className="badge badge-closed">Revoked {formatDateTimeIst(k.revokedAt)}</span> : <span className="badge badge-registered">Active</span>}
                  </td>
                  <td>
                    {!k.revokedAt && (
                      <button type="button" className="btn btn-sm btn-danger-outline" onClick={() => setRevoking(k)} aria-label={`Revoke key ${k.name}`}>
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <RevokeDialog keyToRevoke={revoking} onClose={() => setRevoking(null)} />
    </div>
  );
}

function CreateKey({ stations }: { stations: Station[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [stationId, setStationId] = useState('');
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);
  const create = useMutation(
    trpc.admin.apiKeys.create.mutationOptions({
      onSuccess: async (res) => {
        setCreated({ key: res.key, name: res.summary.name });
        setName('');
        setStationId('');
        await queryClient.invalidateQueries({ queryKey: trpc.admin.apiKeys.list.queryKey() });
      },
    }),
  );
  const errors = fieldErrorsOf(create.error);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setCreated(null);
    create.mutate({ name: name.trim(), stationId: stationId ? Number(stationId) : null });
  };

  return (
    <section className="card" aria-labelledby="create-key-h">
      <h2 id="create-key-h">Create a key</h2>
      {created && (
        <div className="secret" role="status" data-testid="new-key">
          <p>
            <strong>Key “{created.name}” created.</strong> Copy it now: <strong>it will not be shown again.</strong> Store it in the other system&apos;s secret store, not in email or chat.
          </p>
          <div className="secret-row">
            <input className="secret-value" readOnly value={created.key} aria-label="The new API key" onFocus={(e) => e.target.select()} data-testid="new-key-value" />
            <CopyButton text={created.key} />
          </div>
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => setCreated(null)}>
            I have stored it — hide the key
          </button>
        </div>
      )}
      <form className="inline-form" onSubmit={onSubmit} noValidate>
        <Field label="Name" error={errors.name} hint="Who uses it, e.g. “CCTNS sync, Karnataka”">
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required placeholder="What system is this key for?" />
        </Field>
        <Field label="Station" error={errors.stationId} hint="A key for one station sees only its FIRs">
          <select value={stationId} onChange={(e) => setStationId(e.target.value)}>
            <option value="">All stations</option>
            {stations.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.code})
              </option>
            ))}
          </select>
        </Field>
        <div className="inline-form-actions">
          <button type="submit" className="btn btn-primary" disabled={create.isPending || name.trim().length < 2}>
            {create.isPending ? 'Creating…' : 'Create key'}
          </button>
        </div>
      </form>
      {create.error && !errors.name && !errors.stationId && <ErrorText>Could not create the key: {messageOf(create.error)}</ErrorText>}
    </section>
  );
}

function RevokeDialog({ keyToRevoke, onClose }: { keyToRevoke: ApiKeySummary | null; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [done, setDone] = useState<string | null>(null);
  const revoke = useMutation(
    trpc.admin.apiKeys.revoke.mutationOptions({
      onSuccess: async (k) => {
        setDone(`Key “${k.name}” revoked. Requests with it are refused from now on.`);
        await queryClient.invalidateQueries({ queryKey: trpc.admin.apiKeys.list.queryKey() });
        onClose();
      },
    }),
  );
  return (
    <>
      {done && (
        <p className="alert alert-ok" role="status">
          {done}
        </p>
      )}
      <ConfirmDialog
        open={keyToRevoke !== null}
        title={`Revoke “${keyToRevoke?.name ?? ''}”?`}
        confirmLabel="Revoke key"
        pendingLabel="Revoking…"
        danger
        pending={revoke.isPending}
        error={revoke.error ? messageOf(revoke.error) : null}
        onCancel={() => {
          revoke.reset();
          onClose();
        }}
        onConfirm={() => keyToRevoke && revoke.mutate({ id: keyToRevoke.id })}
      >
        <p>
          Key <code>afk_{keyToRevoke?.prefix}_…</code> stops working at once, for every system that uses it. This cannot be undone: the system needs a new key.
        </p>
      </ConfirmDialog>
    </>
  );
}

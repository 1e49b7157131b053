'use client';
// Indexes: the advisor's suggestions from the captured statements (HypoPG, estimated
// before/after cost per statement as a chart), Apply (confirmed, audit-logged: an
// online migration through the runner, then the statements measured again), what the
// advisor concluded about every statement, and the unused and duplicate indexes.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTRPC } from '@/components/trpc/client';
import { messageOf } from '@/components/trpc/errors';
import type { RouterOutputs } from '@/components/trpc/types';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field } from '@/components/ui/field';
import { formatDateTimeIst } from '@/components/ui/format';

type Advice = RouterOutputs['ops']['indexes']['advice'];
type Suggestion = NonNullable<Advice['last']>['suggestions'][number];
type Applied = RouterOutputs['ops']['indexes']['applySuggestion'];

const cost = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n >= 100 ? Math.round(n).toLocaleString('en-IN') : n.toFixed(2));
const pct = (f: number) => `${Math.round(f * 100)} %`;
const bytes = (n: number) => (n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} kB`);
const short = (q: string, n = 100) => (q.length > n ? `${q.slice(0, n)}…` : q);

export function Indexes() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const advice = useQuery(trpc.ops.indexes.advice.queryOptions());
  const analyse = useMutation(
    trpc.ops.indexes.analyse.mutationOptions({ onSuccess: (data) => queryClient.setQueryData(trpc.ops.indexes.advice.queryKey(), data) }),
  );
  const [target, setTarget] = useState<Suggestion | null>(null);
  const [applied, setApplied] = useState<Applied | null>(null);

  if (advice.isPending) return <p className="muted">Loading index advice…</p>;
  if (advice.isError) return <p className="alert alert-error">Could not load the index advice: {messageOf(advice.error)}</p>;
  const { last, settings } = advice.data;
  return (
    <div className="stack">
      <section className="card" aria-labelledby="adv-h">
        <div className="page-head" style={{ marginBottom: '0.4rem' }}>
          <h2 id="adv-h" style={{ margin: 0 }}>
            Suggestions
          </h2>
          <button type="button" className="btn btn-primary" disabled={analyse.isPending} onClick={() => analyse.mutate()}>
            {analyse.isPending ? 'Analysing…' : 'Analyse captured statements'}
          </button>
        </div>
        <p className="muted small">
          Each captured statement costing ≥ {settings.minCost} is planned with hypothetical indexes (HypoPG) on the columns of its WHERE, JOIN and ORDER BY, one
          column then two; an index is suggested only when the estimated cost drops by ≥ {pct(settings.minSaving)}. Nothing is built until you apply it.
        </p>
        {analyse.isError && <p className="alert alert-error">{messageOf(analyse.error)}</p>}
        {applied && <AppliedPanel result={applied} />}
        {!last ? (
          <p className="muted" data-testid="advice-none">
            Not analysed yet in this process.
          </p>
        ) : (
          <>
            <p className="small" aria-live="polite">
              Analysed {last.statements} statement{last.statements === 1 ? '' : 's'} at {formatDateTimeIst(new Date(last.at))}: {last.suggestions.length} suggestion
              {last.suggestions.length === 1 ? '' : 's'}.
            </p>
            {last.suggestions.map((s) => (
              <SuggestionCard key={s.indexName} s={s} onApply={() => setTarget(s)} />
            ))}
            <Verdicts verdicts={last.verdicts} />
          </>
        )}
      </section>
      <ApplyDialog
        target={target}
        onClose={() => setTarget(null)}
        onDone={async (res) => {
          setApplied(res);
          setTarget(null);
          await Promise.all([
            queryClient.invalidateQueries({ queryKey: trpc.ops.indexes.advice.queryKey() }),
            queryClient.invalidateQueries({ queryKey: trpc.ops.indexes.health.queryKey() }),
          ]);
        }}
      />
      <Health />
    </div>
  );
}

function SuggestionCard({ s, onApply }: { s: Suggestion; onApply: () => void }) {
  const data = s.queries.map((q, i) => ({ name: `#${i + 1}`, query: q.query, before: q.before, after: q.after }));
  return (
    <article className="card" style={{ marginTop: '0.6rem' }} data-testid="suggestion" data-index={s.indexName}>
      <div className="page-head" style={{ marginBottom: '0.3rem' }}>
        <h3 style={{ margin: 0 }}>
          <code>
            {s.table} ({s.columns.join(', ')})
          </code>{' '}
          <span className="badge" style={{ background: '#dcefe3', color: '#17603a' }}>
            −{pct(s.bestSaving)} estimated cost
          </span>
        </h3>
        <button type="button" className="btn btn-primary btn-sm" onClick={onApply} aria-label={`Apply ${s.indexName}`}>
          Apply
        </button>
      </div>
      <pre className="pre small">{s.createSql}</pre>
      <div style={{ width: '100%', height: 60 + 36 * data.length }} role="figure" aria-label={`Estimated cost before and after ${s.indexName}`}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#dce1e8" />
            <XAxis type="number" tick={{ fontSize: 11 }} />
            <YAxis type="category" dataKey="name" tick={{ fontSize: 11 }} width={30} />
            <Tooltip labelFormatter={(_, p) => short(String((p?.[0]?.payload as { query?: string } | undefined)?.query ?? ''), 160)} formatter={(v) => cost(Number(v))} />
            <Legend />
            <Bar dataKey="before" name="Cost now" fill="#b3261e" isAnimationActive={false} />
            <Bar dataKey="after" name="With the index" fill="#17603a" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <ol className="small">
        {s.queries.map((q) => (
          <li key={q.fingerprint}>
            <code title={q.query}>{short(q.query, 140)}</code> — {cost(q.before)} → {cost(q.after)}
          </li>
        ))}
      </ol>
    </article>
  );
}

function AppliedPanel({ result }: { result: Applied }) {
  return (
    <div className="alert alert-ok" role="status" data-testid="applied">
      <p>
        <strong>{result.indexName}</strong> was built by migration <code>{result.migration}</code> (<Link href="/ops/migrations">see the history</Link>).
        {!result.audited && ' The audit row could not be written; the action is in the server log.'}
      </p>
      <p className="small">Measured again with the real index (estimated cost):</p>
      <ul className="small">
        {result.queries.map((q) => (
          <li key={q.fingerprint}>
            <code>{short(q.query, 100)}</code>: {cost(q.before)} → <strong>{cost(q.after)}</strong>
            {q.before && q.after !== null ? ` (${q.after <= q.before ? '−' : '+'}${pct(Math.abs(1 - q.after / q.before))})` : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}

const OUTCOME: Record<NonNullable<Advice['last']>['verdicts'][number]['outcome'], string> = {
  suggested: 'index suggested',
  cheap: 'cheap already',
  'no-gain': 'no index helps enough',
  'no-candidates': 'nothing to try',
  error: 'could not plan',
};

function Verdicts({ verdicts }: { verdicts: NonNullable<Advice['last']>['verdicts'] }) {
  return (
    <details style={{ marginTop: '0.6rem' }}>
      <summary>Every analysed statement ({verdicts.length})</summary>
      <table className="table table-compact">
        <thead>
          <tr>
            <th>Statement</th>
            <th>Cost</th>
            <th>Best with an index</th>
            <th>Verdict</th>
          </tr>
        </thead>
        <tbody>
          {verdicts.map((v) => (
            <tr key={v.fingerprint}>
              <td>
                <code className="small" title={v.query}>
                  {short(v.query, 110)}
                </code>
              </td>
              <td>{cost(v.before)}</td>
              <td>{cost(v.after)}</td>
              <td className="small">
                {OUTCOME[v.outcome]}
                {v.note && <div className="muted">{v.note}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function ApplyDialog({ target, onClose, onDone }: { target: Suggestion | null; onClose: () => void; onDone: (r: Applied) => Promise<void> }) {
  const trpc = useTRPC();
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const apply = useMutation(trpc.ops.indexes.applySuggestion.mutationOptions({ onSuccess: (r) => onDone(r).then(() => setReason('')) }));
  const close = () => {
    apply.reset();
    setInvalid(null);
    setReason('');
    onClose();
  };
  return (
    <ConfirmDialog
      open={target !== null}
      title={`Build ${target?.indexName ?? ''}?`}
      confirmLabel="Build the index"
      pendingLabel="Building…"
      pending={apply.isPending}
      error={invalid ?? (apply.error ? messageOf(apply.error) : null)}
      onCancel={close}
      onConfirm={() => {
        if (!target) return;
        if (reason.trim().length < 3) return setInvalid('Say why, in a few words: it goes into the audit log.');
        setInvalid(null);
        apply.mutate({ table: target.table, columns: target.columns, reason: reason.trim() });
      }}
    >
      <p>
        This writes an online migration and runs it through the migration runner: <code>CREATE INDEX CONCURRENTLY</code> (the table stays writable), reversible
        with <code>DROP INDEX CONCURRENTLY</code> from the Migrations page.
      </p>
      {target && <pre className="pre small">{target.createSql}</pre>}
      <Field label="Reason (for the audit log)">
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={500} required placeholder="e.g. FIR number search scans the table" />
      </Field>
    </ConfirmDialog>
  );
}

function Health() {
  const trpc = useTRPC();
  const health = useQuery(trpc.ops.indexes.health.queryOptions());
  if (health.isPending) return <p className="muted">Loading indexes…</p>;
  if (health.isError) return <p className="alert alert-error">Could not read the indexes: {messageOf(health.error)}</p>;
  const h = health.data;
  return (
    <>
      <section className="card" aria-labelledby="unused-h" data-testid="unused-indexes">
        <h2 id="unused-h">Unused indexes</h2>
        <p className="muted small">
          Never scanned on any node since the statistics were reset{h.statsSince ? ` (${formatDateTimeIst(h.statsSince)})` : ''}. Unique and primary-key indexes are
          left out: they enforce something. {h.total} indexes in all.
        </p>
        {h.unused.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <table className="table table-compact">
            <thead>
              <tr>
                <th>Index</th>
                <th>Table (columns)</th>
                <th>Size</th>
                <th>Scans per node</th>
              </tr>
            </thead>
            <tbody>
              {h.unused.map((u) => (
                <tr key={u.name}>
                  <td>
                    <code>{u.name}</code>
                  </td>
                  <td>
                    {u.table} ({u.columns.join(', ')})
                  </td>
                  <td>{bytes(u.sizeBytes)}</td>
                  <td className="small">
                    {Object.entries(u.scansByNode)
                      .map(([n, c]) => `${n}: ${c ?? '?'}`)
                      .join(' · ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card" aria-labelledby="dup-h" data-testid="duplicate-indexes">
        <h2 id="dup-h">Duplicate indexes</h2>
        <p className="muted small">An index whose columns lead another index on the same table: every query it serves, the other serves too.</p>
        {h.duplicates.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <table className="table table-compact">
            <thead>
              <tr>
                <th>Index</th>
                <th>Covered by</th>
                <th>Size</th>
              </tr>
            </thead>
            <tbody>
              {h.duplicates.map((d) => (
                <tr key={d.name}>
                  <td>
                    <code>{d.name}</code> ({d.columns.join(', ')})
                  </td>
                  <td>
                    <code>{d.coveredBy}</code> ({d.coveredByColumns.join(', ')}){d.identical ? ' — identical' : ''}
                  </td>
                  <td>{bytes(d.sizeBytes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

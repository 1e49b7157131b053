'use client';
// Alerts: the rules (state, condition, edit, enable/disable, delete) and the latest
// firing/resolved events. Rules are evaluated by the worker's evaluator every few
// seconds; an edit takes effect at its next run. Refreshes every 5 s.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/trpc/client';
import { messageOf } from '@/components/trpc/errors';
import type { RouterOutputs } from '@/components/trpc/types';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field } from '@/components/ui/field';
import { formatDateTimeIst } from '@/components/ui/format';

type RulesData = RouterOutputs['monitor']['alerts']['rules'];
type Rule = RulesData['rules'][number];
type MetricChoice = RulesData['metrics'][number];
type Draft = { id: string | null; name: string; metric: string; comparator: 'above' | 'below'; threshold: string; forSeconds: string; severity: 'warning' | 'critical'; enabled: boolean };

const REFRESH_MS = 5_000;
const EMPTY: Draft = { id: null, name: '', metric: 'http_latency_p95_seconds', comparator: 'above', threshold: '', forSeconds: '60', severity: 'warning', enabled: true };

function unitText(unit: MetricChoice['unit']): string {
  return unit === 'ratio' ? 'a ratio, 0–1 (0.8 = 80 %)' : unit === 'seconds' ? 'seconds' : unit === 'req/s' ? 'requests per second' : 'a count';
}

function StateBadge({ rule }: { rule: Rule }) {
  const [label, fg, bg] = !rule.enabled ? ['Disabled', '#4b5563', '#e5e7eb'] : rule.firing ? ['Firing', '#8e1d17', '#fbdcd9'] : ['OK', '#17603a', '#dcefe3'];
  return (
    <span className="badge" style={{ color: fg, background: bg }} data-state={label.toLowerCase()}>
      {label}
    </span>
  );
}

export function Alerts() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const rules = useQuery({ ...trpc.monitor.alerts.rules.queryOptions(), refetchInterval: REFRESH_MS });
  const events = useQuery({ ...trpc.monitor.alerts.events.queryOptions({ limit: 50 }), refetchInterval: REFRESH_MS });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [deleting, setDeleting] = useState<Rule | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.monitor.alerts.rules.queryKey() });
  const save = useMutation(
    trpc.monitor.alerts.save.mutationOptions({
      onSuccess: async (res) => {
        setDone(`Rule “${res.rule.name}” saved${res.audited ? '' : ' (the audit row could not be written; see the server log)'}.`);
        setDraft(null);
        await refresh();
      },
    }),
  );
  const remove = useMutation(
    trpc.monitor.alerts.delete.mutationOptions({
      onSuccess: async () => {
        setDone(`Rule “${deleting?.name ?? ''}” deleted.`);
        setDeleting(null);
        await refresh();
      },
    }),
  );

  if (rules.isPending) return <p className="muted">Loading alert rules…</p>;
  if (rules.isError && !rules.data) {
    return (
      <div className="alert alert-error" role="alert">
        Could not load the alert rules: {messageOf(rules.error)}{' '}
        <button type="button" className="btn btn-sm" onClick={() => void rules.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  const { metrics } = rules.data;
  const metricOf = (name: string) => metrics.find((m) => m.name === name);
  const firing = rules.data.rules.filter((r) => r.enabled && r.firing);

  return (
    <div className="stack">
      {done && (
        <p className="alert alert-ok" role="status">
          {done}
        </p>
      )}
      <p className={`alert ${firing.length ? 'alert-error' : 'alert-ok'}`} data-testid="alerts-summary">
        {firing.length ? `${firing.length} firing: ${firing.map((r) => r.name).join(' · ')}` : 'No alert is firing.'}
      </p>
      <section className="card">
        <div className="page-head" style={{ marginBottom: '0.4rem' }}>
          <h2 style={{ margin: 0 }}>Rules</h2>
          <button type="button" className="btn btn-sm btn-primary" onClick={() => setDraft({ ...EMPTY })}>
            New rule…
          </button>
        </div>
        {draft && <RuleForm draft={draft} metrics={metrics} pending={save.isPending} error={save.error ? messageOf(save.error) : null} onChange={setDraft} onCancel={() => { setDraft(null); save.reset(); }} onSave={(d) => save.mutate(toInput(d))} />}
        <table className="table table-compact" data-testid="alert-rules">
          <thead>
            <tr>
              <th>State</th>
              <th>Rule</th>
              <th>Condition</th>
              <th>Severity</th>
              <th>Last event</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rules.data.rules.map((r) => (
              <tr key={r.id} data-rule={r.name}>
                <td>
                  <StateBadge rule={r} />
                </td>
                <td>{r.name}</td>
                <td className="small">
                  <code>{r.metric}</code> {r.comparator} {r.threshold}
                  {r.forSeconds > 0 && <span className="muted"> for {r.forSeconds} s</span>}
                  <br />
                  <span className="muted">{metricOf(r.metric)?.label ?? 'unknown metric'}</span>
                </td>
                <td>{r.severity}</td>
                <td className="small">{r.lastEventAt ? formatDateTimeIst(r.lastEventAt) : <span className="muted">never</span>}</td>
                <td className="nowrap">
                  <button type="button" className="btn btn-sm" aria-label={`Edit ${r.name}`} onClick={() => setDraft({ ...r, threshold: String(r.threshold), forSeconds: String(r.forSeconds) })}>
                    Edit
                  </button>{' '}
                  <button type="button" className="btn btn-sm btn-danger-outline" aria-label={`Delete ${r.name}`} onClick={() => setDeleting(r)}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card">
        <h2 style={{ marginTop: 0 }}>Events</h2>
        {events.data && events.data.length === 0 ? (
          <p className="muted">No alert has fired yet. Events appear here when a rule fires and when it resolves.</p>
        ) : (
          <table className="table table-compact" data-testid="alert-events">
            <thead>
              <tr>
                <th>When (IST)</th>
                <th>State</th>
                <th>What</th>
                <th>Webhook</th>
              </tr>
            </thead>
            <tbody>
              {(events.data ?? []).map((e) => (
                <tr key={e.id}>
                  <td className="small nowrap">{formatDateTimeIst(e.at)}</td>
                  <td>
                    <span className="badge" style={e.state === 'firing' ? { color: '#8e1d17', background: '#fbdcd9' } : { color: '#17603a', background: '#dcefe3' }}>
                      {e.state === 'firing' ? 'Firing' : 'Resolved'}
                    </span>
                  </td>
                  <td className="small">{e.message}</td>
                  <td className="small">{e.notifiedAt ? `sent ${formatDateTimeIst(e.notifiedAt)}` : <span className="muted">not sent</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete “${deleting?.name ?? ''}”?`}
        confirmLabel="Delete rule"
        pendingLabel="Deleting…"
        danger
        pending={remove.isPending}
        error={remove.error ? messageOf(remove.error) : null}
        onCancel={() => {
          setDeleting(null);
          remove.reset();
        }}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
      >
        <p>The rule and all its events are removed. To stop it alerting but keep its history, disable it instead.</p>
      </ConfirmDialog>
    </div>
  );
}

function toInput(d: Draft) {
  return {
    id: d.id,
    rule: {
      name: d.name.trim(),
      metric: d.metric as RulesData['rules'][number]['metric'],
      comparator: d.comparator,
      threshold: Number(d.threshold),
      forSeconds: Number(d.forSeconds),
      severity: d.severity,
      enabled: d.enabled,
    },
  };
}

function RuleForm({
  draft,
  metrics,
  pending,
  error,
  onChange,
  onCancel,
  onSave,
}: {
  draft: Draft;
  metrics: MetricChoice[];
  pending: boolean;
  error: string | null;
  onChange: (d: Draft) => void;
  onCancel: () => void;
  onSave: (d: Draft) => void;
}) {
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const metric = metrics.find((m) => m.name === draft.metric);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (draft.name.trim().length < 3) errs.name = 'A name of at least 3 characters';
    if (draft.threshold.trim() === '' || !Number.isFinite(Number(draft.threshold))) errs.threshold = 'A number';
    const f = Number(draft.forSeconds);
    if (!Number.isInteger(f) || f < 0 || f > 86_400) errs.forSeconds = 'Whole seconds, 0 to 86,400';
    setInvalid(errs);
    if (Object.keys(errs).length === 0) onSave(draft);
  };
  const set = (patch: Partial<Draft>) => onChange({ ...draft, ...patch });
  return (
    <form className="inline-form" onSubmit={submit} aria-label={draft.id ? 'Edit alert rule' : 'New alert rule'} style={{ marginBottom: '1rem' }}>
      <Field label="Name" error={invalid.name}>
        <input value={draft.name} onChange={(e) => set({ name: e.target.value })} maxLength={100} />
      </Field>
      <Field label="Metric" hint={metric ? `${metric.about}; in ${unitText(metric.unit)}` : undefined}>
        <select value={draft.metric} onChange={(e) => set({ metric: e.target.value })}>
          {metrics.map((m) => (
            <option key={m.name} value={m.name}>
              {m.label}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Fires when it is">
        <select value={draft.comparator} onChange={(e) => set({ comparator: e.target.value as Draft['comparator'] })}>
          <option value="above">above</option>
          <option value="below">below</option>
        </select>
      </Field>
      <Field label="Threshold" error={invalid.threshold}>
        <input inputMode="decimal" value={draft.threshold} onChange={(e) => set({ threshold: e.target.value })} />
      </Field>
      <Field label="For (seconds)" error={invalid.forSeconds}>
        <input type="number" min={0} max={86_400} value={draft.forSeconds} onChange={(e) => set({ forSeconds: e.target.value })} />
      </Field>
      <Field label="Severity">
        <select value={draft.severity} onChange={(e) => set({ severity: e.target.value as Draft['severity'] })}>
          <option value="warning">warning</option>
          <option value="critical">critical</option>
        </select>
      </Field>
      <label className="small" style={{ display: 'flex', gap: '0.3rem', alignItems: 'center' }}>
        <input type="checkbox" checked={draft.enabled} onChange={(e) => set({ enabled: e.target.checked })} /> Enabled
      </label>
      <div className="inline-form-actions">
        <button type="submit" className="btn btn-primary btn-sm" disabled={pending}>
          {pending ? 'Saving…' : 'Save rule'}
        </button>
        <button type="button" className="btn btn-sm" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

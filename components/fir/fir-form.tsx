'use client';
// The full FIR form (every field of IIF-I, in its order), used for a new FIR after
// the review step and for editing a draft. "Save draft" creates or updates the draft;
// "Register FIR" numbers it once it is saved. Server validation errors are shown
// next to their fields; domain errors (unknown or missing sections) at the sections.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTRPC } from '@/components/trpc/client';
import { detailsOf, fieldErrorsOf, formErrorsOf, messageOf } from '@/components/trpc/errors';
import type { FirDetail, Station } from '@/components/trpc/types';
import { ErrorText, Field } from '@/components/ui/field';
import { AccusedEditor, PropertiesEditor } from './fir-form-parts';
import { clientErrors, toCreateInput, toUpdateInput, type FirFormValues } from './form-values';
import { RegisteredPanel } from './registered-panel';
import { SectionPicker } from './section-picker';

const DIRECTIONS = ['North', 'North-East', 'East', 'South-East', 'South', 'South-West', 'West', 'North-West'];
const ID_TYPES = ['Aadhaar', 'Voter ID', 'PAN', 'Passport', 'Driving Licence', 'Ration Card'];

export type FirFormProps = {
  /** the form's values, owned by the caller (the new-FIR wizard keeps them across its steps) */
  values: FirFormValues;
  onChange: (next: FirFormValues) => void;
  /** set when editing an existing draft */
  firId?: string;
  isAdmin: boolean;
  me: { id: string; name: string };
  /** admins filing a new FIR choose the station */
  stations?: Station[];
  /** shown only while nothing is saved (going back after a save would file a second draft) */
  onBack?: () => void;
  backLabel?: string;
  onSaved?: (fir: FirDetail) => void;
};

export function FirForm({ values: v, onChange, firId, isAdmin, me, stations, onBack, backLabel = '← Back', onSaved: notifySaved }: FirFormProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [id, setId] = useState(firId);
  const [saved, setSaved] = useState(firId ? JSON.stringify(v) : null);
  const [local, setLocal] = useState<Record<string, string[]>>({});
  const [registered, setRegistered] = useState<FirDetail | null>(null);
  // What was sent, so edits made while a save is in flight still count as unsaved.
  const submitted = useRef('');

  const afterChange = async (fir: FirDetail) => {
    queryClient.setQueryData(trpc.fir.byId.queryKey({ id: fir.id }), fir);
    await queryClient.invalidateQueries({ queryKey: trpc.fir.list.pathKey() });
  };
  const onSaved = async (fir: FirDetail) => {
    setId(fir.id);
    setSaved(submitted.current);
    notifySaved?.(fir);
    await afterChange(fir);
  };
  const create = useMutation(trpc.fir.createDraft.mutationOptions({ onSuccess: onSaved }));
  const update = useMutation(trpc.fir.updateDraft.mutationOptions({ onSuccess: onSaved }));
  const register = useMutation(
    trpc.fir.register.mutationOptions({
      onSuccess: async (fir) => {
        setRegistered(fir);
        await afterChange(fir);
      },
    }),
  );
  const save = id ? update : create;
  const dirty = saved !== JSON.stringify(v);

  const set = <K extends keyof FirFormValues>(key: K) => (value: FirFormValues[K]) => onChange({ ...v, [key]: value });
  const bind = (key: keyof FirFormValues) => ({
    value: v[key] as string,
    onChange: (e: { target: { value: string } }) => set(key)(e.target.value as never),
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const errs = clientErrors(v);
    if (isAdmin && !id && !v.stationId) errs.stationId = ['Choose the station this FIR is filed at'];
    setLocal(errs);
    if (Object.keys(errs).length) return;
    register.reset();
    submitted.current = JSON.stringify(v);
    if (id) update.mutate(toUpdateInput(id, v));
    else create.mutate(toCreateInput(v, isAdmin));
  };

  // Errors: the browser's checks, then the last failed save's, then registration's.
  const server = fieldErrorsOf(save.error);
  const err = (k: string) => local[k] ?? server[k];
  const saveDetails = detailsOf(save.error);
  const registerDetails = detailsOf(register.error);
  const sectionErrors = [
    ...(err('sections') ?? []),
    ...(Array.isArray(saveDetails.unknownSections) ? [save.error!.message] : []),
    ...(Array.isArray(registerDetails.missing) && registerDetails.missing.includes('sections') ? [register.error!.message] : []),
  ];
  const hasFieldErrors = Object.keys(local).length > 0 || Object.keys(server).length > 0;

  // After a refused save, take the officer to the first field that needs attention.
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!hasFieldErrors && !save.error) return;
    const first = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .field-error');
    first?.scrollIntoView({ block: 'center' });
    if (first?.matches('input, select, textarea')) first.focus({ preventScroll: true });
  }, [save.error, local, hasFieldErrors]);

  if (registered) return <RegisteredPanel fir={registered} />;

  return (
    <form ref={formRef} className="fir-form" onSubmit={onSubmit} noValidate aria-label="FIR form">
      <Part n={1} title="Station, acts and sections">
        {isAdmin && !firId && stations && (
          <Field label="Police station" error={err('stationId')} hint="Admins file on behalf of a station">
            <select {...bind('stationId')} required>
              <option value="">Choose a station…</option>
              {stations.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} ({s.code}), {s.district}
                </option>
              ))}
            </select>
          </Field>
        )}
        <SectionPicker value={v.sections} onChange={set('sections')} error={sectionErrors} />
      </Part>

      <Part n={2} title="Occurrence of offence">
        <div className="grid-3">
          <Field label="From (date and time, IST)" error={err('occurredFrom')}>
            <input type="datetime-local" {...bind('occurredFrom')} />
          </Field>
          <Field label="To (date and time, IST)" error={err('occurredTo')} hint="Leave empty for a single moment">
            <input type="datetime-local" {...bind('occurredTo')} min={v.occurredFrom || undefined} />
          </Field>
          <Field label="Type of information" error={err('informationType')}>
            <select {...bind('informationType')}>
              <option value="written">Written</option>
              <option value="oral">Oral</option>
            </select>
          </Field>
        </div>
      </Part>

      <Part n={3} title="Place of occurrence">
        <Field label="Address of the place" error={err('placeAddress')}>
          <textarea rows={2} {...bind('placeAddress')} placeholder="e.g. Near the bus stand, 80 Feet Road, Koramangala" maxLength={1000} />
        </Field>
        <div className="grid-3">
          <Field label="Distance from the station (km)" error={err('placeDistanceKm')}>
            <input type="number" min={0} step="0.1" inputMode="decimal" {...bind('placeDistanceKm')} placeholder="e.g. 2.5" />
          </Field>
          <Field label="Direction from the station" error={err('placeDirection')}>
            <select {...bind('placeDirection')}>
              <option value="">—</option>
              {DIRECTIONS.map((d) => (
                <option key={d}>{d}</option>
              ))}
            </select>
          </Field>
          <Field label="Beat No." error={err('beatNo')}>
            <input {...bind('beatNo')} maxLength={40} placeholder="e.g. B-4" />
          </Field>
        </div>
      </Part>

      <Part n={4} title="Complainant / informant">
        <div className="grid-3">
          <Field label="Name *" error={err('complainantName')}>
            <input {...bind('complainantName')} required maxLength={200} autoComplete="off" />
          </Field>
          <Field label="Father's / husband's name" error={err('complainantRelativeName')}>
            <input {...bind('complainantRelativeName')} maxLength={200} />
          </Field>
          <Field label="Date of birth" error={err('complainantDob')}>
            <input type="date" {...bind('complainantDob')} />
          </Field>
          <Field label="Nationality" error={err('complainantNationality')}>
            <input {...bind('complainantNationality')} maxLength={60} />
          </Field>
          <Field label="ID document" error={err('complainantIdType')}>
            <input list="id-types" {...bind('complainantIdType')} maxLength={40} placeholder="Aadhaar, Voter ID…" />
          </Field>
          <Field label="ID number" error={err('complainantIdNumber')}>
            <input {...bind('complainantIdNumber')} maxLength={60} />
          </Field>
          <Field label="Occupation" error={err('complainantOccupation')}>
            <input {...bind('complainantOccupation')} maxLength={100} />
          </Field>
          <Field label="Phone" error={err('complainantPhone')} hint="e.g. +91 98765 43210">
            <input type="tel" {...bind('complainantPhone')} maxLength={20} />
          </Field>
          <Field label="Email" error={err('complainantEmail')} hint="Notified when the FIR is registered or changes status">
            <input type="email" {...bind('complainantEmail')} maxLength={254} />
          </Field>
        </div>
        <datalist id="id-types">
          {ID_TYPES.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
        <Field label="Address" error={err('complainantAddress')}>
          <textarea rows={2} {...bind('complainantAddress')} maxLength={1000} />
        </Field>
      </Part>

      <Part n={5} title="Accused (known / suspected / unknown)">
        <AccusedEditor rows={v.accused} onChange={set('accused')} error={err('accused')} />
      </Part>

      <Part n={6} title="Reasons for delay in reporting">
        <Field label="Reason for delay, if any" error={err('delayReason')}>
          <textarea rows={2} {...bind('delayReason')} placeholder="Leave empty if reported without delay" maxLength={2000} />
        </Field>
      </Part>

      <Part n={7} title="Properties stolen / involved">
        <PropertiesEditor rows={v.properties} onChange={set('properties')} error={err('properties')} />
      </Part>

      <Part n={8} title="First information contents">
        <Field label="Complaint narrative *" error={err('narrative')} hint="In the complainant's words. Shown exactly as typed.">
          <textarea rows={8} {...bind('narrative')} required minLength={10} maxLength={20000} />
        </Field>
      </Part>

      <Part n={9} title="Action taken">
        <Field label="Action taken" error={err('actionTaken')}>
          <textarea rows={2} {...bind('actionTaken')} placeholder="e.g. Case registered and taken up for investigation" maxLength={4000} />
        </Field>
        <Field label="Investigating officer" error={err('investigatingOfficerId')}>
          <select {...bind('investigatingOfficerId')}>
            <option value="">Not assigned yet</option>
            <option value={me.id}>Me ({me.name})</option>
            {v.investigatingOfficerId && v.investigatingOfficerId !== me.id && (
              <option value={v.investigatingOfficerId}>The officer assigned now</option>
            )}
          </select>
        </Field>
      </Part>

      <div className="form-footer" aria-live="polite">
        {formErrorsOf(save.error).map((m) => (
          <ErrorText key={m}>{m}</ErrorText>
        ))}
        {hasFieldErrors && <ErrorText>Some fields need attention: see the messages next to them.</ErrorText>}
        {save.error && !hasFieldErrors && !saveDetails.unknownSections && <ErrorText>Could not save: {messageOf(save.error)}</ErrorText>}
        {register.error && !registerDetails.missing && <ErrorText>Could not register: {messageOf(register.error)}</ErrorText>}
        {register.error && registerDetails.missing ? <ErrorText>{register.error.message}</ErrorText> : null}
        <div className="actions">
          {onBack && !id && (
            <button type="button" className="btn btn-ghost" onClick={onBack} disabled={save.isPending}>
              {backLabel}
            </button>
          )}
          <button type="submit" className="btn" disabled={save.isPending || register.isPending}>
            {save.isPending ? 'Saving…' : id ? 'Save changes' : 'Save draft'}
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={!id || dirty || save.isPending || register.isPending}
            onClick={() => id && register.mutate({ id })}
            title={!id ? 'Save the draft first' : dirty ? 'Save your changes first' : undefined}
          >
            {register.isPending ? 'Registering…' : 'Register FIR'}
          </button>
          <span className="muted small">
            {!id ? 'Save the draft, then register it to get a FIR number.' : dirty ? 'Unsaved changes: save before registering.' : <span className="ok">Draft saved ✓ Ready to register.</span>}
          </span>
          {id && (
            <Link className="btn btn-link" href={`/firs/${id}`}>
              Open draft
            </Link>
          )}
        </div>
      </div>
    </form>
  );
}

function Part({ n, title, children }: { n: number; title: string; children: ReactNode }) {
  return (
    <section className="card form-part" aria-labelledby={`part-${n}`}>
      <h2 id={`part-${n}`}>
        <span className="part-no">{n}.</span> {title}
      </h2>
      {children}
    </section>
  );
}

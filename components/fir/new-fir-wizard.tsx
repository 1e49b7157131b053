'use client';
// A new FIR in three steps: (1) the complaint → the drafter reads it; (2) review what
// it found and choose sections; (3) the full form, prefilled → save → register.
// The form's values live here so moving between steps keeps what was typed.
import { useState, type FormEvent } from 'react';
import type { FirDraft } from '@/server/fir/drafting/types';
import { fieldErrorsOf, messageOf } from '@/components/trpc/errors';
import type { Station } from '@/components/trpc/types';
import { ErrorText, Field } from '@/components/ui/field';
import { DraftReview } from './draft-review';
import { FirForm } from './fir-form';
import { emptyValues, valuesFromDraft, type FirFormValues } from './form-values';
import { useDraftFromNarrative } from './use-draft-from-narrative';

type Step = 1 | 2 | 3;
const STEPS: { n: Step; label: string }[] = [
  { n: 1, label: 'Complaint' },
  { n: 2, label: 'Review findings and sections' },
  { n: 3, label: 'Full FIR form' },
];

/** Fills the form's empty fields from a draft; what the officer typed is kept. */
function mergeDraft(current: FirFormValues, draft: FirDraft): FirFormValues {
  const fromDraft = valuesFromDraft(draft, current);
  const out = { ...current, narrative: draft.narrative };
  for (const key of ['occurredFrom', 'occurredTo', 'placeAddress', 'complainantPhone'] as const) {
    if (!out[key]) out[key] = fromDraft[key];
  }
  if (out.accused.length === 0) out.accused = fromDraft.accused;
  if (out.properties.length === 0) out.properties = fromDraft.properties;
  return out;
}

export function NewFirWizard({ isAdmin, me, stations }: { isAdmin: boolean; me: { id: string; name: string }; stations: Station[] }) {
  const [step, setStep] = useState<Step>(1);
  const [values, setValues] = useState<FirFormValues>(emptyValues);
  const [draft, setDraft] = useState<FirDraft | null>(null);
  const [savedId, setSavedId] = useState<string | null>(null);
  const drafting = useDraftFromNarrative();
  const fieldErrors = fieldErrorsOf(drafting.error);

  const onDraft = (e: FormEvent) => {
    e.preventDefault();
    drafting.mutate(
      { narrative: values.narrative },
      {
        onSuccess: (d) => {
          setDraft(d);
          setValues((v) => mergeDraft(v, d));
          setStep(2);
        },
      },
    );
  };
  const narrativeOk = values.narrative.trim().length >= 10 && values.complainantName.trim().length >= 1;

  return (
    <div className="wizard">
      <ol className="steps" aria-label="Steps">
        {STEPS.map((s) => (
          <li key={s.n} aria-current={step === s.n ? 'step' : undefined} className={step > s.n ? (s.n === 2 && !draft ? 'step-skipped' : 'step-done') : undefined}>
            <span className="step-no">{step > s.n && (s.n !== 2 || draft) ? '✓' : s.n}</span> {s.label}
            {step > s.n && s.n === 2 && !draft ? ' (skipped)' : ''}
          </li>
        ))}
      </ol>

      {step === 1 && (
        <form className="card stack" onSubmit={onDraft} aria-labelledby="step1-h">
          <h2 id="step1-h">1. The complaint</h2>
          <p className="muted">
            Type or paste what the complainant says. The drafter picks out dates, places, people, phone numbers and amounts, and suggests BNS sections.
          </p>
          <Field label="Complainant name" error={fieldErrors.complainantName}>
            <input
              value={values.complainantName}
              onChange={(e) => setValues({ ...values, complainantName: e.target.value })}
              placeholder="Full name of the person making the complaint"
              maxLength={200}
              required
              autoComplete="off"
            />
          </Field>
          <Field
            label="Complaint narrative"
            error={fieldErrors.narrative}
            hint={`${values.narrative.trim().length} characters (at least 10). Include when, where, who, and what was lost or done.`}
          >
            <textarea
              rows={10}
              value={values.narrative}
              onChange={(e) => setValues({ ...values, narrative: e.target.value })}
              placeholder="e.g. Yesterday at about 9 pm near the bus stand on 80 Feet Road, two men on a motorcycle snatched my Samsung phone worth Rs 18,000…"
              maxLength={20000}
              required
            />
          </Field>
          {drafting.isPending && (
            <div className="progress" role="status" aria-live="polite">
              <div className="progress-bar" />
              <span>Reading the complaint: finding dates, places and people, and matching BNS sections…</span>
            </div>
          )}
          {drafting.error && !fieldErrors.narrative && (
            <ErrorText>
              The drafter could not read this complaint: {messageOf(drafting.error)} You can still fill in the form yourself.
            </ErrorText>
          )}
          <div className="actions">
            <button type="submit" className="btn btn-primary" disabled={drafting.isPending || !narrativeOk}>
              {drafting.isPending ? 'Drafting…' : 'Draft from complaint'}
            </button>
            <button type="button" className="btn btn-ghost" disabled={drafting.isPending || !narrativeOk} onClick={() => setStep(3)}>
              Skip: fill in the form myself
            </button>
            {draft && (
              <button type="button" className="btn btn-ghost" onClick={() => setStep(2)}>
                Back to the last draft →
              </button>
            )}
          </div>
        </form>
      )}

      {step === 2 && draft && (
        <>
          <DraftReview draft={draft} sections={values.sections} onSectionsChange={(sections) => setValues({ ...values, sections })} />
          <div className="actions sticky-actions">
            <button type="button" className="btn btn-ghost" onClick={() => setStep(1)}>
              ← Edit the complaint
            </button>
            <button type="button" className="btn btn-primary" onClick={() => setStep(3)}>
              Continue to the full form →
            </button>
            <span className="muted small">
              {values.sections.length
                ? `${values.sections.length} section${values.sections.length === 1 ? '' : 's'} chosen.`
                : 'No section chosen yet: you can add them in the form too.'}
            </span>
          </div>
        </>
      )}

      {step === 3 && (
        <FirForm
          values={values}
          onChange={setValues}
          isAdmin={isAdmin}
          me={me}
          stations={isAdmin ? stations : undefined}
          firId={savedId ?? undefined}
          onSaved={(fir) => setSavedId(fir.id)}
          onBack={() => setStep(draft ? 2 : 1)}
          backLabel={draft ? '← Back to suggestions' : '← Back to the complaint'}
        />
      )}
    </div>
  );
}

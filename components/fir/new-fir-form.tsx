'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/trpc/client';

export function NewFirForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [complainantName, setComplainantName] = useState('');
  const [narrative, setNarrative] = useState('');

  const create = useMutation(
    trpc.fir.create.mutationOptions({
      onSuccess: async () => {
        setComplainantName('');
        setNarrative('');
        await queryClient.invalidateQueries({ queryKey: trpc.fir.list.queryKey() });
      },
    }),
  );

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ complainantName, narrative });
  };

  const fieldErrors = create.error?.data?.zodError?.fieldErrors as Record<string, string[] | undefined> | undefined;

  return (
    <form onSubmit={onSubmit} className="form">
      <label>
        Complainant name
        <input
          name="complainantName"
          value={complainantName}
          onChange={(e) => setComplainantName(e.target.value)}
          required
          minLength={2}
          maxLength={200}
        />
        {fieldErrors?.complainantName && <span className="error">{fieldErrors.complainantName.join(', ')}</span>}
      </label>
      <label>
        Complaint narrative
        <textarea
          name="narrative"
          value={narrative}
          onChange={(e) => setNarrative(e.target.value)}
          rows={6}
          required
          minLength={10}
          maxLength={20000}
          placeholder="What happened, when, where, who was involved, what was lost…"
        />
        {fieldErrors?.narrative && <span className="error">{fieldErrors.narrative.join(', ')}</span>}
      </label>
      <div className="actions">
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? 'Saving…' : 'Save draft FIR'}
        </button>
        {create.isSuccess && <span className="ok" role="status">Saved.</span>}
        {create.error && !fieldErrors && <span className="error" role="alert">{create.error.message}</span>}
      </div>
    </form>
  );
}

'use client';
// Editing a saved draft: the same form as a new FIR, starting from the stored values.
import { useState } from 'react';
import type { FirDetail } from '@/components/trpc/types';
import { FirForm } from './fir-form';
import { valuesFromDetail } from './form-values';

export function FirEditForm({ fir, isAdmin, me }: { fir: FirDetail; isAdmin: boolean; me: { id: string; name: string } }) {
  const [values, setValues] = useState(() => valuesFromDetail(fir));
  return <FirForm values={values} onChange={setValues} firId={fir.id} isAdmin={isAdmin} me={me} />;
}

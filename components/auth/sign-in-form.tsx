'use client';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/trpc/client';
import { fieldErrorsOf, messageOf } from '@/components/trpc/errors';
import { ErrorText, Field } from '@/components/ui/field';

export function SignInForm({ next }: { next: string }) {
  const trpc = useTRPC();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      // A full navigation, so every server component renders with the new session cookie.
      onSuccess: () => window.location.assign(next),
    }),
  );
  const fieldErrors = fieldErrorsOf(signIn.error);
  const wrongCredentials = signIn.error?.data?.code === 'UNAUTHORIZED';

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate({ email, password });
  };

  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <Field label="Email" error={fieldErrors.email}>
        <input
          type="email"
          name="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          placeholder="name@afirgen.test"
          required
          autoFocus
        />
      </Field>
      <Field label="Password" error={fieldErrors.password}>
        <input
          type="password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
      </Field>
      {signIn.error && (
        <ErrorText>{wrongCredentials ? 'Wrong email or password. Check both and try again.' : messageOf(signIn.error)}</ErrorText>
      )}
      <button type="submit" className="btn btn-primary btn-block" disabled={signIn.isPending || signIn.isSuccess}>
        {signIn.isPending || signIn.isSuccess ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}

'use client';
import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { messageOf } from '@/components/trpc/errors';

export function SignOutButton() {
  const trpc = useTRPC();
  const signOut = useMutation(
    trpc.auth.signOut.mutationOptions({
      onSettled: (_data, error) => {
        // An expired session is as good as signed out.
        if (!error || error.data?.code === 'UNAUTHORIZED') window.location.assign('/login');
      },
    }),
  );
  return (
    <button
      type="button"
      className="btn btn-ghost"
      onClick={() => signOut.mutate()}
      disabled={signOut.isPending}
      title={signOut.error ? messageOf(signOut.error) : undefined}
    >
      {signOut.isPending ? 'Signing out…' : signOut.error ? 'Sign out failed: retry' : 'Sign out'}
    </button>
  );
}

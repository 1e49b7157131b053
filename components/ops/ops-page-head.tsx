// The head of every ops console page: the way back to the console, the title and
// what the page is for.
import Link from 'next/link';
import type { ReactNode } from 'react';

export function OpsPageHead({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <p className="crumbs">
        <Link href="/ops">← Ops console</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{title}</h1>
          <p className="muted">{children}</p>
        </div>
      </div>
    </>
  );
}

import Link from 'next/link';

/** What an officer sees in the admin-only ops console: no admin data, a way back. */
export function Forbidden() {
  return (
    <div className="card forbidden" data-testid="forbidden">
      <p className="eyebrow">403 — Forbidden</p>
      <h1>403 — this area is for administrators</h1>
      <p>The ops console (replicas, cache, queries, API keys…) is only open to administrator accounts. Your account is an officer account.</p>
      <p className="muted">If you need something changed here, ask your station&apos;s administrator.</p>
      <Link className="btn btn-primary" href="/">
        Back to FIRs
      </Link>
    </div>
  );
}

'use client';
// Anything a page did not handle itself: say so plainly, offer a retry.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="page">
      <div className="card narrow" role="alert">
        <p className="eyebrow">Something went wrong</p>
        <h1>This page could not be shown</h1>
        <p className="muted">Try again; if it keeps happening, tell your administrator{error.digest ? ` (reference ${error.digest})` : ''}.</p>
        <div className="actions">
          <button type="button" className="btn btn-primary" onClick={reset}>
            Try again
          </button>
          <a className="btn" href="/">
            Back to FIRs
          </a>
        </div>
      </div>
    </main>
  );
}

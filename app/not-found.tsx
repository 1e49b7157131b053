import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="not-found">
      <div className="card narrow">
        <p className="eyebrow">404</p>
        <h1>Not found</h1>
        <p>There is no such page, or no FIR with this id at your station.</p>
        <Link className="btn btn-primary" href="/">
          Back to FIRs
        </Link>
      </div>
    </div>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { requireAdmin } from '../_lib/ops';

export const metadata: Metadata = { title: 'Ops console' };
export const dynamic = 'force-dynamic';

const SECTIONS: { title: string; about: string; href?: string }[] = [
  { title: 'Overview', about: 'Health of the app, databases and Redis at a glance.' },
  { title: 'Replicas', about: 'Replication lag, read routing weights, pools; mark replicas out, resync.', href: '/ops/replicas' },
  { title: 'Cache', about: 'Hit rates, keys and invalidation.' },
  { title: 'Queries', about: 'Slow statements and their plans.', href: '/ops/queries' },
  { title: 'Indexes', about: 'Index advice, tried on hypothetical indexes first.', href: '/ops/indexes' },
  { title: 'Migrations', about: 'Applied and pending schema migrations.', href: '/ops/migrations' },
  { title: 'Breakers', about: 'Circuit breakers on the services we depend on: state, failures, isolate and reset.', href: '/ops/breakers' },
  { title: 'Limits', about: 'Rate limits per API key and user: decisions over time, top consumers, overrides.', href: '/ops/limits' },
  { title: 'Queues', about: 'Background jobs: waiting, running, failed.' },
  { title: 'API keys', about: 'Keys for external systems: create, scope to a station, revoke.', href: '/ops/api-keys' },
];

export default async function OpsHomePage() {
  if (!(await requireAdmin('/ops'))) return null;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Ops console</h1>
          <p className="muted">Run the system: what is working now, and what is coming.</p>
        </div>
      </div>
      <ul className="ops-cards">
        {SECTIONS.map((s) => (
          <li key={s.title} className={`card ops-card${s.href ? '' : ' ops-card-soon'}`}>
            <h2>
              {s.href ? <Link href={s.href}>{s.title}</Link> : s.title}
              {!s.href && <span className="badge badge-soon">Coming soon</span>}
            </h2>
            <p className="muted small">{s.about}</p>
          </li>
        ))}
      </ul>
    </>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { Overview } from '@/components/ops/overview';
import { getQueryClient, HydrateClient, trpc } from '../_trpc/server';
import { requireAdmin } from '../_lib/ops';

export const metadata: Metadata = { title: 'Ops console' };
export const dynamic = 'force-dynamic';

const SECTIONS: { title: string; about: string; href?: string }[] = [
  { title: 'Overview', about: 'Health of the app, databases and Redis at a glance.', href: '/ops' },
  { title: 'Alerts', about: 'Threshold rules on the metrics, and their firing and resolved events.', href: '/ops/alerts' },
  { title: 'Replicas', about: 'Replication lag, read routing weights, pools, failover; mark replicas out, resync, switch over.', href: '/ops/replicas' },
  { title: 'Cache', about: 'Hit rates, keys and invalidation.', href: '/ops/cache' },
  { title: 'Queries', about: 'Slow statements and their plans.', href: '/ops/queries' },
  { title: 'Indexes', about: 'Index advice, tried on hypothetical indexes first.', href: '/ops/indexes' },
  { title: 'Migrations', about: 'Applied and pending schema migrations.', href: '/ops/migrations' },
  { title: 'Breakers', about: 'Circuit breakers on the services we depend on: state, failures, isolate and reset.', href: '/ops/breakers' },
  { title: 'Limits', about: 'Rate limits per API key and user: decisions over time, top consumers, overrides.', href: '/ops/limits' },
  { title: 'Queues', about: 'Background jobs: waiting, running, failed; throughput, retries and the notification outbox.', href: '/ops/queues' },
  { title: 'API keys', about: 'Keys for external systems: create, scope to a station, revoke.', href: '/ops/api-keys' },
];

// The console's home is the live overview; the sections follow as the way to each page.
export default async function OpsHomePage() {
  if (!(await requireAdmin('/ops'))) return null;
  await getQueryClient().prefetchQuery(trpc.monitor.overview.queryOptions());
  return (
    <HydrateClient>
      <div className="page-head">
        <div>
          <h1>Ops console</h1>
          <p className="muted">Run the system: the live overview of this server process, then every page of the console.</p>
        </div>
      </div>
      <Overview sections={SECTIONS.map(({ title, href }) => ({ title, href }))} />
      <h2 className="subhead">Console pages</h2>
      <ul className="ops-cards" aria-label="Console pages">
        {SECTIONS.filter((s) => s.href !== '/ops').map((s) => (
          <li key={s.title} className={`card ops-card${s.href ? '' : ' ops-card-soon'}`}>
            <h2>
              {s.href ? <Link href={s.href}>{s.title}</Link> : s.title}
              {!s.href && <span className="badge badge-soon">Coming soon</span>}
            </h2>
            <p className="muted small">{s.about}</p>
          </li>
        ))}
      </ul>
    </HydrateClient>
  );
}

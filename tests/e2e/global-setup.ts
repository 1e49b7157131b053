// Before the browser tests: the same test database as the integration tests (made,
// migrated, knowledge base loaded), plus the demo stations and accounts the tests
// sign in with, and a few hundred FIRs so lists and search have something to show.
import { topology } from '../../server/env';
import { seedDemo } from '../../server/fir/seed';
import prepareTestDatabase from '../helpers/global-setup';

export default async function setup(): Promise<void> {
  await prepareTestDatabase();
  await seedDemo({ primaryUrl: topology.primaryUrl, firs: 300 });
}

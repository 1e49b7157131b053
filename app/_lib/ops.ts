// The ops console's gate for pages: a signed-out visitor goes to /login (back here
// afterwards); an officer gets null, and the page renders nothing of its own (the
// ops layout shows the 403 content instead).
import 'server-only';
import { requireProfile, type Profile } from './session';

export async function requireAdmin(next: string): Promise<Profile | null> {
  const profile = await requireProfile(next);
  return profile.role === 'admin' ? profile : null;
}

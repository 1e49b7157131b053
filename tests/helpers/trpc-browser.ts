// A tRPC caller that behaves like a browser: it keeps the cookies the server sets in a
// jar and sends the CSRF header (unless told not to), through a real request context.
import { createCaller, createTrpcContext } from '@/server/api';
import { CSRF_COOKIE } from '@/server/auth';
import { TEST_PASSWORD } from './fixtures';

export type Jar = Map<string, string>;

export async function browser(jar: Jar, opts: { csrf?: boolean } = {}) {
  const ctx = await createTrpcContext({
    transport: {
      kind: 'http',
      cookieHeader: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
      csrfHeader: opts.csrf === false ? undefined : jar.get(CSRF_COOKIE),
      setCookies: (cookies) => {
        for (const c of cookies) {
          const [k, v] = c.split(';')[0]!.split('=') as [string, string];
          if (v) jar.set(k, v);
          else jar.delete(k);
        }
      },
    },
  });
  return createCaller(ctx);
}

/** Signs in with the test password; returns the cookie jar of the new session. */
export async function signInJar(email: string): Promise<Jar> {
  const jar: Jar = new Map();
  await (await browser(jar)).auth.signIn({ email, password: TEST_PASSWORD });
  return jar;
}

/** A signed-in browser-like caller. */
export async function signedIn(email: string) {
  return browser(await signInJar(email));
}

import { z } from 'zod';
import { clearedCookies, getProfile, readCookie, sessionCookies, signIn, signOut, SESSION_COOKIE } from '../../auth';
import { createTRPCRouter, officerProcedure, publicProcedure } from '../trpc';

export const ZSignInInput = z
  .object({ email: z.string().trim().email().max(254), password: z.string().min(1).max(200) })
  .strict();

export const authRouter = createTRPCRouter({
  signIn: publicProcedure.input(ZSignInInput).mutation(async ({ ctx, input }) => {
    const { token, session } = await signIn(ctx.db, input.email, input.password);
    ctx.transport.setCookies?.(sessionCookies(token, session.csrfToken, session.expiresAt, ctx.transport.secure ?? false));
    return { name: session.actor.name, role: session.actor.role };
  }),
  signOut: officerProcedure.mutation(async ({ ctx }) => {
    await signOut(ctx.db, readCookie(ctx.transport.cookieHeader, SESSION_COOKIE));
    ctx.transport.setCookies?.(clearedCookies());
    return { ok: true };
  }),
  me: officerProcedure.query(({ ctx }) => getProfile(ctx.db, ctx.actor)),
});

// GET /api/firs/:id/copies/:documentId.pdf — the stored PDF copy of a FIR, for a
// signed-in officer of its station (or an admin), as a download. A plain GET with the
// session cookie, so the browser saves the file itself; it only reads, so no CSRF token.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { readCookie, sessionFromToken, SESSION_COOKIE } from '../auth';
import { db } from '../data';
import { readFirCopy } from '../jobs';
import { AppError, publicMessage } from '../lib';
import { errorEnvelope } from './envelope';

const ZParams = z.object({ id: z.uuid(), documentId: z.uuid() });

export async function registerFirCopyRoute(app: FastifyInstance): Promise<void> {
  app.get('/api/firs/:id/copies/:file', async (request, reply) => {
    const { id, file } = request.params as { id: string; file: string };
    const params = ZParams.safeParse({ id, documentId: file.replace(/\.pdf$/, '') });
    if (!params.success) return reply.code(400).send(errorEnvelope('BAD_REQUEST', 'A FIR id and a copy id (UUIDs) are required', request.id));
    const session = await sessionFromToken(db, readCookie(request.headers.cookie, SESSION_COOKIE));
    if (!session) return reply.code(401).send(errorEnvelope('UNAUTHORIZED', 'Sign in first', request.id));
    try {
      const { content, fileName } = await readFirCopy(db, session.actor, params.data.id, params.data.documentId);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(content));
    } catch (err) {
      if (err instanceof AppError) return reply.code(err.httpStatus).send(errorEnvelope(err.code, publicMessage(err.code, err.message, request.id), request.id));
      throw err;
    }
  });
}

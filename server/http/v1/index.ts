// The public REST API, version 1, under /api/v1: registers every route of routes.ts
// (each declared with withApiKey) and the OpenAPI document, in a Fastify context of
// its own that accepts JSON bodies only and answers unknown /api/v1 paths with the
// error envelope. Everything else the routes need is owned by withApiKey.
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../lib';
import { sendError } from './errors';
import { buildOpenApiDocument, OPENAPI_PATH } from './openapi';
import { V1_ROUTES } from './routes';
import { V1_PREFIX } from './with-api-key';

export { buildOpenApiDocument, type OpenApiDocument, type OpenApiOperation, type OpenApiParameter, type JsonSchema } from './openapi';
export { V1_PREFIX } from './with-api-key';

export async function registerV1(app: FastifyInstance): Promise<void> {
  await app.register(
    async (v1) => {
      // JSON only: anything else is a 415 rather than a string the schemas would puzzle over.
      // An empty JSON body is "no body" (curl -X POST …/register with a JSON content type).
      v1.removeAllContentTypeParsers();
      const parseJson = v1.getDefaultJsonParser('error', 'error');
      v1.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) =>
        body === '' ? done(null, undefined) : parseJson(request, body as string, done),
      );

      for (const route of V1_ROUTES) route.register(v1);

      v1.get(OPENAPI_PATH, { errorHandler: sendError }, (_request, reply) => {
        void reply.header('cache-control', 'no-store').send(buildOpenApiDocument());
      });

      v1.setNotFoundHandler((request, reply) => {
        sendError(new AppError('NOT_FOUND', `No API route ${request.method} ${request.url.split('?')[0]}`), request, reply);
      });
    },
    { prefix: V1_PREFIX },
  );
}

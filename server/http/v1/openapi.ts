// The OpenAPI 3.1 document of /api/v1, generated from the routes' own declarations:
// the zod schemas each route validates its params, query and body with, and the zod
// descriptions of its responses, converted with zod 4's z.toJSONSchema (JSON Schema
// 2020-12, the dialect of OpenAPI 3.1). Nothing here is written by hand per endpoint,
// so the document cannot drift from what the server accepts and returns.
import { z } from 'zod';
import { ZErrorEnvelope, ZPagination } from './common-contracts';
import { ZCreateFirBody, ZFirDetail, ZFirList, ZFirListItem } from './fir-contracts';
import { V1_ROUTES } from './routes';
import { ZSectionHit, ZSectionList } from './section-contracts';
import { V1_PREFIX, type V1Route } from './with-api-key';
import { BODY_LIMIT_BYTES } from './errors';

export type JsonSchema = z.core.JSONSchema.BaseSchema;

export type OpenApiParameter = {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  description?: string;
  schema: JsonSchema;
};

export type OpenApiResponse = {
  description: string;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
  content?: Record<string, { schema: JsonSchema }>;
};

export type OpenApiOperation = {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  security: Record<string, string[]>[];
  parameters: OpenApiParameter[];
  requestBody?: { required: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, OpenApiResponse>;
};

export type OpenApiDocument = {
  openapi: string;
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  tags: { name: string; description?: string }[];
  paths: Record<string, Partial<Record<'get' | 'post', OpenApiOperation>>>;
  components: {
    schemas: Record<string, JsonSchema>;
    securitySchemes: Record<string, Record<string, string>>;
  };
};

export const OPENAPI_PATH = '/openapi.json';

/** Named schemas go to components and are referenced; requests are described as accepted, responses as sent. */
const REQUEST_COMPONENTS: Record<string, z.ZodType> = { CreateFirRequest: ZCreateFirBody };
const RESPONSE_COMPONENTS: Record<string, z.ZodType> = {
  ErrorEnvelope: ZErrorEnvelope,
  Pagination: ZPagination,
  FirListItem: ZFirListItem,
  FirList: ZFirList,
  FirDetail: ZFirDetail,
  SectionHit: ZSectionHit,
  SectionList: ZSectionList,
};

const REF = (name: string) => `#/components/schemas/${name}`;

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request: a parameter or body field failed validation (details.issues lists them), or malformed JSON',
  401: 'Missing, malformed, unknown or revoked API key',
  403: 'The key may not act on that station',
  404: 'No such FIR, or one of another station (never confirmed to exist)',
  409: 'The FIR is not in a state that allows this',
  413: `Body larger than ${BODY_LIMIT_BYTES / 1024} KB`,
  415: 'Body is not application/json',
  429: 'Rate limit exceeded (per key or global); Retry-After and the RateLimit / RateLimit-Policy headers say when to come back',
  500: 'Internal error; the message carries only the correlation id',
};
// Every route is rate limited (before the key is even looked up), so 429 is always possible.
const ALWAYS = [400, 401, 429, 500];

function components(io: 'input' | 'output', named: Record<string, z.ZodType>): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(named)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { target: 'draft-2020-12', io, unrepresentable: 'any', uri: REF });
  return Object.fromEntries(Object.entries(schemas).map(([id, s]) => [id, clean(s)]));
}

/** An embedded schema needs no $schema/$id of its own. */
function clean(schema: JsonSchema): JsonSchema {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}

function schemaFor(schema: z.ZodType, io: 'input' | 'output', named: Record<string, z.ZodType>): JsonSchema {
  const name = Object.entries(named).find(([, s]) => s === schema)?.[0];
  return name ? { $ref: REF(name) } : clean(z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }));
}

/** One OpenAPI parameter per property of a params/query object schema. */
function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): OpenApiParameter[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([name, prop]) => {
    const { description, ...rest } = prop as JsonSchema;
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

const json = (schema: JsonSchema) => ({ 'application/json': { schema } });

const REQUEST_ID_HEADER = {
  'X-Request-Id': { description: 'the request id sent (if valid) or generated; also the correlation_id of errors', schema: { type: 'string' } },
} satisfies OpenApiResponse['headers'];

function operation(route: V1Route): OpenApiOperation {
  const status = route.status ?? 200;
  const responses: Record<string, OpenApiResponse> = {
    [status]: {
      description: status === 201 ? 'Created' : 'OK',
      headers: {
        ...REQUEST_ID_HEADER,
        ...(route.hasLocation ? { Location: { description: 'the URL of what was created', schema: { type: 'string' } } } : {}),
      },
      content: json(schemaFor(route.response, 'output', RESPONSE_COMPONENTS)),
    },
  };
  for (const code of [...new Set([...ALWAYS, ...(route.errors ?? [])])].sort((a, b) => a - b)) {
    responses[code] = { description: ERROR_DESCRIPTIONS[code] ?? 'Error', headers: REQUEST_ID_HEADER, content: json({ $ref: REF('ErrorEnvelope') }) };
  }
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.tag],
    security: [{ bearerAuth: [] }, { apiKeyHeader: [] }],
    parameters: [
      ...parameters(route.params, 'path'),
      ...parameters(route.query, 'query'),
      { name: 'X-Request-Id', in: 'header', required: false, description: 'your id for this request, echoed back ([A-Za-z0-9._-]{1,128})', schema: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,128}$' } },
    ],
    ...(route.body
      ? {
          requestBody: {
            // A body schema that accepts "no body" makes the body optional.
            required: !route.body.safeParse(undefined).success,
            content: json(schemaFor(route.body, 'input', REQUEST_COMPONENTS)),
          },
        }
      : {}),
    responses,
  };
}

function build(): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const route of V1_ROUTES) {
    const path = `${V1_PREFIX}${route.path}`;
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(route) };
  }
  paths[`${V1_PREFIX}${OPENAPI_PATH}`] = {
    get: {
      operationId: 'getOpenApiDocument',
      summary: 'This OpenAPI document',
      description: 'Needs no API key.',
      tags: ['Meta'],
      security: [],
      parameters: [],
      responses: { 200: { description: 'The OpenAPI 3.1 document', headers: REQUEST_ID_HEADER, content: json({ type: 'object' }) } },
    },
  };
  const tags = [...new Set(V1_ROUTES.map((r) => r.tag)), 'Meta'].map((name) => ({ name }));
  return {
    openapi: '3.1.0',
    info: {
      title: 'AFIRGen public API',
      version: '1.0.0',
      description:
        'File and read First Information Reports. JSON with snake_case names; every error is the envelope ' +
        '{"error":{"code","message","correlation_id","timestamp","details"}}.',
    },
    servers: [{ url: '/' }],
    tags,
    paths,
    components: {
      schemas: { ...components('input', REQUEST_COMPONENTS), ...components('output', RESPONSE_COMPONENTS) },
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'afk_<12 chars>_<43 chars>', description: 'Authorization: Bearer <key>' },
        apiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'the same key in X-API-Key' },
      },
    },
  };
}

let built: OpenApiDocument | undefined;

/** The document (built once per process: the routes do not change while it runs). */
export function buildOpenApiDocument(): OpenApiDocument {
  built ??= build();
  return built;
}

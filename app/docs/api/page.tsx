// Reference of the public REST API, rendered on the server from the same OpenAPI
// document /api/v1/openapi.json serves (buildOpenApiDocument, no HTTP round trip),
// so the page shows exactly what the routes validate and return.
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { buildOpenApiDocument, type JsonSchema, type OpenApiDocument, type OpenApiOperation } from '@/server/http/v1';
import styles from './docs.module.css';

export const metadata: Metadata = { title: 'API v1 reference · AFIRGen Ops' };

// The curl examples name the host this page was asked on.
export const dynamic = 'force-dynamic';

type Op = { method: string; path: string; op: OpenApiOperation };

const anchor = (op: OpenApiOperation) => `op-${op.operationId}`;

export default async function ApiDocsPage() {
  const doc = buildOpenApiDocument();
  const h = await headers();
  const origin = `${h.get('x-forwarded-proto') ?? 'http'}://${h.get('host') ?? 'localhost:3000'}`;
  const ops: Op[] = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ method, path, op: op as OpenApiOperation })),
  );

  return (
    <div className={styles.docs}>
      <header className={styles.intro}>
        <h1>{doc.info.title} <span className={styles.version}>v{doc.info.version}</span></h1>
        <p>{doc.info.description}</p>
        <ul className={styles.facts}>
          <li>
            <strong>Authentication.</strong> Send an API key (issued by an administrator) as <code>Authorization: Bearer afk_…</code> or{' '}
            <code>X-API-Key: afk_…</code>. A key tied to a station sees and files only that station&apos;s FIRs; another station&apos;s FIR
            answers 404, like a missing one.
          </li>
          <li>
            <strong>Errors.</strong> Every error is <code>{'{"error":{"code","message","correlation_id","timestamp","details"}}'}</code>;
            validation errors list each problem in <code>details.issues</code>. Send <code>X-Request-Id</code> to choose the
            correlation id.
          </li>
          <li>
            <strong>Pagination.</strong> Lists return <code>pagination.next_cursor</code>; pass it as <code>cursor</code> until{' '}
            <code>has_more</code> is false. <code>total_count</code> counts every match.
          </li>
          <li>
            <strong>Fields.</strong> <code>fields=number,status</code> returns only those fields (and <code>id</code>); an unknown name is a 400.
          </li>
          <li>
            Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI {doc.openapi}).
          </li>
        </ul>
        <pre className={styles.code}>{`export AFIRGEN_URL=${origin}\nexport AFIRGEN_API_KEY=afk_…   # from an administrator`}</pre>
        <h2 id="errors">The error envelope</h2>
        <SchemaView schema={{ $ref: '#/components/schemas/ErrorEnvelope' }} doc={doc} />
      </header>

      <nav className={styles.toc} aria-label="Endpoints">
        {ops.map(({ method, path, op }) => (
          <a key={op.operationId} href={`#${anchor(op)}`} className={styles.tocItem}>
            <Method method={method} /> <code>{path}</code> <span className={styles.muted}>{op.summary}</span>
          </a>
        ))}
      </nav>

      {ops.map((o) => (
        <Operation key={o.op.operationId} {...o} doc={doc} />
      ))}
    </div>
  );
}

function Method({ method }: { method: string }) {
  return <span className={`${styles.method} ${styles[method] ?? ''}`}>{method.toUpperCase()}</span>;
}

function Operation({ method, path, op, doc }: Op & { doc: OpenApiDocument }) {
  const body = op.requestBody?.content['application/json']?.schema;
  return (
    <section id={anchor(op)} className={styles.operation}>
      <h2>
        <Method method={method} /> <code>{path}</code>
      </h2>
      <p className={styles.summary}>{op.summary}</p>
      {op.description && <p>{op.description}</p>}
      {op.security.length === 0 && <p className={styles.muted}>No API key needed.</p>}

      {op.parameters.length > 0 && (
        <>
          <h3>Parameters</h3>
          <table className={styles.table}>
            <thead>
              <tr><th>Name</th><th>In</th><th>Type</th><th>Description</th></tr>
            </thead>
            <tbody>
              {op.parameters.map((p) => (
                <tr key={`${p.in}-${p.name}`}>
                  <td><code>{p.name}</code>{p.required && <span className={styles.required}> required</span>}</td>
                  <td>{p.in}</td>
                  <td><code>{typeLabel(p.schema)}</code><Constraints schema={p.schema} /></td>
                  <td>{p.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      {body && (
        <>
          <h3>Request body {op.requestBody?.required ? <span className={styles.required}>required</span> : <span className={styles.muted}>optional</span>}</h3>
          <SchemaView schema={body} doc={doc} />
        </>
      )}

      <h3>Responses</h3>
      {Object.entries(op.responses).map(([status, res]) => {
        const schema = res.content?.['application/json']?.schema;
        if (!status.startsWith('2')) {
          return (
            <div key={status} className={styles.response}>
              <span className={styles.err}>{status}</span> {res.description} <a href="#errors" className={styles.muted}>· error envelope</a>
            </div>
          );
        }
        return (
          <details key={status} className={styles.response} open>
            <summary>
              <span className={styles.ok}>{status}</span> {res.description}
              {res.headers?.Location && <span className={styles.muted}> · Location header</span>}
            </summary>
            {schema && <SchemaView schema={schema} doc={doc} />}
          </details>
        );
      })}

      <h3>Example</h3>
      <pre className={styles.code}>{curl(method, path, op, doc)}</pre>
    </section>
  );
}

// ---- JSON Schema rendering ----

const refName = (ref: string) => ref.split('/').at(-1) ?? ref;

function resolve(schema: JsonSchema, doc: OpenApiDocument): { schema: JsonSchema; name?: string } {
  if (typeof schema.$ref === 'string') {
    const name = refName(schema.$ref);
    return { schema: doc.components.schemas[name] ?? {}, name };
  }
  return { schema };
}

/** A one-line type: "string (date-time)", "array of FirListItem", "integer | null". */
function typeLabel(schema: JsonSchema): string {
  if (typeof schema.$ref === 'string') return refName(schema.$ref);
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  const alts = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (alts) return alts.map(typeLabel).join(' | ');
  if (schema.type === 'array') return `array of ${schema.items && typeof schema.items === 'object' && !Array.isArray(schema.items) ? typeLabel(schema.items) : 'any'}`;
  if (schema.type === 'object' && schema.additionalProperties && typeof schema.additionalProperties === 'object' && !schema.properties) {
    return `map of ${typeLabel(schema.additionalProperties)}`;
  }
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type ?? 'any');
  return schema.format ? `${type} (${schema.format})` : type;
}

function Constraints({ schema }: { schema: JsonSchema }) {
  const alts = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  const s = alts?.find((a) => a.type !== 'null') ?? schema;
  const parts: string[] = [];
  if (s.minLength !== undefined || s.maxLength !== undefined) parts.push(`${s.minLength ?? 0}–${s.maxLength ?? '∞'} chars`);
  if (s.minimum !== undefined && s.minimum > Number.MIN_SAFE_INTEGER) parts.push(`≥ ${s.minimum}`);
  if (s.exclusiveMinimum !== undefined) parts.push(`> ${s.exclusiveMinimum}`);
  if (s.maximum !== undefined && s.maximum < Number.MAX_SAFE_INTEGER) parts.push(`≤ ${s.maximum}`);
  if (s.maxItems !== undefined) parts.push(`at most ${s.maxItems} items`);
  if (s.pattern && !s.format) parts.push(`pattern ${s.pattern}`);
  if (schema.default !== undefined) parts.push(`default ${JSON.stringify(schema.default)}`);
  return parts.length ? <span className={styles.constraints}> {parts.join(', ')}</span> : null;
}

/** Objects as a nested property list; named components say their name; depth-bounded against cycles. */
function SchemaView({ schema, doc, depth = 0 }: { schema: JsonSchema; doc: OpenApiDocument; depth?: number }): ReactNode {
  const { schema: s, name } = resolve(schema, doc);
  const alts = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  const inner = alts?.find((a) => a.type !== 'null');
  if (inner && alts?.length === 2) return <SchemaView schema={inner} doc={doc} depth={depth} />;
  if (s.type === 'array' && s.items && typeof s.items === 'object' && !Array.isArray(s.items) && depth < 6) {
    return <SchemaView schema={s.items} doc={doc} depth={depth} />;
  }
  const props = s.properties as Record<string, JsonSchema> | undefined;
  if (!props || depth > 6) return null;
  const required = new Set(s.required ?? []);
  return (
    <div className={styles.schema}>
      {name && depth === 0 && <div className={styles.schemaName}>{name}</div>}
      {s.description && depth === 0 && <p className={styles.muted}>{s.description}</p>}
      <ul className={styles.props}>
        {Object.entries(props).map(([key, prop]) => (
          <li key={key}>
            <code className={styles.propName}>{key}</code> <code className={styles.type}>{typeLabel(prop)}</code>
            {required.has(key) && <span className={styles.required}> required</span>}
            <Constraints schema={prop} />
            {prop.description && <span className={styles.desc}> — {prop.description}</span>}
            <SchemaView schema={prop} doc={doc} depth={depth + 1} />
          </li>
        ))}
      </ul>
    </div>
  );
}

// ---- curl ----

function exampleValue(schema: JsonSchema): string {
  const examples = schema.examples as unknown[] | undefined;
  if (examples?.length) return String(examples[0]);
  if (Array.isArray(schema.enum)) return String(schema.enum[0]);
  return '…';
}

function curl(method: string, path: string, op: OpenApiOperation, doc: OpenApiDocument): string {
  const url = path.replace(/\{([^}]+)\}/g, (_, p: string) => `$${p === 'id' ? 'FIR_ID' : p.toUpperCase()}`);
  const query = op.parameters
    .filter((p) => p.in === 'query' && (p.required || p.name === 'page_size'))
    .map((p) => `${p.name}=${encodeURIComponent(p.required ? exampleValue(p.schema) : String(p.schema.default ?? ''))}`);
  const lines = [`curl -sS${method === 'get' ? '' : ` -X ${method.toUpperCase()}`} "$AFIRGEN_URL${url}${query.length ? `?${query.join('&')}` : ''}"`];
  if (op.security.length > 0) lines.push(`  -H "Authorization: Bearer $AFIRGEN_API_KEY"`);
  const body = op.requestBody?.required ? bodyExample(op, doc) : undefined;
  if (body) {
    lines.push(`  -H "Content-Type: application/json"`);
    lines.push(`  -d '${JSON.stringify(body, null, 2).replace(/'/g, "'\\''")}'`);
  }
  return lines.join(' \\\n');
}

function bodyExample(op: OpenApiOperation, doc: OpenApiDocument): unknown {
  const schema = op.requestBody?.content['application/json']?.schema;
  if (!schema) return undefined;
  const { schema: s } = resolve(schema, doc);
  return (s.examples as unknown[] | undefined)?.[0] ?? {};
}

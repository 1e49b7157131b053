// The logger's output contract: one JSON object per line with the required fields,
// the context's correlation id on every line, errors with type/message/stack, and no
// secret or personal value ever written, whatever shape the logged payload has.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@/server/observability/logger';
import { isSensitiveKey, REDACTED, scrubString } from '@/server/observability/redact';
import { runWithContext } from '@/server/lib/request-context';

function capture(level = 'trace') {
  const lines: string[] = [];
  const log = createLogger({ level, service: 'test-svc', destination: { write: (l) => void lines.push(l) } });
  return { log, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;

// A JSON-ish payload without sensitive keys (so the test can tell what must survive).
const plainKey = fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,11}$/).filter((k) => !isSensitiveKey(k) && k !== 'message' && k !== 'level');
const plainPayload = fc.dictionary(plainKey, fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 })), { maxKeys: 6 });

describe('log lines', () => {
  // Property 33 (backend-optimization): every log entry output by the Logger is valid JSON.
  // Property 34 (backend-optimization): every entry has timestamp, level, service and message.
  it('are one parseable JSON object each, with timestamp, level, service and message', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LEVELS), fc.option(fc.string({ unit: 'grapheme' })), plainPayload, (level, message, payload) => {
        const { log, lines, parsed } = capture();
        if (message === null) log[level](payload);
        else log[level](payload, message);
        expect(lines).toHaveLength(1);
        expect(lines[0]!.endsWith('\n')).toBe(true);
        const [line] = parsed();
        expect(line).toMatchObject({ level, service: 'test-svc' });
        expect(typeof line!.message).toBe('string');
        expect(new Date(line!.timestamp as string).toISOString()).toBe(line!.timestamp);
      }),
      { numRuns: 300 },
    );
  });

  // Property 32 (backend-optimization): every entry logged while handling a request carries its correlation id.
  it('carry the correlation id of the context they are written in, and none outside one', async () => {
    const { log, parsed } = capture();
    log.info('before');
    await Promise.all(
      ['a-1', 'b-2', 'c-3'].map((id) =>
        runWithContext({ correlationId: id, kind: 'http' }, async () => {
          log.info('start');
          await new Promise((r) => setTimeout(r, 5));
          log.child({ part: 'db' }).warn({ step: 2 }, 'later');
        }),
      ),
    );
    const lines = parsed();
    expect(lines[0]!.correlation_id).toBeUndefined();
    const byId = new Map<string, string[]>();
    for (const l of lines.slice(1)) byId.set(l.correlation_id as string, [...(byId.get(l.correlation_id as string) ?? []), l.message as string]);
    expect([...byId.keys()].sort()).toEqual(['a-1', 'b-2', 'c-3']);
    for (const msgs of byId.values()) expect(msgs).toEqual(['start', 'later']);
  });

  // Property 30 (backend-optimization): an error's entry has correlation id, timestamp, error type, message and stack.
  it('of errors carry type, message and stack, however the error is logged', () => {
    class TimeoutError extends Error {
      override name = 'TimeoutError';
    }
    fc.assert(
      fc.property(fc.string({ minLength: 1 }).map((s) => s.replace(/[^ -~]/g, 'x')), fc.constantFrom('bare', 'err', 'error-with-msg'), (text, how) => {
        const { log, parsed } = capture();
        const err = new TimeoutError(`upstream ${text}`);
        runWithContext({ correlationId: 'corr-err', kind: 'job' }, () => {
          if (how === 'bare') log.error(err);
          else if (how === 'err') log.error({ err });
          else log.error({ err }, 'draft failed');
        });
        const [line] = parsed();
        expect(line).toMatchObject({ level: 'error', correlation_id: 'corr-err' });
        expect(line!.timestamp).toBeTypeOf('string');
        const e = line!.err as Record<string, unknown>;
        expect(e.type).toBe('TimeoutError');
        expect(e.message).toBe(scrubString(`upstream ${text}`));
        expect(String(e.stack)).toContain('TimeoutError');
        expect(line!.message).toBe(how === 'error-with-msg' ? 'draft failed' : e.message);
      }),
      { numRuns: 100 },
    );
  });
});

// Sensitive values: unique markers, so finding one in the output can only mean a leak.
const marker = fc.stringMatching(/^[A-Za-z0-9]{6,16}$/).map((s) => `Zq${s}Xk`);
const secretKey = fc
  .constantFrom('password', 'newPassword', 'token', 'accessToken', 'csrf_token', 'apiKey', 'api_key', 'API-KEY', 'authorization', 'cookie', 'set-cookie', 'secret', 'clientSecret', 'sessionId')
  .chain((k) => fc.constantFrom(k, k.toUpperCase(), k.replace(/_/g, '')));
const piiKey = fc.constantFrom('phone', 'complainantPhone', 'mobile', 'address', 'complainant_address', 'presentAddress', 'aadhaar', 'aadhaarNumber', 'pan', 'panNumber', 'passport', 'idNumber', 'voter_id', 'narrative');
// Digits in the shapes complainants write them, embedded in free text.
const phone = fc.tuple(fc.constantFrom('', '+91 ', '+91-', '0'), fc.integer({ min: 6, max: 9 }), fc.stringMatching(/^\d{9}$/), fc.boolean()).map(
  ([p, d, rest, split]) => `${p}${d}${split ? `${rest.slice(0, 4)} ${rest.slice(4)}` : rest}`,
);
const aadhaar = fc.tuple(fc.integer({ min: 2, max: 9 }), fc.stringMatching(/^\d{11}$/), fc.constantFrom('', ' ', '-')).map(
  ([d, rest, sep]) => `${d}${rest.slice(0, 3)}${sep}${rest.slice(3, 7)}${sep}${rest.slice(7)}`,
);
const pan = fc.tuple(fc.stringMatching(/^[A-Z]{5}$/), fc.stringMatching(/^\d{4}$/), fc.stringMatching(/^[A-Z]$/)).map(([a, b, c]) => `${a}${b}${c}`);
const apiKeyValue = fc.tuple(fc.stringMatching(/^[A-Za-z0-9]{12}$/), fc.stringMatching(/^[A-Za-z0-9_-]{43}$/)).map(([p, s]) => `afk_${p}_${s}`);
const bearer = fc.stringMatching(/^[A-Za-z0-9._-]{20,40}$/).map((t) => `Bearer ${t}`);
const inText = fc.oneof(phone, aadhaar, pan, apiKeyValue, bearer);

// A payload: sensitive fields and text quoting sensitive values, nested at random depth among plain ones.
type Planted = { payload: Record<string, unknown>; secrets: string[] };
const planted: fc.Arbitrary<Planted> = fc.letrec<{ node: Planted }>((tie) => ({
  node: fc
    .tuple(
      plainPayload,
      fc.array(fc.tuple(fc.oneof(secretKey, piiKey), marker), { maxLength: 3 }),
      fc.array(fc.tuple(plainKey, inText, fc.string({ maxLength: 8 }).map((s) => s.replace(/[\dA-Za-z]/g, ' '))), { maxLength: 2 }),
      fc.option(fc.tuple(plainKey, tie('node'), fc.boolean()), { depthSize: 'small', freq: 2 }),
    )
    .map(([plain, fields, texts, child]) => {
      const payload: Record<string, unknown> = { ...plain };
      const secrets: string[] = [];
      for (const [k, v] of fields) {
        payload[k] = v;
        secrets.push(v);
      }
      for (const [k, v, pad] of texts) {
        payload[`${k}Text`] = `complainant said${pad}${v}${pad}ok`;
        secrets.push(v);
      }
      if (child) {
        const [k, c, asArray] = child;
        payload[`${k}Nested`] = asArray ? [c.payload] : c.payload;
        secrets.push(...c.secrets);
      }
      return { payload, secrets };
    }),
})).node;

describe('redaction', () => {
  // Property 35 (backend-optimization): sensitive fields are redacted in the log output —
  // passwords, tokens, API keys, cookies and complainants' phone, address and ID numbers,
  // as fields at any depth, in child bindings, inside free text, in messages and errors.
  it('never writes a sensitive value, wherever in the entry it is', () => {
    fc.assert(
      fc.property(planted, inText, fc.constantFrom('fields', 'child', 'message', 'error'), ({ payload, secrets }, quoted, where) => {
        const { log, lines } = capture();
        if (where === 'fields') log.info(payload, `saw ${quoted}`);
        else if (where === 'child') log.child({ ctx: payload }).info('child line');
        else if (where === 'message') log.warn('complainant %s reached at %s', quoted, JSON.stringify(payload));
        else log.error({ err: new Error(`insert failed: ${quoted}`, { cause: payload }), request: payload });
        const out = lines.join('');
        JSON.parse(lines[0]!);
        for (const s of [...secrets, quoted]) expect(out).not.toContain(s);
        if (secrets.length > 0 || where !== 'child') expect(out).toContain(REDACTED);
      }),
      { numRuns: 400 },
    );
  });

  it('keeps what is not sensitive', () => {
    const { log, parsed } = capture();
    log.info({ firId: 'f-123', count: 42, remoteAddress: '127.0.0.1', endpoint: '/api/v1/firs/:id', duration_ms: 12.5 }, 'FIR created');
    expect(parsed()[0]).toMatchObject({ firId: 'f-123', count: 42, remoteAddress: '127.0.0.1', endpoint: '/api/v1/firs/:id', duration_ms: 12.5, message: 'FIR created' });
  });
});

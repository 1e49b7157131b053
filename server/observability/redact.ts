// What a log line must never carry, and how it is taken out before the line is written.
// Two passes over everything logged (fields, child bindings, the message):
//  - by key: a field whose name says secret (password, token, API key, cookie,
//    authorization…) or personal (phone, address, Aadhaar, PAN, passport, ID numbers,
//    a complaint's narrative) is replaced whole, at any depth, in objects and arrays;
//  - by value: inside every string that is kept, things that look like an Indian
//    phone number, an Aadhaar or PAN number, a bearer token, our API keys or a
//    session cookie are replaced, so a message or an error text that quotes one is
//    cleaned too.
// Errors become { type, message, stack, code, cause } with the same cleaning
// (backend-optimization Property 30 wants type, message and stack on every error line).

export const REDACTED = '[redacted]';

// Keys compared lower-case with _ and - removed: "api_key", "API-Key" and "apiKey" are one.
const SECRET_KEY = /(password|passwd|passphrase|pwd|secret|token|apikey|authorization|cookie|credential|privatekey|signature|csrf|sessionid|creditcard|cardnumber|cvv)/;
const PII_KEY =
  /((phone|mobile|telephone|contact|whatsapp|aadhaa?r|pan|passport|voterid|epic|drivinglicen[cs]e|idproof|id)(no|num|number)|(phone|mobile|telephone|whatsapp|address|aadhaa?r|pan|passport|voterid|narrative|dateofbirth|dob))$/;
// Names that end like a personal field but are not one.
const NOT_PII = new Set(['remoteaddress', 'ipaddress', 'localaddress', 'serveraddress', 'macaddress', 'span', 'company', 'timespan', 'expan']);

export function isSensitiveKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[-_\s]/g, '');
  if (SECRET_KEY.test(k)) return true;
  return PII_KEY.test(k) && !NOT_PII.has(k);
}

// Values, wherever they appear inside a string.
const VALUE_PATTERNS: RegExp[] = [
  /afk_[A-Za-z0-9]{6,}_[A-Za-z0-9_-]{8,}/g, // our API keys (server/auth/api-keys.ts)
  /(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi,
  /(afg_session|afg_csrf)=[^;\s]+/gi, // session and CSRF cookies
  /(?<!\d)(?:\+91[\s-]?|0091[\s-]?|0)?[6-9]\d{4}[\s-]?\d{5}(?!\d)/g, // Indian mobile numbers
  /(?<!\d)[2-9]\d{3}[\s-]?\d{4}[\s-]?\d{4}(?!\d)/g, // Aadhaar: 12 digits, often 4-4-4
  /[A-Z]{5}\d{4}[A-Z]/g, // PAN (also inside words: better too much than a leak)
];

// `"password": "x"`, `password=x`, `phone: 98…` inside a string (a JSON text, a query
// string, a message): any key the field rules call sensitive loses its value.
const KEY_VALUE_IN_TEXT = /("?)([A-Za-z][A-Za-z0-9_-]{0,40})\1(\s*[:=]\s*)("(?:[^"\\]|\\.)*"|[^\s,;&{}[\]"]+)/g;

// Every pattern above needs a digit, ':', '=', or one of these words: a string without
// any is returned as it is, after one cheap test (most messages and names).
const MAY_HOLD_SENSITIVE = /[\d:=]|afk_|bearer|basic/i;

export function scrubString(s: string): string {
  if (!MAY_HOLD_SENSITIVE.test(s)) return s;
  let out = s.replace(KEY_VALUE_IN_TEXT, (m, q: string, key: string, sep: string, value: string) =>
    isSensitiveKey(key) ? `${q}${key}${q}${sep}${value.startsWith('"') ? `"${REDACTED}"` : REDACTED}` : m,
  );
  for (const p of VALUE_PATTERNS) {
    p.lastIndex = 0;
    out = out.replace(p, REDACTED);
  }
  return out;
}

// Ids the logger itself adds (a random UUID can look like a 4-4-4 digit number), and the
// access line's route template and method, which come from code, never from a caller.
const TRUSTED_KEYS = new Set(['correlation_id', 'trace_id', 'span_id', 'service', 'endpoint', 'method']);

const MAX_DEPTH = 8; // deeper than any object we log on purpose; stops pathological inputs

function errorFields(err: Error, seen: WeakSet<object>, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {
    type: err.name || err.constructor?.name || 'Error',
    message: scrubString(String(err.message ?? '')),
    stack: err.stack ? scrubString(err.stack) : undefined,
  };
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') out.code = code;
  if (err.cause !== undefined && depth < MAX_DEPTH) out.cause = redactValue(err.cause, seen, depth + 1);
  return out;
}

function redactValue(value: unknown, seen: WeakSet<object>, depth: number): unknown {
  if (typeof value === 'string') return scrubString(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  seen.add(value);
  try {
    if (value instanceof Error) return errorFields(value, seen, depth);
    if (value instanceof Date) return value;
    if (Array.isArray(value)) return value.map((v) => redactValue(v, seen, depth + 1));
    if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
    if (value instanceof Map) return redactValue(Object.fromEntries(value), seen, depth);
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return redactValue(toJSON.call(value), seen, depth + 1);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (depth === 0 && TRUSTED_KEYS.has(k)) out[k] = v;
      else out[k] = isSensitiveKey(k) && v !== null && v !== undefined ? REDACTED : redactValue(v, seen, depth + 1);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

/** A copy of `obj` safe to log: sensitive fields replaced, sensitive values cut out of strings. */
export function redactObject(obj: Record<string, unknown>): Record<string, unknown> {
  return redactValue(obj, new WeakSet(), 0) as Record<string, unknown>;
}

/** Any value, cleaned the same way (for pino's interpolation arguments). */
export function redactAny(value: unknown): unknown {
  return redactValue(value, new WeakSet(), 0);
}

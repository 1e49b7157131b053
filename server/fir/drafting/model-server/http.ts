// The two ways we talk to an OpenAI-compatible server: a JSON POST and a multipart
// POST. A non-2xx answer becomes UpstreamError carrying the status (so classify()
// can tell 503 from 400); a body that is not JSON becomes a 'bad_response' one.
// Socket failures are left as fetch's TypeError, whose cause carries the errno.
import { UpstreamError } from '../../../resilience/policies';

const SNIPPET = 300; // enough of an error body to see what the server said, not a whole page

export type PostOptions = { signal: AbortSignal; apiKey?: string };

/** base "http://h:8000", "http://h:8000/" or "http://h:8000/v1" + "/v1/chat/completions" */
export function endpoint(baseUrl: string, path: `/v1/${string}`): string {
  const base = baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
  return `${base}${path}`;
}

async function send(service: string, url: string, init: RequestInit, opts: PostOptions): Promise<unknown> {
  const headers = new Headers(init.headers);
  headers.set('accept', 'application/json');
  if (opts.apiKey) headers.set('authorization', `Bearer ${opts.apiKey}`);
  const res = await fetch(url, { ...init, method: 'POST', headers, signal: opts.signal });
  const text = await res.text();
  if (!res.ok) {
    throw new UpstreamError(service, `${service} answered ${res.status}: ${text.slice(0, SNIPPET)}`, res.status);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new UpstreamError(service, `${service} answered ${res.status} with a body that is not JSON`, res.status, 'bad_response', { cause: err });
  }
}

export function postJson(service: string, url: string, body: unknown, opts: PostOptions): Promise<unknown> {
  return send(service, url, { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }, opts);
}

export function postForm(service: string, url: string, form: FormData, opts: PostOptions): Promise<unknown> {
  return send(service, url, { body: form }, opts); // fetch sets the multipart boundary
}

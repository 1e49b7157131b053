// A reader of the Prometheus text exposition format (what /api/metrics answers), for
// the alert evaluator, which scrapes processes like Prometheus would, and for the
// console's overview, which reads its own registry and the worker's the same way. Samples only:
// HELP/TYPE lines and timestamps are not needed by the queries. prom-client can write
// this format but not read it, and a full parser package would be more than this.
import { env } from '../env';

export type Sample = { name: string; labels: Record<string, string>; value: number };

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?\s*$/;
const LABEL = /\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*(?:,|$)/y;

function unescape(v: string): string {
  return v.replace(/\\(["\\n])/g, (_m, c: string) => (c === 'n' ? '\n' : c));
}

// Any case, as Prometheus reads them (Go's ParseFloat): prom-client writes NaN as "Nan".
const SPECIAL: Record<string, number> = { nan: Number.NaN, inf: Infinity, '+inf': Infinity, '-inf': -Infinity, infinity: Infinity, '+infinity': Infinity, '-infinity': -Infinity };

function parseValue(v: string): number {
  const special = SPECIAL[v.toLowerCase()];
  if (special !== undefined) return special;
  const n = Number(v);
  if (Number.isNaN(n)) throw new Error(`not a sample value: ${v}`);
  return n;
}

function parseLabels(body: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  let pos = 0;
  while (pos < body.length) {
    if (/^\s*$/.test(body.slice(pos))) break;
    LABEL.lastIndex = pos;
    const m = LABEL.exec(body);
    if (!m) throw new Error(`bad labels in: ${line.slice(0, 200)}`);
    labels[m[1]!] = unescape(m[2]!);
    pos = LABEL.lastIndex;
  }
  return labels;
}

/** Every sample of an exposition text. Throws, naming the line, on a line it cannot read. */
export function parseExposition(text: string): Sample[] {
  const out: Sample[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`not a sample line: ${line.slice(0, 200)}`);
    out.push({ name: m[1]!, labels: m[2] ? parseLabels(m[2], line) : {}, value: parseValue(m[3]!) });
  }
  return out;
}

/** GET a /metrics endpoint and read its samples, each labelled with the scraped `instance` (host:port). */
export async function scrapeMetrics(url: string, timeoutMs: number): Promise<Sample[]> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'text/plain' } });
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  const instance = new URL(url).host;
  return parseExposition(await res.text()).map((s) => ({ ...s, labels: { ...s.labels, instance } }));
}

/** The worker's metrics endpoint on this host, when it serves one (WORKER_METRICS_PORT > 0). */
export function workerMetricsUrls(): string[] {
  return env.WORKER_METRICS_PORT > 0 ? [`http://${env.HOST}:${env.WORKER_METRICS_PORT}/metrics`] : [];
}

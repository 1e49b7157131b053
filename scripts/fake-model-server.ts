// A fake OpenAI-compatible model server for tests and demos: a real HTTP process
// (node:http) that answers
//   POST /v1/chat/completions       YES/NO from keyword logic, or a summary
//   POST /v1/audio/transcriptions   a canned transcription of any WAV upload
//   GET  /v1/models, GET /health
//   GET|POST /admin/config          latency and failure rate, changeable at runtime
//   GET  /admin/stats               requests served and failed, per endpoint
// with a configurable latency and a failure rate (failed requests answer 5xx after
// the same latency). Answers are deterministic; which requests fail is too, given
// --seed.
//
//   npm run fake-model -- --port 8765 --latency-ms 50 --failure-rate 0.2
//
// --port 0 picks a free port. The first line on stdout is always
// "fake-model-server listening on http://HOST:PORT" (tests read it).
import http from 'node:http';
import { parseArgs } from 'node:util';

type Config = { latencyMs: number; failureRate: number; failureStatus: number };

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: '8765' },
    host: { type: 'string', default: '127.0.0.1' },
    'latency-ms': { type: 'string', default: '0' },
    'failure-rate': { type: 'string', default: '0' },
    'failure-status': { type: 'string', default: '503' },
    seed: { type: 'string', default: '1' },
    'api-key': { type: 'string' },
  },
});

const MODEL = 'afirgen-fir';
const TRANSCRIPT =
  'Yesterday evening at about 7 pm my mobile phone was stolen from my bag at the Majestic bus stand. ' +
  'It is a black Samsung phone worth Rs 15,000.';
const MAX_BODY = 30 * 1024 * 1024; // a little over the 25 MB an ASR upload may be

const config: Config = validConfig({
  latencyMs: Number(args['latency-ms']),
  failureRate: Number(args['failure-rate']),
  failureStatus: Number(args['failure-status']),
});
const stats = { chat: 0, transcriptions: 0, failed: 0, started: new Date().toISOString() };

// mulberry32: a seeded generator, so "which requests fail" repeats run to run
let seed = Number(args.seed) >>> 0;
function random(): number {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

function validConfig(c: Config): Config {
  if (!Number.isFinite(c.latencyMs) || c.latencyMs < 0 || c.latencyMs > 600_000) throw new Error(`latency-ms must be in [0, 600000], got ${c.latencyMs}`);
  if (!(c.failureRate >= 0 && c.failureRate <= 1)) throw new Error(`failure-rate must be in [0, 1], got ${c.failureRate}`);
  if (!Number.isInteger(c.failureStatus) || c.failureStatus < 500 || c.failureStatus > 599) throw new Error(`failure-status must be a 5xx, got ${c.failureStatus}`);
  return c;
}

// ── answers ─────────────────────────────────────────────────────────────────

const GENERIC = new Set(['punishment', 'offence', 'offences', 'person', 'persons', 'public', 'causing', 'voluntarily', 'against', 'under', 'certain', 'other', 'which', 'their', 'being', 'without', 'there', 'where', 'having', 'dishonestly']);

/** YES when a listed keyword, or a distinctive title word (by its first 5 letters), is in the complaint. */
function yesNo(prompt: string): 'YES' | 'NO' {
  const complaint = (/<<<\n([\s\S]*?)\n>>>/.exec(prompt)?.[1] ?? '').toLowerCase();
  const title = /BNS section [^:]+: ([^\n]+?)\.\n/.exec(prompt)?.[1] ?? '';
  const keywords = (/Words complainants use for it: ([^\n]+)\.\n/.exec(prompt)?.[1] ?? '').split(',').map((k) => k.trim().toLowerCase()).filter(Boolean);
  if (keywords.some((k) => complaint.includes(k))) return 'YES';
  const stems = new Set(complaint.split(/[^a-z]+/).filter((w) => w.length >= 5).map((w) => w.slice(0, 5)));
  const titleWords = title.toLowerCase().split(/[^a-z]+/).filter((w) => w.length >= 5 && !GENERIC.has(w));
  return titleWords.some((w) => stems.has(w.slice(0, 5))) ? 'YES' : 'NO';
}

/** The first three sentences, whitespace tidied, first letter capitalised. */
function summary(prompt: string): string {
  const complaint = /<<<\n([\s\S]*?)\n>>>/.exec(prompt)?.[1] ?? '';
  const text = complaint.replace(/\s+/g, ' ').trim();
  const sentences = text.match(/[^.!?]+[.!?]*/g) ?? [];
  const out = sentences.slice(0, 3).join(' ').replace(/\s+/g, ' ').trim();
  return out ? out[0]!.toUpperCase() + out.slice(1) : '';
}

type ChatBody = { model?: unknown; messages?: { role?: unknown; content?: unknown }[] };

function chatCompletion(body: ChatBody): { status: number; json: unknown } {
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    return { status: 400, json: { error: { message: 'messages is required', type: 'invalid_request_error' } } };
  }
  const prompt = body.messages.map((m) => (typeof m.content === 'string' ? m.content : '')).join('\n');
  const content = /answer with yes or no/i.test(prompt) ? yesNo(prompt) : summary(prompt);
  const tokens = (s: string) => Math.ceil(s.length / 4);
  return {
    status: 200,
    json: {
      id: `chatcmpl-fake-${stats.chat}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: typeof body.model === 'string' ? body.model : MODEL,
      choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
      usage: { prompt_tokens: tokens(prompt), completion_tokens: tokens(content), total_tokens: tokens(prompt) + tokens(content) },
    },
  };
}

/** Seconds of audio in a PCM WAV file, or null if it is not one. */
function wavSeconds(bytes: Uint8Array): number | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < 44 || b.toString('ascii', 0, 4) !== 'RIFF' || b.toString('ascii', 8, 12) !== 'WAVE') return null;
  let at = 12;
  let byteRate = 0;
  while (at + 8 <= b.length) {
    const id = b.toString('ascii', at, at + 4);
    const size = b.readUInt32LE(at + 4);
    if (id === 'fmt ') byteRate = b.readUInt32LE(at + 16);
    if (id === 'data') return byteRate ? Math.min(size, b.length - at - 8) / byteRate : null;
    at += 8 + size + (size % 2);
  }
  return null;
}

async function transcription(req: http.IncomingMessage, raw: Buffer): Promise<{ status: number; json: unknown }> {
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('multipart/form-data')) return { status: 400, json: { error: { message: 'expected multipart/form-data', type: 'invalid_request_error' } } };
  const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': type } }).formData();
  const file = form.get('file');
  if (!(file instanceof Blob)) return { status: 400, json: { error: { message: 'file is required', type: 'invalid_request_error' } } };
  const seconds = wavSeconds(new Uint8Array(await file.arrayBuffer()));
  if (seconds === null) return { status: 400, json: { error: { message: 'file is not a PCM WAV file', type: 'invalid_request_error' } } };
  const format = String(form.get('response_format') ?? 'json');
  const language = String(form.get('language') ?? 'en');
  return { status: 200, json: format === 'verbose_json' ? { task: 'transcribe', language, duration: Math.round(seconds * 1000) / 1000, text: TRANSCRIPT } : { text: TRANSCRIPT } };
}

// ── the server ──────────────────────────────────────────────────────────────

function send(res: http.ServerResponse, status: number, json: unknown): void {
  const body = JSON.stringify(json);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const raw = await readBody(req);
  if (req.method === 'GET' && path === '/health') return send(res, 200, { status: 'ok' });
  if (path === '/admin/config') {
    if (req.method === 'POST') {
      try {
        const patch = JSON.parse(raw.toString('utf8') || '{}') as Partial<Config>;
        Object.assign(config, validConfig({ ...config, ...patch }));
      } catch (err) {
        return send(res, 400, { error: { message: (err as Error).message } });
      }
    }
    return send(res, 200, config);
  }
  if (req.method === 'GET' && path === '/admin/stats') return send(res, 200, stats);
  if (req.method === 'GET' && path === '/v1/models') {
    return send(res, 200, { object: 'list', data: [{ id: MODEL, object: 'model', owned_by: 'afirgen' }, { id: 'whisper-1', object: 'model', owned_by: 'afirgen' }] });
  }

  const chat = req.method === 'POST' && path === '/v1/chat/completions';
  const asr = req.method === 'POST' && path === '/v1/audio/transcriptions';
  if (!chat && !asr) return send(res, 404, { error: { message: `no route ${req.method} ${path}`, type: 'invalid_request_error' } });
  if (args['api-key'] && req.headers.authorization !== `Bearer ${args['api-key']}`) {
    return send(res, 401, { error: { message: 'invalid api key', type: 'invalid_request_error' } });
  }
  if (chat) stats.chat++;
  else stats.transcriptions++;
  if (config.latencyMs > 0) await sleep(config.latencyMs);
  if (config.failureRate > 0 && random() < config.failureRate) {
    stats.failed++;
    return send(res, config.failureStatus, { error: { message: 'the fake model server failed on purpose', type: 'server_error' } });
  }
  if (chat) {
    let body: ChatBody;
    try {
      body = JSON.parse(raw.toString('utf8')) as ChatBody;
    } catch {
      return send(res, 400, { error: { message: 'body is not JSON', type: 'invalid_request_error' } });
    }
    const out = chatCompletion(body);
    return send(res, out.status, out.json);
  }
  const out = await transcription(req, raw);
  return send(res, out.status, out.json);
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((err: unknown) => {
    if (!res.headersSent) send(res, 500, { error: { message: (err as Error).message, type: 'server_error' } });
    else res.destroy();
  });
});

server.listen(Number(args.port), args.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : args.port;
  console.log(`fake-model-server listening on http://${args.host}:${port}`);
  console.log(`latency ${config.latencyMs} ms, failure rate ${config.failureRate} (${config.failureStatus}); POST /admin/config to change`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}

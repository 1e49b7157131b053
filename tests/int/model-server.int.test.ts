// The model-server clients against a real fake model server (scripts/fake-model-server.ts,
// started here as a child process on a free port): drafts refined while it is healthy;
// at 100 % failures the breaker opens after the threshold and drafts fall back to the
// built-in drafter; healthy again, the breaker half-opens after its (shortened) recovery
// time, closes on a good probe and refinement is applied again. Plus timeouts, the
// Property 23 metrics, and speech-to-text of a WAV made here.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBnsSections } from '../../server/fir/bns/load-sections';
import { AsrClient, BuiltinDrafter, draftingService, LlmClient, ModelDrafter } from '../../server/fir/drafting';
import { registry } from '../../server/observability';
import { breakerRegistry, UpstreamError } from '../../server/resilience/policies';

const ROOT = path.resolve(import.meta.dirname, '../..');
const NARRATIVE =
  'Yesterday at about 7 pm near the Majestic bus stand two unknown men on a motorcycle snatched my gold chain ' +
  'worth Rs 60,000 and sped away. When I shouted they threatened to kill me. My phone number is 9876543210.';

let child: ChildProcess;
let base: string;
const tag = `${process.pid}-${Date.now().toString(36)}`;

function startFakeServer(): Promise<{ proc: ChildProcess; url: string }> {
  const proc = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/fake-model-server.ts', '--port', '0', '--latency-ms', '5'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`fake model server did not start: ${out}`)), 20_000);
    proc.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, url: m[1]! });
      }
    });
    proc.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    proc.on('exit', (code) => reject(new Error(`fake model server exited (${code}): ${out}`)));
  });
}

async function admin(patch: Record<string, number>): Promise<void> {
  const res = await fetch(`${base}/admin/config`, { method: 'POST', body: JSON.stringify(patch) });
  expect(res.status).toBe(200);
}

async function served(): Promise<number> {
  const s = (await (await fetch(`${base}/admin/stats`)).json()) as { chat: number; transcriptions: number };
  return s.chat + s.transcriptions;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A PCM WAV: 16-bit mono, `seconds` of a 440 Hz tone. */
function wav(seconds: number, rate = 16_000): Buffer {
  const samples = Math.round(seconds * rate);
  const b = Buffer.alloc(44 + samples * 2);
  b.write('RIFF', 0, 'ascii');
  b.writeUInt32LE(36 + samples * 2, 4);
  b.write('WAVE', 8, 'ascii');
  b.write('fmt ', 12, 'ascii');
  b.writeUInt32LE(16, 16); // fmt chunk size
  b.writeUInt16LE(1, 20); // PCM
  b.writeUInt16LE(1, 22); // mono
  b.writeUInt32LE(rate, 24);
  b.writeUInt32LE(rate * 2, 28); // byte rate
  b.writeUInt16LE(2, 32); // block align
  b.writeUInt16LE(16, 34); // bits per sample
  b.write('data', 36, 'ascii');
  b.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) b.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 12_000), 44 + i * 2);
  return b;
}

beforeAll(async () => {
  const started = await startFakeServer();
  child = started.proc;
  base = started.url;
});

afterAll(() => {
  child?.kill('SIGTERM');
  for (const n of breakerRegistry.names()) if (n.includes(tag)) breakerRegistry.remove(n);
});

describe('ModelDrafter with the fake model server', () => {
  const sections = loadBnsSections();
  const now = new Date('2026-03-10T10:00:00+05:30');
  const HALF_OPEN_MS = 1500; // instead of 30 s, so the test sees the breaker recover

  it('refines while healthy, falls back while the breaker is open, and refines again after recovery', async () => {
    const name = `model:llm-${tag}`;
    const llm = new LlmClient({
      baseUrl: base,
      model: 'afirgen-fir',
      timeoutMs: 3000,
      breaker: name,
      retry: { maxAttempts: 1, initialDelayMs: 20, maxDelayMs: 50 },
      breakerOptions: { halfOpenAfterMs: HALF_OPEN_MS },
    });
    const drafter = new ModelDrafter({ llm });
    const builtin = await new BuiltinDrafter().draft(NARRATIVE, { now, sections });
    expect(builtin.suggestedSections.length).toBeGreaterThan(0);

    // healthy
    const applied = await drafter.draft(NARRATIVE, { now, sections });
    expect(applied.refinement).toMatchObject({ server: 'llm', status: 'applied' });
    const asked = builtin.suggestedSections.slice(0, 5).map((s) => s.section);
    const r = applied.refinement!;
    expect([...r.confirmed!, ...r.dropped!].every((s) => asked.includes(s))).toBe(true);
    expect(r.confirmed!.length + r.dropped!.length).toBeGreaterThan(0);
    for (const s of r.dropped!) expect(applied.suggestedSections.map((x) => x.section)).not.toContain(s);
    for (const s of r.confirmed!) {
      const before = builtin.suggestedSections.find((x) => x.section === s)!;
      expect(applied.suggestedSections.find((x) => x.section === s)!.score).toBeGreaterThan(before.score);
    }
    const scores = applied.suggestedSections.map((s) => s.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(r.summary).toMatch(/^Yesterday at about 7 pm/);
    expect(applied.drafter).toBe('builtin+llm');
    expect(breakerRegistry.snapshot(name).state).toBe('closed');

    // 100 % failures: the first draft's calls reach the threshold (5 in a row) and open the breaker
    await admin({ failureRate: 1 });
    const failed = await drafter.draft(NARRATIVE, { now, sections });
    expect(failed.refinement).toMatchObject({ status: 'fallback' });
    expect(failed.refinement!.reason).toMatch(/unavailable/);
    expect(failed.suggestedSections).toEqual(builtin.suggestedSections); // the built-in suggestions, untouched
    expect(failed.drafter).toBe('builtin');
    const open = breakerRegistry.snapshot(name);
    expect(open.state).toBe('open');
    expect(open.counts.failures).toBeGreaterThanOrEqual(5);
    expect(open.lastFailure?.reason).toBe('http 503');

    // while open: drafts still succeed, and no request reaches the server
    const before = await served();
    const rejected = await drafter.draft(NARRATIVE, { now, sections });
    expect(rejected.refinement).toMatchObject({ status: 'fallback', reason: 'the model server is unavailable (circuit open)' });
    expect(await served()).toBe(before);
    expect(breakerRegistry.snapshot(name).counts.rejections).toBeGreaterThan(0);

    // healthy again: after the half-open time one probe goes through and closes the breaker
    await admin({ failureRate: 0 });
    await sleep(HALF_OPEN_MS + 100);
    const recovered = await drafter.draft(NARRATIVE, { now, sections });
    expect(recovered.refinement).toMatchObject({ status: 'applied' });
    expect(recovered.suggestedSections).toEqual(applied.suggestedSections); // deterministic answers
    const closed = breakerRegistry.snapshot(name);
    expect(closed.state).toBe('closed');
    expect(closed.transitions.map((t) => t.to)).toEqual(['open', 'half-open', 'closed']);

    // Property 23 (backend-optimization): Model server latency tracking
    const metrics = await registry.metrics();
    for (const outcome of ['success', 'error', 'rejected']) {
      expect(metrics).toMatch(new RegExp(`model_server_request_duration_seconds_count\\{server="llm",outcome="${outcome}"\\} [1-9]`));
    }
    expect(metrics).toContain(`circuit_breaker_state{breaker="${name}"} 0`);
    expect(metrics).toMatch(new RegExp(`circuit_breaker_transitions_total\\{breaker="${name}",to="open"\\} 1`));
  });

  it('a server slower than the timeout counts as a timeout and the draft falls back', async () => {
    const llm = new LlmClient({ baseUrl: base, model: 'afirgen-fir', timeoutMs: 150, breaker: `model:llm-slow-${tag}`, retry: { maxAttempts: 0 } });
    await admin({ latencyMs: 600 });
    try {
      const err = await llm.chat([{ role: 'user', content: 'hello' }]).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'UNAVAILABLE', details: { attempts: 1, reason: 'timeout' } });
      const draft = await new ModelDrafter({ llm, summary: false }).draft(NARRATIVE, { now, sections });
      expect(draft.refinement).toMatchObject({ status: 'fallback' });
      expect(draft.refinement!.reason).toMatch(/timeout/);
    } finally {
      await admin({ latencyMs: 5 });
    }
    expect(await registry.metrics()).toMatch(/model_server_request_duration_seconds_count\{server="llm",outcome="timeout"\} [1-9]/);
  });

  it('no server listening: connection refused, retried, then the built-in draft', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const llm = new LlmClient({ baseUrl: `http://127.0.0.1:${port}`, model: 'x', timeoutMs: 1000, breaker: `model:llm-down-${tag}`, retry: { maxAttempts: 1, initialDelayMs: 10, maxDelayMs: 10 } });
    const err = await llm.chat([{ role: 'user', content: 'hi' }]).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'UNAVAILABLE', details: { attempts: 2, reason: 'ECONNREFUSED' } });
    const draft = await new ModelDrafter({ llm }).draft(NARRATIVE, { now, sections });
    expect(draft.refinement).toMatchObject({ status: 'fallback' });
  });

  it('without a configured LLM the service is the built-in drafter, and a ModelDrafter without one says skipped', async () => {
    expect(draftingService().name).toBe('builtin'); // LLM_BASE_URL is not set for the tests
    const draft = await new ModelDrafter({ llm: null }).draft(NARRATIVE, { now, sections });
    expect(draft.refinement).toMatchObject({ status: 'skipped' });
  });
});

describe('AsrClient with the fake model server', () => {
  it('transcribes a WAV complaint', async () => {
    const asr = new AsrClient({ baseUrl: base, timeoutMs: 5000, breaker: `model:asr-${tag}` });
    const out = await asr.transcribe(wav(0.5), { language: 'en', responseFormat: 'verbose_json' });
    expect(out.text).toMatch(/mobile phone was stolen/);
    expect(out.durationSeconds).toBeCloseTo(0.5, 3); // the server read all our bytes
    expect(out.language).toBe('en');
    const plain = await asr.transcribe(wav(0.1));
    expect(plain).toMatchObject({ text: out.text, durationSeconds: null });
    expect(await registry.metrics()).toMatch(/model_server_request_duration_seconds_count\{server="asr",outcome="success"\} [1-9]/);
  });

  it('a file that is not audio is refused once (400 is permanent: not retried)', async () => {
    const asr = new AsrClient({ baseUrl: base, timeoutMs: 5000, breaker: `model:asr-bad-${tag}`, retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 1 } });
    const before = await served();
    const err = await asr.transcribe(Buffer.from('definitely not a wav file, just text'), { filename: 'x.txt', mimeType: 'text/plain' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err).toMatchObject({ status: 400 });
    expect(await served()).toBe(before + 1);
    expect(breakerRegistry.snapshot(`model:asr-bad-${tag}`).counts).toMatchObject({ failures: 0, ignored: 1 });
  });
});

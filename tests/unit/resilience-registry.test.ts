// The breaker registry's controls (isolate, reset), what it reports (counts, last
// failure, transitions with timestamps, the last 50 only), the Prometheus metrics, and
// the composed call path retry → breaker → timeout (Resilience).
import { isBrokenCircuitError } from 'cockatiel';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../server/lib/app-error';
import { registry } from '../../server/observability';
import { breakerRegistry, Resilience, TRANSITIONS_KEPT, UpstreamError, type AttemptOutcome } from '../../server/resilience/policies';

let unique = 0;
const made: string[] = [];
const fresh = (prefix = 'test') => {
  const name = `${prefix}:reg-${process.pid}-${unique++}`;
  made.push(name);
  return name;
};

afterEach(() => {
  vi.useRealTimers();
  for (const n of made.splice(0)) breakerRegistry.remove(n);
});

const fail = () => {
  throw new UpstreamError('dep', 'answered 503', 503);
};

async function metricLines(name: string): Promise<string[]> {
  return (await registry.metrics()).split('\n').filter((l) => l.includes(`breaker="${name}"`));
}

describe('breaker registry', () => {
  it('knows every breaker by name; the same name gives the same breaker', () => {
    const a = fresh('model');
    const b = fresh('db');
    expect(breakerRegistry.breaker(a)).toBe(breakerRegistry.breaker(a, { consecutiveFailures: 1 }));
    breakerRegistry.breaker(b);
    expect(breakerRegistry.names()).toEqual(expect.arrayContaining([a, b]));
    expect(breakerRegistry.list().map((s) => s.name)).toEqual(expect.arrayContaining([a, b]));
    expect(() => breakerRegistry.breaker('Not A Name!')).toThrow(RangeError);
    expect(() => breakerRegistry.isolate('nope:missing')).toThrow(AppError);
  });

  it('isolate holds it open without calling the operation; reset closes it with empty windows; both are on the timeline and in the metrics', async () => {
    const name = fresh();
    const b = breakerRegistry.breaker(name, { consecutiveFailures: 2 });
    await b.execute(fail).catch(() => {});
    const isolated = breakerRegistry.isolate(name, 'maintenance window');
    expect(isolated.state).toBe('isolated');
    let called = 0;
    const err = await b.execute(() => ++called).catch((e: unknown) => e);
    expect(isBrokenCircuitError(err)).toBe(true);
    expect(called).toBe(0);
    expect(await metricLines(name)).toEqual(expect.arrayContaining([`circuit_breaker_state{breaker="${name}"} 3`]));

    const reset = breakerRegistry.reset(name, 'operator reset');
    expect(reset.state).toBe('closed');
    expect(reset.consecutiveFailures).toBe(0);
    expect(reset.window).toMatchObject({ failures: 0, successes: 0 });
    await expect(b.execute(() => 'back')).resolves.toBe('back');
    const t = reset.transitions;
    expect(t.map((x) => [x.from, x.to, x.reason])).toEqual([
      ['closed', 'isolated', 'maintenance window'],
      ['isolated', 'closed', 'operator reset'],
    ]);
    for (const x of t) expect(x.at).toBeGreaterThan(Date.now() - 60_000);

    const lines = await metricLines(name);
    expect(lines).toEqual(
      expect.arrayContaining([
        `circuit_breaker_state{breaker="${name}"} 0`,
        `circuit_breaker_transitions_total{breaker="${name}",to="isolated"} 1`,
        `circuit_breaker_transitions_total{breaker="${name}",to="closed"} 1`,
        `circuit_breaker_calls_total{breaker="${name}",outcome="failure"} 1`,
        `circuit_breaker_calls_total{breaker="${name}",outcome="rejected"} 1`,
        `circuit_breaker_calls_total{breaker="${name}",outcome="success"} 1`,
      ]),
    );
  });

  it('reset of an open breaker closes it at once (no waiting for the half-open time)', async () => {
    const name = fresh();
    const b = breakerRegistry.breaker(name, { consecutiveFailures: 1, halfOpenAfterMs: 3_600_000 });
    await b.execute(fail).catch(() => {});
    expect(b.state).toBe('open');
    const snap = breakerRegistry.snapshot(name);
    expect(snap.lastFailure).toMatchObject({ message: 'answered 503', reason: 'http 503' });
    expect(snap.openedAt).not.toBeNull();
    expect(snap.transitions.at(-1)).toMatchObject({ from: 'closed', to: 'open', reason: 'http 503: answered 503' });
    breakerRegistry.reset(name);
    await expect(b.execute(() => 1)).resolves.toBe(1);
  });

  it(`keeps the last ${TRANSITIONS_KEPT} transitions`, async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    let now = 1_700_000_000_000;
    vi.setSystemTime(now);
    const name = fresh();
    const b = breakerRegistry.breaker(name, { consecutiveFailures: 1, halfOpenAfterMs: 10 });
    for (let i = 0; i < 40; i++) {
      await b.execute(fail).catch(() => {}); // closed → open, or half-open → open
      now += 10;
      vi.setSystemTime(now);
    }
    const t = breakerRegistry.snapshot(name).transitions;
    expect(t).toHaveLength(TRANSITIONS_KEPT);
    expect(t.at(-1)!.at).toBe(now - 10);
    for (let i = 1; i < t.length; i++) {
      expect(t[i]!.at).toBeGreaterThanOrEqual(t[i - 1]!.at);
      expect(t[i]!.from).toBe(t[i - 1]!.to); // a continuous timeline
    }
  });
});

describe('retry → breaker → timeout', () => {
  it('times out slow attempts, retries them, and reports each attempt', async () => {
    const seen: AttemptOutcome[] = [];
    const r = new Resilience({ breaker: fresh(), timeoutMs: 30, retry: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 5 } });
    let aborted = 0;
    const err = await r
      .execute(
        'slow op',
        (signal) =>
          new Promise((_, reject) => {
            signal.addEventListener('abort', () => {
              aborted++;
              reject(new Error('aborted'));
            });
          }),
        { observe: (o) => seen.push(o) },
      )
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'UNAVAILABLE', details: { attempts: 3, reason: 'timeout' } });
    expect(seen).toEqual(['timeout', 'timeout', 'timeout']);
    expect(aborted).toBe(3); // the signal handed to the call is aborted at the deadline
  });

  it('stops retrying as soon as the breaker opens, and then rejects without calling', async () => {
    const seen: AttemptOutcome[] = [];
    const r = new Resilience({
      breaker: fresh(),
      timeoutMs: 1000,
      retry: { maxAttempts: 5, initialDelayMs: 1, maxDelayMs: 2 },
      breakerOptions: { consecutiveFailures: 2, halfOpenAfterMs: 60_000 },
    });
    let calls = 0;
    const first = await r.execute('op', async () => {
      calls++;
      throw new UpstreamError('dep', 'answered 502', 502);
    }, { observe: (o) => seen.push(o) }).catch((e: unknown) => e);
    expect(calls).toBe(2); // 2 failures opened it; the 3rd attempt was rejected, not retried further
    expect(first).toMatchObject({ code: 'UNAVAILABLE', details: { attempts: 2, circuitOpen: true } });
    expect(seen).toEqual(['error', 'error', 'rejected']);
    const second = await r.execute('op', async () => ++calls).catch((e: unknown) => e);
    expect(second).toMatchObject({ code: 'UNAVAILABLE', details: { attempts: 0, circuitOpen: true } });
    expect(calls).toBe(2);
  });

  it('a caller who aborts does not make the breaker count a failure', async () => {
    const name = fresh();
    const r = new Resilience({ breaker: name, timeoutMs: 5000, retry: { maxAttempts: 0 }, breakerOptions: { consecutiveFailures: 1 } });
    const ctrl = new AbortController();
    const cancelled = r.execute('op', (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')))), { signal: ctrl.signal }).catch(
      (e: unknown) => e,
    );
    ctrl.abort();
    expect(await cancelled).toMatchObject({ name: 'CancelledError' });
    expect(breakerRegistry.snapshot(name)).toMatchObject({ state: 'closed', counts: { failures: 0, ignored: 1 } });
  });
});

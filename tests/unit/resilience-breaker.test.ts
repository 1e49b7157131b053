// The circuit breaker's state machine (server/resilience/policies/breakers.ts), checked
// against a small reference model on arbitrary sequences of successes, failures,
// errors that are the caller's fault, and clock advances. Time is Vitest's fake Date:
// cockatiel's breaker and our failure-rate window read only Date.now(), so moving the
// system time is the clock (no timers are involved).
import { CircuitState, isBrokenCircuitError, SamplingBreaker, TaskCancelledError, isTaskCancelledError } from 'cockatiel';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../server/lib/app-error';
import { BREAKER_DEFAULTS, breakerRegistry, FailureRateBreaker, UpstreamError, type ManagedBreaker } from '../../server/resilience/policies';

type Step = { kind: 'ok' } | { kind: 'fail' } | { kind: 'caller-error' } | { kind: 'wait'; ms: number };

type Config = { consecutiveFailures: number; minimumRequests: number; failureRateThreshold: number; halfOpenAfterMs: number; samplingDurationMs: number };

/** The expected behaviour, written plainly: a list of samples instead of buckets in a ring. */
class Model {
  state: 'closed' | 'open' = 'closed';
  openedAt = 0;
  inARow = 0;
  samples: { at: number; ok: boolean }[] = [];
  calls = 0;
  rejections = 0;

  constructor(private readonly c: Config) {}

  window(now: number) {
    const buckets = Math.round(this.c.samplingDurationMs / 1000);
    const live = this.samples.filter((s) => Math.floor(s.at / 1000) > Math.floor(now / 1000) - buckets);
    const failures = live.filter((s) => !s.ok).length;
    return { total: live.length, failures };
  }

  /** 'rejected' or 'ran' */
  call(kind: 'ok' | 'fail' | 'caller-error', now: number): 'rejected' | 'ran' {
    if (this.state === 'open') {
      if (now - this.openedAt < this.c.halfOpenAfterMs) {
        this.rejections++;
        return 'rejected';
      }
      this.calls++; // the one half-open probe
      if (kind === 'fail') this.openedAt = now;
      else this.close(); // a success, or an error that is not the dependency's fault, closes
      return 'ran';
    }
    this.calls++;
    if (kind === 'caller-error') return 'ran'; // not counted at all
    this.samples.push({ at: now, ok: kind === 'ok' });
    if (kind === 'ok') {
      this.inARow = 0;
      return 'ran';
    }
    this.inARow++;
    const w = this.window(now);
    if (this.inARow >= this.c.consecutiveFailures || (w.total >= this.c.minimumRequests && w.failures / w.total >= this.c.failureRateThreshold)) {
      this.state = 'open';
      this.openedAt = now;
    }
    return 'ran';
  }

  private close(): void {
    this.state = 'closed';
    this.inARow = 0;
    this.samples = [];
  }
}

const steps = fc.array(
  fc.oneof(
    { weight: 4, arbitrary: fc.constant<Step>({ kind: 'fail' }) },
    { weight: 3, arbitrary: fc.constant<Step>({ kind: 'ok' }) },
    { weight: 1, arbitrary: fc.constant<Step>({ kind: 'caller-error' }) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 3000 }).map((ms): Step => ({ kind: 'wait', ms })) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 90_000 }).map((ms): Step => ({ kind: 'wait', ms })) },
  ),
  { maxLength: 120 },
);

const configs = fc.record({
  consecutiveFailures: fc.integer({ min: 1, max: 8 }),
  minimumRequests: fc.integer({ min: 1, max: 15 }),
  failureRateThreshold: fc.constantFrom(0.25, 0.5, 0.75, 1),
  halfOpenAfterMs: fc.integer({ min: 1, max: 45_000 }),
  samplingDurationMs: fc.constantFrom(5_000, 60_000),
});

let unique = 0;
const made: string[] = [];
function breaker(config: Partial<Config>): ManagedBreaker {
  const name = `test:breaker-${process.pid}-${unique++}`;
  made.push(name);
  return breakerRegistry.breaker(name, config);
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterEach(() => {
  vi.useRealTimers();
  for (const name of made.splice(0)) breakerRegistry.remove(name);
});

const outcome = (kind: 'ok' | 'fail' | 'caller-error') => () => {
  if (kind === 'ok') return 'fine';
  if (kind === 'fail') throw new UpstreamError('dep', 'answered 503', 503);
  throw new AppError('NOT_FOUND', 'no such thing'); // the caller's mistake: says nothing about the dependency
};

describe('circuit breaker state machine', () => {
  // Property 42 (db-cache-infrastructure): Circuit Breaker State Machine
  // Property 27 (backend-optimization): Circuit breaker pattern
  it('closed → open at the threshold → rejects without calling → one probe after the recovery time → closed on success, open on failure', async () => {
    await fc.assert(
      fc.asyncProperty(configs, steps, fc.integer({ min: 0, max: 999 }), async (config, sequence, phase) => {
        let now = 1_700_000_000_000 + phase;
        vi.setSystemTime(now);
        const b = breaker(config);
        const model = new Model(config);
        let called = 0;
        for (const step of sequence) {
          if (step.kind === 'wait') {
            now += step.ms;
            vi.setSystemTime(now);
            continue;
          }
          const expected = model.call(step.kind, now);
          const before = called;
          const result = await b
            .execute(() => {
              called++;
              return outcome(step.kind as 'ok' | 'fail' | 'caller-error')();
            })
            .then(
              () => 'ok' as const,
              (e: unknown) => e,
            );
          if (expected === 'rejected') {
            expect(isBrokenCircuitError(result)).toBe(true);
            expect(called).toBe(before); // rejected without attempting the operation
          } else {
            expect(called).toBe(before + 1);
            expect(isBrokenCircuitError(result)).toBe(false);
          }
          expect(b.state).toBe(model.state);
          if (model.state === 'closed') {
            const w = model.window(now);
            const snap = b.snapshot();
            expect({ total: snap.window.successes + snap.window.failures, failures: snap.window.failures }).toEqual(w);
            expect(snap.consecutiveFailures).toBe(model.inARow);
          }
        }
        const snap = b.snapshot();
        expect(snap.counts.rejections).toBe(model.rejections);
        expect(snap.counts.successes + snap.counts.failures + snap.counts.ignored).toBe(model.calls);
        // every recorded transition is a legal edge of the state machine
        const legal = new Set(['closed>open', 'open>half-open', 'half-open>closed', 'half-open>open']);
        for (const t of snap.transitions) expect(legal.has(`${t.from}>${t.to}`), `${t.from}>${t.to}`).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('with the design defaults: 5 failures in a row open it, 30 s later one probe closes it', async () => {
    expect(BREAKER_DEFAULTS).toMatchObject({ consecutiveFailures: 5, failureRateThreshold: 0.5, samplingDurationMs: 60_000, halfOpenAfterMs: 30_000 });
    vi.setSystemTime(1_700_000_000_000);
    const b = breaker({});
    const fail = () => b.execute(outcome('fail')).catch((e: unknown) => e);
    for (let i = 0; i < 4; i++) await fail();
    expect(b.state).toBe('closed');
    await fail();
    expect(b.state).toBe('open');
    vi.setSystemTime(1_700_000_000_000 + 29_999);
    expect(isBrokenCircuitError(await fail())).toBe(true);
    vi.setSystemTime(1_700_000_000_000 + 30_000);
    await expect(b.execute(outcome('ok'))).resolves.toBe('fine');
    expect(b.state).toBe('closed');
    expect(b.snapshot().transitions.map((t) => t.to)).toEqual(['open', 'half-open', 'closed']);
  });

  it('with the design defaults: >= 50 % of at least 10 calls in 60 s opens it without 5 failures in a row', async () => {
    const t0 = 1_700_000_000_000;
    vi.setSystemTime(t0);
    const b = breaker({});
    // F F S F F S F F S F: 7 of 10 failed, never more than 2 in a row
    const pattern = 'FFSFFSFFS';
    for (const c of pattern) await b.execute(outcome(c === 'F' ? 'fail' : 'ok')).catch(() => {});
    expect(b.state).toBe('closed'); // 9 calls: below the minimum
    await b.execute(outcome('fail')).catch(() => {});
    expect(b.state).toBe('open');
  });

  it('failures older than the 60 s window no longer count', async () => {
    const t0 = 1_700_000_000_000;
    vi.setSystemTime(t0);
    const b = breaker({ consecutiveFailures: 100 });
    for (let i = 0; i < 4; i++) await b.execute(outcome('fail')).catch(() => {});
    for (let i = 0; i < 5; i++) await b.execute(outcome('ok'));
    vi.setSystemTime(t0 + 61_000);
    await b.execute(outcome('fail')).catch(() => {}); // 1 of 1 in the window, below the minimum of 10
    expect(b.snapshot().window).toMatchObject({ failures: 1, successes: 0 });
    expect(b.state).toBe('closed');
  });

  it('in half-open exactly one probe runs; callers arriving meanwhile wait for its outcome', async () => {
    const t0 = 1_700_000_000_000;
    vi.setSystemTime(t0);
    const b = breaker({ consecutiveFailures: 1, halfOpenAfterMs: 1000 });
    await b.execute(outcome('fail')).catch(() => {});
    expect(b.state).toBe('open');
    vi.setSystemTime(t0 + 1000);
    let release!: () => void;
    let calls = 0;
    const probe = b.execute(() => {
      calls++;
      return new Promise<string>((r) => (release = () => r('probe')));
    });
    expect(b.state).toBe('half-open');
    const others = [1, 2, 3].map(() =>
      b.execute(() => {
        calls++;
        return 'other';
      }),
    );
    await Promise.resolve();
    expect(calls).toBe(1);
    release();
    await expect(probe).resolves.toBe('probe');
    await expect(Promise.all(others)).resolves.toEqual(['other', 'other', 'other']);
    expect(calls).toBe(4);
    expect(b.state).toBe('closed');
  });

  it('an error that is the caller\'s fault neither opens the breaker nor counts as a failure', async () => {
    vi.setSystemTime(1_700_000_000_000);
    const b = breaker({ consecutiveFailures: 2 });
    for (let i = 0; i < 10; i++) await b.execute(outcome('caller-error')).catch(() => {});
    expect(b.state).toBe('closed');
    expect(b.snapshot().counts).toMatchObject({ failures: 0, ignored: 10 });
  });
});

// Canaries: cockatiel 3.2.1 behaviours we work around. If one of these fails after an
// upgrade, cockatiel changed, and the workaround named may be removed.
describe('cockatiel 3.2.1 quirks we work around', () => {
  it('SamplingBreaker still counts failures from minutes ago under sparse traffic (why FailureRateBreaker exists)', () => {
    let now = 1_700_000_000_000;
    vi.setSystemTime(now);
    const sampling = new SamplingBreaker({ threshold: 0.5, duration: 60_000, minimumRps: 5 / 60 });
    const ours = new FailureRateBreaker({ threshold: 0.5, durationMs: 60_000, minimumRequests: 5 });
    for (let i = 0; i < 4; i++) {
      sampling.failure(CircuitState.Closed);
      ours.failure(CircuitState.Closed);
    }
    now += 120_000; // two minutes later, one more failure
    vi.setSystemTime(now);
    expect(sampling.failure(CircuitState.Closed)).toBe(true); // opens on 5 failures, 4 of them 2 minutes old
    expect(ours.failure(CircuitState.Closed)).toBe(false); // 1 failure in the last 60 s
  });

  it('isTaskCancelledError() does not recognise a timeout (why classify.ts has isTimeoutError)', () => {
    expect(isTaskCancelledError(new TaskCancelledError('Operation timed out after 1ms'))).toBe(false);
  });
});

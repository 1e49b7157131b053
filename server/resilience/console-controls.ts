// The ops console's controls over resilience: isolate or reset a circuit breaker, set
// or clear a rate-limit override. Each takes effect, then is audit-logged.
import { z } from 'zod';
import { recordAudit, type Actor } from '../auth';
import type { Db } from '../data';
import { listLimitOverrides, setLimitOverride, type LimitOverride } from './limit-overrides';
import { breakerRegistry, type BreakerSnapshot } from './policies';

export const ZBreakerActionInput = z
  .object({
    name: z.string().trim().min(1).max(120),
    reason: z.string().trim().min(3, 'Say why, in a few words').max(500), // one line of the audit log
  })
  .strict();
export type TBreakerActionInput = z.infer<typeof ZBreakerActionInput>;

export const ZSetLimitOverrideInput = z
  .object({
    // an API key by its prefix (the override covers every secret presented with it) or a user
    identity: z
      .string()
      .trim()
      .regex(/^(key:[A-Za-z0-9]{12}|user:[0-9a-f-]{36})$/, 'An identity is key:<12-character prefix> or user:<user id>'),
    perKey: z.number().int().min(1).max(100_000).nullable(), // the same ceiling as RATE_LIMIT_PER_KEY
  })
  .strict();
export type TSetLimitOverrideInput = z.infer<typeof ZSetLimitOverrideInput>;

export async function controlBreaker(
  db: Db,
  actor: Actor,
  action: 'isolate' | 'reset',
  { name, reason }: TBreakerActionInput,
): Promise<{ breaker: BreakerSnapshot; audited: boolean }> {
  const before = breakerRegistry.snapshot(name).state; // NOT_FOUND for an unknown name
  const breaker = action === 'isolate' ? breakerRegistry.isolate(name, reason) : breakerRegistry.reset(name, reason);
  const audited = await recordAudit(db, actor, {
    action: `breaker.${action}`,
    target: `breaker:${name}`,
    details: { reason, before, after: breaker.state },
  });
  return { breaker, audited };
}

export async function overrideLimit(
  db: Db,
  actor: Actor,
  { identity, perKey }: TSetLimitOverrideInput,
): Promise<{ overrides: LimitOverride[]; audited: boolean }> {
  const before = (await listLimitOverrides()).find((o) => o.identity === identity)?.perKey ?? null;
  const overrides = await setLimitOverride(identity, perKey);
  const audited = await recordAudit(db, actor, {
    action: 'rate_limit.override',
    target: `rate_limit:${identity}`,
    details: { identity, before, after: perKey },
  });
  return { overrides, audited };
}

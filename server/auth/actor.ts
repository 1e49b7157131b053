// Who is acting: a signed-in user or an API key. Services take an Actor and decide
// scope from it; the transport (tRPC, REST) only establishes it.
import { AppError } from '../lib';

export type Actor =
  | { kind: 'user'; userId: string; role: 'officer' | 'admin'; stationId: number | null; name: string }
  | { kind: 'apiKey'; apiKeyId: string; stationId: number | null; name: string };

/** The station an actor is confined to, or null when it may see every station. */
export function stationScope(actor: Actor): number | null {
  if (actor.kind === 'user' && actor.role === 'admin') return null;
  return actor.stationId;
}

export function assertStationAccess(actor: Actor, stationId: number): void {
  const scope = stationScope(actor);
  // NOT_FOUND, not FORBIDDEN: another station's FIR must not be confirmed to exist.
  if (scope !== null && scope !== stationId) throw new AppError('NOT_FOUND', 'FIR not found');
}

export function isAdmin(actor: Actor): boolean {
  return actor.kind === 'user' && actor.role === 'admin';
}

/** Columns for fir_event / audit_log rows. */
export function actorColumns(actor: Actor): { actorUserId: string | null; actorApiKeyId: string | null } {
  return actor.kind === 'user'
    ? { actorUserId: actor.userId, actorApiKeyId: null }
    : { actorUserId: null, actorApiKeyId: actor.apiKeyId };
}

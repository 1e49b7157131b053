export { type Actor, stationScope, assertStationAccess, isAdmin, actorColumns } from './actor';
export { hashPassword, verifyPassword } from './password';
export {
  signIn,
  signOut,
  sessionFromToken,
  assertCsrf,
  readCookie,
  sessionCookies,
  clearedCookies,
  SESSION_COOKIE,
  CSRF_COOKIE,
  CSRF_HEADER,
  SESSION_TTL_MS,
  type SessionInfo,
} from './sessions';
export { createApiKey, revokeApiKey, listApiKeys, actorFromApiKey, type ApiKeySummary } from './api-keys';
export { getProfile, type Profile } from './get-profile';
export { recordAudit, type AuditRow } from './audit';

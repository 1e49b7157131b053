// The admin audit log (audit_log): who did what to what, and why.
import type { Db } from '../data';
import { logger } from '../observability';
import { actorColumns, type Actor } from './actor';

export type AuditRow = { action: string; target: string; details: Record<string, unknown> };

/**
 * Writes the audit row of a control that has already taken effect. A breaker is often
 * isolated because a dependency is failing, possibly the database itself: the control
 * must not be undone or reported as failed because its audit row could not be written,
 * so the failure is logged in full (the same fields) and reported as audited: false.
 */
export async function recordAudit(db: Db, actor: Actor, row: AuditRow): Promise<boolean> {
  try {
    await db.auditLog.create({ data: { ...actorColumns(actor), action: row.action, target: row.target, details: row.details as object } });
    return true;
  } catch (err) {
    logger.error({ err, audit: { ...actorColumns(actor), ...row } }, 'audit row not written');
    return false;
  }
}

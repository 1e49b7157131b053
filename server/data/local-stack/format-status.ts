// Text rendering of `status` for a terminal. Pure, so the table layout is unit-tested.
import type { NodeStatus } from './collect-status';

function lag(s: NodeStatus): string {
  const r = s.replication;
  if (!r) return '-';
  const bytes = r.lagBytes === null ? '?' : `${r.lagBytes} B`;
  const secs = r.lagSeconds === null ? '?' : `${r.lagSeconds.toFixed(3)} s`;
  return `${bytes}, ${secs}`;
}

function replication(s: NodeStatus): string {
  if (s.role !== 'replica') return '-';
  if (!s.replication) return s.state === 'running' ? 'not connected' : '-';
  return `${s.replication.state} (${s.replication.syncState})`;
}

export function statusCells(s: NodeStatus): string[] {
  return [s.name, s.role, String(s.port), s.pid === null ? '-' : String(s.pid), s.state, replication(s), lag(s)];
}

export const STATUS_HEADER = ['NODE', 'ROLE', 'PORT', 'PID', 'STATE', 'REPLICATION', 'LAG (bytes, seconds)'];

export function formatTable(header: readonly string[], rows: readonly string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

export function formatStatusTable(rows: readonly NodeStatus[]): string {
  return formatTable(STATUS_HEADER, rows.map(statusCells));
}

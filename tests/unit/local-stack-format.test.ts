// `npm run stack -- status` as text: columns line up, and replicas show their
// replication state and lag while other nodes show dashes.
import { describe, expect, it } from 'vitest';
import type { NodeStatus } from '../../server/data/local-stack/collect-status';
import { formatStatusTable, formatTable } from '../../server/data/local-stack/format-status';

const rows: NodeStatus[] = [
  { name: 'primary', role: 'primary', port: 55432, pid: 100, state: 'running', replication: null, logFile: '/l/primary.log' },
  {
    name: 'replica1',
    role: 'replica',
    port: 55433,
    pid: 101,
    state: 'running',
    replication: { state: 'streaming', syncState: 'quorum', lagBytes: 2048, lagSeconds: 0.0123 },
    logFile: '/l/replica1.log',
  },
  { name: 'replica2', role: 'replica', port: 55434, pid: null, state: 'stopped', replication: null, logFile: '/l/replica2.log' },
  { name: 'redis', role: 'redis', port: 56379, pid: 103, state: 'unreachable', replication: null, logFile: '/l/redis.log' },
];

describe('status table', () => {
  it('has a header and one row per node, columns aligned', () => {
    const lines = formatStatusTable(rows).split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^NODE\s+ROLE\s+PORT\s+PID\s+STATE\s+REPLICATION\s+LAG/);
    const stateCol = lines[0]!.indexOf('STATE');
    expect(lines.slice(1).map((l) => l.slice(stateCol).split(/\s+/)[0])).toEqual(['running', 'running', 'stopped', 'unreachable']);
  });

  it('shows a replica’s state, sync state and lag, and dashes where there is nothing to say', () => {
    const text = formatStatusTable(rows);
    expect(text).toMatch(/replica1\s+replica\s+55433\s+101\s+running\s+streaming \(quorum\)\s+2048 B, 0\.012 s/);
    expect(text).toMatch(/replica2\s+replica\s+55434\s+-\s+stopped\s+-\s+-/);
  });

  it('says "not connected" for a running replica the primary does not see', () => {
    const lonely = { ...rows[1]!, replication: null };
    expect(formatStatusTable([lonely])).toContain('not connected');
  });

  it('pads every cell to the widest in its column', () => {
    expect(formatTable(['A', 'B'], [['long-cell', 'x'], ['y', 'z']])).toBe('A          B\nlong-cell  x\ny          z');
  });
});

// Pure parsing in the local stack manager: Redis replies, postmaster.pid, `ss` output,
// node logs, pg_stat_replication rows, and how a data directory is classified.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lastAttemptLines, problemLine } from '../../server/data/local-stack/log-files';
import { toReplicationRow } from '../../server/data/local-stack/pg-admin';
import { inspectDataDir } from '../../server/data/local-stack/pg-data-dir';
import { INCLUDE_LINE, STACK_CONF_FILE } from '../../server/data/local-stack/pg-settings';
import { parsePostmasterPid, parseSsOwner } from '../../server/data/local-stack/process-info';
import { encodeCommand, parseReply } from '../../server/data/local-stack/resp';

describe('Redis protocol', () => {
  it('encodes a command as an array of bulk strings (byte lengths, not characters)', () => {
    expect(encodeCommand(['PING'])).toBe('*1\r\n$4\r\nPING\r\n');
    expect(encodeCommand(['SET', 'k', 'é'])).toBe('*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$2\r\né\r\n');
  });

  it('parses each reply type and says when a reply is incomplete', () => {
    const p = (s: string) => parseReply(Buffer.from(s))?.value;
    expect(p('+PONG\r\n')).toBe('PONG');
    expect(p('-ERR unknown command\r\n')).toEqual({ error: 'ERR unknown command' });
    expect(p(':42\r\n')).toBe(42);
    expect(p('$5\r\nhello\r\n')).toBe('hello');
    expect(p('$-1\r\n')).toBeNull();
    expect(p('*2\r\n$1\r\na\r\n:1\r\n')).toEqual(['a', 1]);
    expect(parseReply(Buffer.from('$5\r\nhel'))).toBeNull();
    expect(parseReply(Buffer.from('*2\r\n$1\r\na\r\n'))).toBeNull();
    expect(parseReply(Buffer.from('+PON'))).toBeNull();
  });

  it('rejects something that is not Redis', () => {
    expect(() => parseReply(Buffer.from('HTTP/1.1 400\r\n'))).toThrow(/Not a Redis reply/);
  });
});

describe('process information', () => {
  it('reads pid, data directory and port from postmaster.pid', () => {
    const text = '4242\n/data/primary\n1700000000\n55432\n\n127.0.0.1\n  1 2\nready   \n';
    expect(parsePostmasterPid(text)).toEqual({ pid: 4242, dataDir: '/data/primary', port: 55432 });
    expect(parsePostmasterPid('')).toBeNull();
    expect(parsePostmasterPid('garbage\n')).toBeNull();
  });

  it('finds the program holding a port in ss output', () => {
    const out = 'LISTEN 0 511 127.0.0.1:56379 0.0.0.0:* users:(("redis-server",pid=812,fd=6))\n';
    expect(parseSsOwner(out)).toEqual({ name: 'redis-server', pid: 812 });
    expect(parseSsOwner('')).toBeNull();
  });
});

describe('node logs', () => {
  const log = [
    '---- afirgen local stack: 2025-01-01T00:00:00Z pg_ctl start primary ----',
    'FATAL:  old failure',
    '---- afirgen local stack: 2025-01-02T00:00:00Z pg_ctl start primary ----',
    'LOG:  starting PostgreSQL 15',
    'FATAL:  could not create lock file "postmaster.pid": Permission denied',
    'LOG:  database system is shut down',
    '',
  ].join('\n');

  it('quotes only the latest attempt, and its FATAL line rather than the last line', () => {
    const lines = lastAttemptLines(log);
    expect(lines).toHaveLength(3);
    expect(lines.some((l) => l.includes('old failure'))).toBe(false);
    expect(problemLine(lines)).toBe('FATAL:  could not create lock file "postmaster.pid": Permission denied');
    expect(problemLine(['LOG:  fine'])).toBe('LOG:  fine');
    expect(problemLine([])).toBeNull();
  });
});

describe('pg_stat_replication rows', () => {
  it('turns numeric strings into numbers and keeps unknown lag as null', () => {
    expect(toReplicationRow({ name: 'replica1', state: 'streaming', sync_state: 'quorum', lag_bytes: '128', lag_seconds: 0.25 })).toEqual({
      name: 'replica1',
      state: 'streaming',
      syncState: 'quorum',
      lagBytes: 128,
      lagSeconds: 0.25,
    });
    expect(toReplicationRow({ name: 'replica2', state: 'catchup', sync_state: 'async', lag_bytes: null, lag_seconds: null })).toMatchObject({
      lagBytes: null,
      lagSeconds: null,
    });
  });
});

describe('data directory classification', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  function dataDir(files: Record<string, string>): string {
    const d = mkdtempSync(path.join(tmpdir(), 'stack-unit-'));
    dirs.push(d);
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(d, name)), { recursive: true });
      writeFileSync(path.join(d, name), text);
    }
    return d;
  }
  const complete = {
    PG_VERSION: '15\n',
    'global/pg_control': 'x',
    'postgresql.conf': `max_connections = 100\n${INCLUDE_LINE}\n`,
    [STACK_CONF_FILE]: 'port = 1\n',
  };

  it('calls a missing or empty directory absent (safe to create)', () => {
    expect(inspectDataDir('/nonexistent/stack/dir', 'primary').kind).toBe('absent');
    expect(inspectDataDir(dataDir({}), 'primary').kind).toBe('absent');
  });

  it('calls an interrupted initdb or an unconfigured directory incomplete, with the reason', () => {
    expect(inspectDataDir(dataDir({ 'base/1/x': '' }), 'primary')).toEqual({ kind: 'incomplete', reason: 'it has no PG_VERSION' });
    expect(inspectDataDir(dataDir({ ...complete, 'postgresql.conf': 'x = 1\n' }), 'primary')).toMatchObject({ kind: 'incomplete' });
  });

  it('needs standby.signal for a replica but not for the primary', () => {
    const d = dataDir(complete);
    expect(inspectDataDir(d, 'primary').kind).toBe('ready');
    expect(inspectDataDir(d, 'replica')).toEqual({ kind: 'incomplete', reason: 'it has no standby.signal' });
    expect(inspectDataDir(dataDir({ ...complete, 'standby.signal': '' }), 'replica').kind).toBe('ready');
  });
});

// Node logs under .stack/logs. The manager opens them itself (as root when it is root)
// and hands the descriptor to the server, so postgres never needs write access to the
// repo. A marker line before each start lets errors quote only the latest attempt.
import fs from 'node:fs';
import { logFile, shown, stackPaths, type NodeName, type StackConfig } from './config';

const MARKER = '---- afirgen local stack: ';

/** Open the node's log for appending, after writing a marker line; the caller closes it. */
export function openNodeLog(cfg: StackConfig, name: NodeName, what: string): number {
  fs.mkdirSync(stackPaths(cfg).logs, { recursive: true });
  const fd = fs.openSync(logFile(cfg, name), 'a');
  fs.writeSync(fd, `${MARKER}${new Date().toISOString()} ${what} ----\n`);
  return fd;
}

/** Lines written since the last marker (the latest start attempt), at most `max`. */
export function lastAttemptLines(text: string, max = 200): string[] {
  const at = text.lastIndexOf(MARKER);
  const since = at < 0 ? text : text.slice(text.indexOf('\n', at) + 1);
  return since.split('\n').filter((l) => l.trim() !== '').slice(-max);
}

/** The most telling line: the last FATAL/PANIC/ERROR, else the last line. */
export function problemLine(lines: readonly string[]): string | null {
  const bad = [...lines].reverse().find((l) => /\b(FATAL|PANIC|ERROR)\b|# /.test(l));
  return (bad ?? lines[lines.length - 1] ?? null)?.trim() ?? null;
}

function readTail(file: string, bytes = 64 * 1024): string {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const start = Math.max(0, size - bytes);
      const buf = Buffer.alloc(size - start);
      fs.readSync(fd, buf, 0, buf.length, start);
      return buf.toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return '';
  }
}

export function lastAttempt(cfg: StackConfig, name: NodeName): string[] {
  return lastAttemptLines(readTail(logFile(cfg, name)));
}

/** " (last log line: ...; see .stack/logs/x.log)" for error messages. */
export function logHint(cfg: StackConfig, name: NodeName): string {
  const line = problemLine(lastAttempt(cfg, name));
  const where = shown(logFile(cfg, name));
  return line ? ` Last log line: "${line}". See ${where}.` : ` See ${where}.`;
}

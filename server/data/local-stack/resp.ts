// A minimal Redis protocol (RESP2) client for PING and SHUTDOWN: the stack manager needs
// one command with a hard timeout, not a reconnecting client like ioredis.
import net from 'node:net';

export type RespValue = string | number | null | RespValue[] | { error: string };

export function encodeCommand(args: readonly string[]): string {
  return `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
}

/** Parse one reply from the start of `buf`; null when it is not complete yet. */
export function parseReply(buf: Buffer, at = 0): { value: RespValue; end: number } | null {
  const eol = buf.indexOf('\r\n', at);
  if (eol < 0) return null;
  const line = buf.toString('utf8', at + 1, eol);
  const next = eol + 2;
  switch (String.fromCharCode(buf[at]!)) {
    case '+':
      return { value: line, end: next };
    case '-':
      return { value: { error: line }, end: next };
    case ':':
      return { value: Number(line), end: next };
    case '$': {
      const len = Number(line);
      if (len < 0) return { value: null, end: next };
      if (buf.length < next + len + 2) return null;
      return { value: buf.toString('utf8', next, next + len), end: next + len + 2 };
    }
    case '*': {
      const n = Number(line);
      if (n < 0) return { value: null, end: next };
      const items: RespValue[] = [];
      let pos = next;
      for (let i = 0; i < n; i++) {
        const item = parseReply(buf, pos);
        if (!item) return null;
        items.push(item.value);
        pos = item.end;
      }
      return { value: items, end: pos };
    }
    default:
      throw new Error(`Not a Redis reply: ${JSON.stringify(buf.toString('utf8', at, Math.min(buf.length, at + 40)))}`);
  }
}

/**
 * Send one command to 127.0.0.1:port. Resolves with the reply, or null when the server
 * closes the connection without one (what SHUTDOWN does); rejects on error or timeout.
 */
export function redisCommand(port: number, args: readonly string[], timeoutMs = 2000): Promise<RespValue> {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host: '127.0.0.1', port });
    let buf = Buffer.alloc(0);
    let done = false;
    const finish = (fn: () => void) => {
      if (done) return;
      done = true;
      sock.destroy();
      fn();
    };
    sock.setTimeout(timeoutMs, () => finish(() => reject(new Error(`no reply from 127.0.0.1:${port} within ${timeoutMs} ms`))));
    sock.on('connect', () => sock.write(encodeCommand(args)));
    sock.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      try {
        const r = parseReply(buf);
        if (r) finish(() => resolve(r.value));
      } catch (err) {
        finish(() => reject(err));
      }
    });
    sock.on('error', (err) => finish(() => reject(err)));
    sock.on('close', () => finish(() => resolve(null)));
  });
}

export async function redisPing(port: number, timeoutMs = 1000): Promise<boolean> {
  try {
    return (await redisCommand(port, ['PING'], timeoutMs)) === 'PONG';
  } catch {
    return false;
  }
}

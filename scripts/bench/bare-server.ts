// The ceiling for the HTTP benchmarks: bare Node http writing fixed bytes, in its
// own process like the app, so neither shares a core's event loop with autocannon.
import http from 'node:http';
import { BENCH_BODY } from '../../server/http/bench-payload';

const port = Number(process.argv[2] ?? 3211);
const body = Buffer.from(BENCH_BODY);
http
  .createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  })
  .listen(port, '127.0.0.1');

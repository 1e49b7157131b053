// For `npm run bench -- overhead`: an OTLP/HTTP receiver that accepts and drops every
// export, in its own process, so the traced app really serialises and sends its spans.
import http from 'node:http';

const port = Number(process.argv[2] ?? 3222);
http
  .createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  })
  .listen(port, '127.0.0.1');

// The ceiling for `npm run bench -- cache`: bare Node http writing the bytes of a file
// (the FIR's JSON as the API returns it), in its own process like the app.
import fs from 'node:fs';
import http from 'node:http';

const [port, file] = [Number(process.argv[2]), process.argv[3]!];
const body = fs.readFileSync(file);
http
  .createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
    res.end(body);
  })
  .listen(port, '127.0.0.1');

/**
 * The baseline for the load benchmark: a bare Express 5 app with one echo route, in its own process
 * and in plain Node like the gateway. It parses the JSON body and answers 200 with JSON about the request, as the
 * gateway's echo model does, but checks nothing.
 */
import { createServer } from 'node:http';
import express from 'express';
import { serveUntilTerminated } from './serve.mjs';

const app = express();
app.disable('x-powered-by');
app.disable('etag');
app.post('/v1/infers/:serviceId', express.json(), (req, res) => {
  res.json({
    method: req.method,
    sub_path: '',
    query: '',
    content_type: req.headers['content-type'] ?? null,
    body_bytes: Number(req.headers['content-length'] ?? 0),
    json: req.body,
  });
});

const server = createServer(app);
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();
serveUntilTerminated(
  `http://127.0.0.1:${port}`,
  () =>
    new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
);

#!/usr/bin/env node
// The baseline of `npm run bench`: a bare Hono app on @hono/node-server that answers fixed bytes per path, so that the
// API's figures can be set beside what this machine does for the same response without any application work.
//
//   BODIES=/tmp/bodies.json PORT=0 node tools/bench/bare-server.mjs
//
// BODIES is a JSON file { "<path>": { "contentType": "...", "body": "<exact response text>" } }. Prints
// `listening <port>` on stdout once it accepts connections. Stops on SIGTERM/SIGINT.
import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const bodies = JSON.parse(readFileSync(process.env.BODIES, 'utf8'));
const app = new Hono();
for (const [path, { contentType, body }] of Object.entries(bodies)) {
  const bytes = Buffer.from(body, 'utf8');
  app.get(path, (c) => c.body(bytes, 200, { 'content-type': contentType }));
}
const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`listening ${info.port}\n`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

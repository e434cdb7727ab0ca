#!/usr/bin/env node
// A stand-in for the crew service (docs/crew-service.md), for development and for the crew client's tests. It assigns
// `crew-1`, `crew-2`, … and can be told to fail, to refuse or to be slow, at start or at run time:
//
//   node tools/crew-stub/crew-stub.mjs [--port 8104] [--host 127.0.0.1] [--token <service token>]
//                                      [--mode ok|fail|reject|slow] [--status 503] [--delay-ms 10000]
//   curl -X POST localhost:8104/_stub/behaviour -H 'content-type: application/json' -d '{"mode":"fail","times":2}'
//
// `/_stub/*` is the control surface (behaviour, the calls received, reset); everything else is the crew-service API.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const MODES = ['ok', 'fail', 'reject', 'slow'];

/**
 * @param {{ token?: string | null, mode?: string, status?: number, delayMs?: number }} [options]
 */
export function createCrewStub(options = {}) {
  const normal = { mode: 'ok', status: 0, delayMs: 0, times: null };
  let behaviour = { ...normal };
  const assignments = new Map();
  const calls = [];
  let assigned = 0;

  /** How the next API call is answered; a behaviour with `times` wears off after that many calls. */
  function next() {
    const current = behaviour;
    if (current.times !== null && (current.times -= 1) <= 0) behaviour = { ...normal };
    return current;
  }
  function behave(b) {
    if (!MODES.includes(b.mode ?? 'ok')) throw new Error(`mode must be one of ${MODES.join(', ')}`);
    const mode = b.mode ?? 'ok';
    const status = b.status ?? (mode === 'reject' ? 422 : mode === 'fail' ? 503 : 0);
    behaviour = { mode, status, delayMs: b.delayMs ?? (mode === 'slow' ? 10_000 : 0), times: b.times ?? null };
  }
  behave({ mode: options.mode, status: options.status, delayMs: options.delayMs });

  const app = new Hono();
  app.get('/_stub/calls', (c) => c.json(calls));
  app.post('/_stub/behaviour', async (c) => {
    try {
      behave(await c.req.json());
    } catch (error) {
      return c.json({ error: String(error) }, 400);
    }
    return c.json(behaviour);
  });
  app.post('/_stub/reset', (c) => {
    behaviour = { ...normal };
    calls.length = 0;
    assignments.clear();
    assigned = 0;
    return c.body(null, 204);
  });

  // Every API call is recorded first, so a test can count the calls a client made, timed-out ones included.
  app.use('/assignments/*', async (c, nextHandler) => {
    const body = c.req.method === 'PUT' ? await c.req.raw.clone().text() : null;
    const { pathname, search } = new URL(c.req.url);
    calls.push({ method: c.req.method, path: `${pathname}${search}`, authorization: c.req.header('authorization') ?? null, body });
    const b = next();
    if (b.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, b.delayMs));
    if (b.mode === 'fail' || b.mode === 'reject') return c.json({ title: 'stub told to answer so', status: b.status }, b.status);
    if (options.token && c.req.header('authorization') !== `Bearer ${options.token}`) return c.json({ title: 'bad token', status: 401 }, 401);
    return nextHandler();
  });

  app.put('/assignments/:eventId', async (c) => {
    const body = await c.req.json().catch(() => null);
    if (typeof body !== 'object' || body === null || !Number.isInteger(body.size) || body.size < 1 || !Array.isArray(body.skills)) {
      return c.json({ title: 'size (a positive integer) and skills (an array) are required', status: 400 }, 400);
    }
    const eventId = c.req.param('eventId');
    const request = JSON.stringify({ size: body.size, skills: body.skills, startsAt: body.startsAt, endsAt: body.endsAt ?? null });
    const existing = assignments.get(eventId);
    // The same request again answers the same crew: what makes the client's retries safe.
    if (existing?.request === request) return c.json({ crewId: existing.crewId, eventId }, 200);
    const crewId = `crew-${(assigned += 1)}`;
    assignments.set(eventId, { crewId, request });
    return c.json({ crewId, eventId }, 201);
  });
  app.get('/assignments/:eventId', (c) => {
    const found = assignments.get(c.req.param('eventId'));
    return found ? c.json({ crewId: found.crewId, eventId: c.req.param('eventId') }) : c.json({ title: 'no crew', status: 404 }, 404);
  });
  app.delete('/assignments/:eventId', (c) => {
    const found = assignments.get(c.req.param('eventId'));
    const crewId = c.req.query('crewId');
    if (!found || (crewId !== undefined && crewId !== found.crewId)) return c.json({ title: 'no such crew', status: 404 }, 404);
    assignments.delete(c.req.param('eventId'));
    return c.body(null, 204);
  });
  return { app, behave };
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.CREW_STUB_PORT ?? '8104' },
      host: { type: 'string', default: '127.0.0.1' },
      token: { type: 'string', default: process.env.CREW_STUB_TOKEN },
      mode: { type: 'string', default: 'ok' },
      status: { type: 'string' },
      'delay-ms': { type: 'string' },
    },
  });
  const { app } = createCrewStub({
    token: values.token ?? null,
    mode: values.mode,
    ...(values.status ? { status: Number(values.status) } : {}),
    ...(values['delay-ms'] ? { delayMs: Number(values['delay-ms']) } : {}),
  });
  const server = serve({ fetch: app.fetch, port: Number(values.port), hostname: values.host }, (info) => {
    // Tests read this line to learn the port (`--port 0` picks a free one).
    process.stdout.write(`crew-stub listening on http://${values.host}:${info.port}\n`);
  });
  const stop = () => {
    server.close(() => process.exit(0));
    // Slow answers still waiting would keep it open: the stub has nothing worth draining.
    server.closeAllConnections?.();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

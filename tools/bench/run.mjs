#!/usr/bin/env node
// `npm run bench` (= node tools/bench/run.mjs): load figures of the built API beside baselines measured in the same run
// on the same machine, printed as one table. Never part of `npm test`.
//
//   npm run build                      # the bench starts apps/http/dist/main.js
//   npm run bench                      # embedded SQLite in a temporary file
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> npm run bench   # an empty database it may fill (migrated at start)
//
// Knobs (environment): EVENTS=200 (catalogue size), DURATION=8 (seconds per read/booking phase), HOT_CONNECTIONS=32,
// FLASH_BUYERS=10000, FLASH_SEATS=500, FLASH_CONNECTIONS=100, PHASES=reads,hot,flash.
//
// The API runs as a child process on a free loopback port (RATE_LIMIT_*=0, LOG_LEVEL=warn, SCHEDULER_MODE=external,
// no AMQP_URL: messages go to the in-process log). Data is seeded through the API with HS256 tokens minted here. Load
// comes from autocannon in this process. The baseline for reads is tools/bench/bare-server.mjs (a bare Hono app
// serving the same bytes) in another child; for bookings on PostgreSQL it is the same SQL transaction run through `pg`
// with the same number of clients. Every child is stopped on exit, also on failure.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { SignJWT } from 'jose';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const num = (name, fallback) => Number(process.env[name] ?? fallback);
const EVENTS = num('EVENTS', 200);
const DURATION = num('DURATION', 8);
const HOT_CONNECTIONS = num('HOT_CONNECTIONS', 32);
const FLASH_BUYERS = num('FLASH_BUYERS', 10_000);
const FLASH_SEATS = num('FLASH_SEATS', 500);
const FLASH_CONNECTIONS = num('FLASH_CONNECTIONS', 100);
// PHASES=reads,hot,flash picks phases (default: all of them).
const PHASES = new Set((process.env.PHASES ?? 'reads,hot,flash').split(',').map((p) => p.trim()).filter(Boolean));
const want = (phase) => PHASES.has(phase);
const HOT_CAPACITY = 100_000; // the domain's maximum; the hot phase is capped below it
const SECRET = `bench-${randomUUID()}-${randomUUID()}`;
const key = new TextEncoder().encode(SECRET);

const mainJs = join(root, 'apps/http/dist/main.js');
if (!existsSync(mainJs)) {
  console.error(`bench: ${mainJs} is missing; run \`npm run build\` first`);
  process.exit(2);
}

const children = new Set();
const cleanups = [];
let stopping = false;
async function stopAll() {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  const deadline = Date.now() + 12_000;
  while ([...children].some((c) => c.exitCode === null && c.signalCode === null) && Date.now() < deadline) await sleep(100);
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const cleanup of cleanups) {
    try { await cleanup(); } catch { /* best effort */ }
  }
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => { void stopAll().then(() => process.exit(130)); });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => ok(port)); });
  });
}

function start(name, args, env) {
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let tail = '';
  const keep = (d) => { tail = (tail + d.toString()).slice(-4000); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.on('exit', (code, signal) => { if (!stopping) console.error(`bench: ${name} exited (${code ?? signal})\n${tail}`); });
  child.tail = () => tail;
  return child;
}

async function waitFor(url, child, name, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${child.tail()}`);
    try { const r = await fetch(url); if (r.ok) { await r.arrayBuffer(); return; } } catch { /* not yet */ }
    await sleep(100);
  }
  throw new Error(`${name} did not answer ${url} within ${timeoutMs} ms:\n${child.tail()}`);
}

const mint = (sub, roles) =>
  new SignJWT({ sub, roles }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('2h').sign(key);

async function mintMany(count, roles) {
  const out = new Array(count);
  for (let i = 0; i < count; i += 1) out[i] = `Bearer ${await mint(randomUUID(), roles)}`;
  return out;
}

/** Peak RSS sampling of a process: VmRSS every 100 ms, VmHWM at the end. */
function rssSampler(pid) {
  const read = (field) => {
    try {
      const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
      return m ? Number(m[1]) * 1024 : null;
    } catch { return null; }
  };
  let peak = 0;
  const timer = setInterval(() => { const v = read('VmRSS'); if (v !== null && v > peak) peak = v; }, 100);
  return { stop() { clearInterval(timer); return { peak, hwm: read('VmHWM') }; }, read };
}

function cannon(opts) {
  return new Promise((ok, fail) => {
    const inst = autocannon({ timeout: 30, ...opts }, (err, res) => (err ? fail(err) : ok(res)));
    if (opts.onResponse) inst.on('response', opts.onResponse);
  });
}

const mb = (b) => (b / 1024 / 1024).toFixed(0);
const f0 = (n) => (Number.isFinite(n) ? n.toFixed(0) : 'n/a');
const ratio = (a, b) => (b > 0 ? (a / b).toFixed(2) : 'n/a');

async function main() {
  const dbUrl = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : null;
  const tmp = mkdtempSync(join(tmpdir(), 'aquastream-bench-'));
  cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));
  const databaseUrl = dbUrl ?? `sqlite:${join(tmp, 'bench.sqlite')}`;
  const dialect = dbUrl ? 'postgres' : 'sqlite';

  // ---- the API
  const port = await freePort();
  const env = { ...process.env };
  for (const k of ['AMQP_URL', 'CREW_SERVICE_URL', 'AUTH_JWKS_URL', 'AUTH_ISSUER', 'AUTH_AUDIENCE', 'PAYMENT_GATEWAY']) delete env[k];
  Object.assign(env, {
    PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, AUTH_JWT_SECRET: SECRET, PROFILE: 'dev',
    RATE_LIMIT_READS_PER_MINUTE: '0', RATE_LIMIT_WRITES_PER_MINUTE: '0', LOG_LEVEL: 'warn', SCHEDULER_MODE: 'external',
    NODE_ENV: 'production',
  });
  const api = start('api', [mainJs], env);
  const base = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  await waitFor(`${base}/health/ready`, api, 'api');
  console.error(`bench: API up on ${base} (${dialect}) in ${Date.now() - t0} ms, pid ${api.pid}`);

  // ---- seed through the API
  const organiser = `Bearer ${await mint(randomUUID(), ['ORGANIZER'])}`;
  async function call(method, path, body, auth = organiser) {
    const res = await fetch(`${base}${path}`, {
      method, headers: { authorization: auth, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  }
  const org = await call('POST', '/api/v1/organizations', { name: 'Bench rowing club' });
  const day = 86_400_000;
  const eventBody = (i, capacity, price = 1999) => ({
    organizationId: org.id, title: `Bench event ${i}`, description: 'A benchmark event on the river.',
    startsAt: new Date(Date.now() + (30 + (i % 300)) * day).toISOString(),
    endsAt: new Date(Date.now() + (30 + (i % 300)) * day + 3 * 3_600_000).toISOString(),
    timeZone: 'Europe/Moscow', location: { name: 'Pier 3', address: 'Embankment 12', latitude: 55.75, longitude: 37.61 },
    capacity, currency: 'RUB', priceOptions: [{ name: 'Standard', price }], bookingDeadlineHours: 0,
  });
  async function publishedEvent(i, capacity) {
    const e = await call('POST', '/api/v1/events', eventBody(i, capacity));
    return call('POST', `/api/v1/events/${e.id}/publish`);
  }
  const ts = Date.now();
  const ids = [];
  for (let i = 0; i < EVENTS; i += 8) {
    const batch = await Promise.all(Array.from({ length: Math.min(8, EVENTS - i) }, (_, j) => publishedEvent(i + j, 50)));
    ids.push(...batch.map((e) => e.id));
  }
  const hot = await publishedEvent(EVENTS, HOT_CAPACITY);
  const flash = await publishedEvent(EVENTS + 1, FLASH_SEATS);
  console.error(`bench: seeded ${EVENTS + 2} published events in ${Date.now() - ts} ms`);

  // ---- the baseline server with the same bytes
  const listPath = '/api/v1/events?size=20';
  const detailPath = `/api/v1/events/${ids[Math.floor(ids.length / 2)]}`;
  const bodies = {};
  for (const [route, path] of [['/api/v1/events', listPath], ['/api/v1/events/:id', detailPath]]) {
    const r = await fetch(`${base}${path}`);
    if (!r.ok) throw new Error(`GET ${path} → ${r.status}`);
    bodies[route] = { contentType: r.headers.get('content-type') ?? 'application/json', body: await r.text() };
  }
  const bodiesFile = join(tmp, 'bodies.json');
  writeFileSync(bodiesFile, JSON.stringify(bodies));
  const barePort = await freePort();
  const bare = start('bare', [join(root, 'tools/bench/bare-server.mjs')], { ...process.env, BODIES: bodiesFile, PORT: String(barePort) });
  const bareBase = `http://127.0.0.1:${barePort}`;
  await waitFor(`${bareBase}${listPath}`, bare, 'bare server');
  for (const [route, path] of [['/api/v1/events', listPath], ['/api/v1/events/:id', detailPath]]) {
    const same = (await (await fetch(`${bareBase}${path}`)).text()) === bodies[route].body;
    if (!same) throw new Error(`bare server does not serve the same bytes for ${path}`);
  }

  const rows = [];
  const rss = rssSampler(api.pid);

  // ---- reads: API and baseline, alternately, 32 connections
  for (const [label, path] of want('reads') ? [['catalogue GET /events?size=20', listPath], ['event detail GET /events/{id}', detailPath]] : []) {
    await cannon({ url: `${base}${path}`, connections: 32, duration: 1 }); // warm-up
    const a = await cannon({ url: `${base}${path}`, connections: 32, duration: DURATION });
    await cannon({ url: `${bareBase}${path}`, connections: 32, duration: 1 });
    const b = await cannon({ url: `${bareBase}${path}`, connections: 32, duration: DURATION });
    const bad = a.non2xx + a.errors + a.timeouts;
    rows.push([label, `${f0(a.requests.average)} req/s, p50 ${a.latency.p50} ms, p99 ${a.latency.p99} ms${bad ? `, ${bad} non-2xx/errors` : ''}`,
      `${f0(b.requests.average)} req/s, p50 ${b.latency.p50} ms, p99 ${b.latency.p99} ms`,
      ratio(a.requests.average, b.requests.average), '≥ 0.5']);
  }
  const readPeak = rss.stop();

  // ---- bookings on one hot event: distinct users, authenticated POST /bookings
  const rss2 = rssSampler(api.pid);
  if (want('hot')) {
  const hotCap = Math.min(HOT_CAPACITY - 1_000, num('HOT_MAX', 40_000));
  const tm = Date.now();
  const hotTokens = await mintMany(hotCap, ['USER']);
  console.error(`bench: minted ${hotCap} tokens in ${Date.now() - tm} ms`);
  const bookingRequest = (tokens, eventId) => {
    let next = 0;
    const body = JSON.stringify({ eventId, quantity: 1 });
    return [{
      method: 'POST', path: '/api/v1/bookings',
      setupRequest: (req) => ({ ...req, body, headers: { 'content-type': 'application/json', authorization: tokens[next++ % tokens.length] } }),
    }];
  };
  const h = await cannon({ url: base, connections: HOT_CONNECTIONS, duration: DURATION, maxOverallRequests: hotCap, requests: bookingRequest(hotTokens, hot.id) });
  const hotRate = h['2xx'] / ((h.finish - h.start) / 1000 || h.duration);
  const hotSeats = await call('GET', `/api/v1/events/${hot.id}`);
  const hotBad = h.non2xx + h.errors + h.timeouts;
  let hotBaseline = 'missing (SQLite: no pg baseline)';
  let hotRatio = 'n/a';
  if (dbUrl) {
    try {
      const pgb = await pgBookingBaseline(dbUrl, hot.id, HOT_CONNECTIONS, DURATION);
      hotBaseline = `${f0(pgb.rate)} tx/s, p99 ${pgb.p99} ms (pg, ${HOT_CONNECTIONS} clients)`;
      hotRatio = ratio(hotRate, pgb.rate);
    } catch (error) {
      hotBaseline = `failed: ${error.message}`;
    }
  }
  rows.push([`bookings, 1 hot event (${HOT_CONNECTIONS} conn)`,
    `${f0(hotRate)} bookings/s, p99 ${h.latency.p99} ms (${h['2xx']} made, ${hotBad} non-2xx/errors; event shows ${HOT_CAPACITY - hotSeats.seatsAvailable} taken)`,
    hotBaseline, hotRatio, '≥ 0.5']);
  }

  // ---- flash sale: distinct buyers for few seats
  if (want('flash')) {
  const flashTokens = await mintMany(FLASH_BUYERS, ['USER']);
  let firstAt = 0;
  let lastSoldAt = 0;
  let sold201 = 0;
  const statusCounts = {};
  const fStart = Date.now();
  const fl = await cannon({
    url: base, connections: FLASH_CONNECTIONS, amount: FLASH_BUYERS, requests: bookingRequest(flashTokens, flash.id),
    onResponse: (_client, status) => {
      const now = Date.now();
      if (!firstAt) firstAt = now;
      statusCounts[status] = (statusCounts[status] ?? 0) + 1;
      if (status === 201) { sold201 += 1; lastSoldAt = now; }
    },
  });
  const flashEvent = await call('GET', `/api/v1/events/${flash.id}`);
  const soldSeats = FLASH_SEATS - flashEvent.seatsAvailable;
  const fivexx = fl['5xx'];
  const codes = Object.entries(statusCounts).map(([k, v]) => `${k}×${v}`).join(' ');
  rows.push([`flash sale: ${FLASH_BUYERS} buyers, ${FLASH_SEATS} seats`,
    `${soldSeats} seats sold (${sold201} × 201), sold out in ${lastSoldAt ? lastSoldAt - fStart : 'n/a'} ms, p99 ${fl.latency.p99} ms, 5xx: ${fivexx}, errors ${fl.errors + fl.timeouts}; ${codes}`,
    '—', '—', soldSeats === FLASH_SEATS && sold201 === FLASH_SEATS && fivexx === 0 ? `exactly ${FLASH_SEATS}, no 5xx: MET` : 'NOT MET']);
  }

  const hotPeak = rss2.stop();
  const peak = Math.max(readPeak.peak, hotPeak.peak);
  const hwm = rss.read('VmHWM');
  rows.push(['API memory', `peak RSS ${mb(readPeak.peak)} MB (reads), ${mb(hotPeak.peak)} MB (bookings); VmHWM ${hwm ? mb(hwm) : 'n/a'} MB at end`, '—', '—',
    peak < 256 * 1024 * 1024 ? '< 256 MB: MET' : '< 256 MB: NOT MET']);

  // ---- the table
  const header = ['scenario', `figure (${dialect})`, 'baseline, same run', 'ratio', 'target'];
  const cell = (s) => String(s).replaceAll('|', '\\|');
  console.log(`\nAquastream bench, ${new Date().toISOString()}, ${dialect}, ${EVENTS + 2} events, ${DURATION} s per phase, node ${process.version}\n`);
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(`| ${r.map(cell).join(' | ')} |`);
  console.log('');
}

/**
 * The same transaction as a booking's seat hold, straight through `pg`: lock and bump the event's seats (conditional),
 * bump the option's seats, insert the booking. `clients` connections in a loop for `seconds`.
 */
async function pgBookingBaseline(url, eventId, clients, seconds) {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: clients });
  try {
    const { rows: [opt] } = await pool.query('SELECT id, price FROM price_options WHERE event_id = $1 LIMIT 1', [eventId]);
    const lat = [];
    let done = 0;
    const end = Date.now() + seconds * 1000;
    const started = Date.now();
    async function worker() {
      const c = await pool.connect();
      try {
        while (Date.now() < end) {
          const t = performance.now();
          await c.query('BEGIN');
          const up = await c.query(
            `UPDATE events SET seats_taken = seats_taken + 1, updated_at = now() WHERE id = $1 AND seats_taken + 1 <= capacity AND status = 'PUBLISHED'`, [eventId]);
          if (up.rowCount !== 1) { await c.query('ROLLBACK'); break; }
          await c.query(`UPDATE price_options SET seats_taken = seats_taken + 1 WHERE id = $1 AND (quantity IS NULL OR seats_taken + 1 <= quantity)`, [opt.id]);
          await c.query(
            `INSERT INTO bookings (id, event_id, user_id, price_option_id, quantity, status, pricing, total_amount, currency, payment_deadline, refund_policy, paid_amount, created_at, updated_at)
             VALUES ($1, $2, $3, $4, 1, 'PENDING_PAYMENT', $5, $6, 'RUB', now() + interval '5 minutes', $7, 0, now(), now())`,
            [randomUUID(), eventId, `pg-${randomUUID()}`, opt.id, JSON.stringify({ unit: opt.price }), opt.price, JSON.stringify({ tiers: [] })]);
          await c.query('COMMIT');
          lat.push(performance.now() - t);
          done += 1;
        }
      } finally { c.release(); }
    }
    await Promise.all(Array.from({ length: clients }, worker));
    lat.sort((a, b) => a - b);
    return { rate: done / ((Date.now() - started) / 1000), p99: (lat[Math.floor(lat.length * 0.99)] ?? NaN).toFixed(1) };
  } finally { await pool.end(); }
}

let code = 0;
try {
  await main();
} catch (error) {
  console.error(`bench failed: ${error.stack ?? error}`);
  code = 1;
} finally {
  await stopAll();
}
process.exit(code);

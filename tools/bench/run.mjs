#!/usr/bin/env node
// `npm run bench` (= node tools/bench/run.mjs): load figures of the built API beside baselines measured in the same run
// on the same machine, printed as one table (issue 7). Never part of `npm test` (a smoke test runs it with tiny knobs).
//
//   npm run bench                      # embedded SQLite in a temporary file (the phases that need PostgreSQL say so)
//   npm run bench:pg                   # = run.mjs --pg: a fresh database on the local PostgreSQL + the local RabbitMQ
//   BENCH_PG=postgres://postgres@127.0.0.1:5432/test npm run bench     # any reachable server: the bench creates
//                                      # aq_bench_<epoch>_<hex> there and drops it at the end (also on failure, Ctrl-C)
//   DATABASE_URL=postgres://…/<db> npm run bench   # an empty database it may fill (migrated at start, left behind)
//
// It first builds the API through Nx (cached; under the lock `npm start` uses; BENCH_BUILD=0 skips that).
//
// Knobs (environment): PHASES=reads,expiry,growth,hot,spread,flash,relay (default: all, run in this order),
// EVENTS=200 (catalogue size of `reads`), DURATION=8 (seconds per read/booking measurement), HOT_CONNECTIONS=32,
// HOT_MAX=40000, SPREAD_EVENTS=1000, SPREAD_CONNECTIONS=32, SPREAD_MAX=20000, FLASH_BUYERS=10000, FLASH_SEATS=500,
// FLASH_CONNECTIONS=100, EXPIRY_SIZES=10000,100000, EXPIRY_TIMEOUT=180 (s per size; then "did not finish"),
// GROWTH_SIZES=1000,10000,100000, GROWTH_DURATION=4, GROWTH_WARMUP=1, GROWTH_CONNECTIONS=32, RELAY_ROWS=10000, RELAY_BATCH=500,
// BENCH_AMQP=amqp://… (the relay phase; `--pg` defaults it to the local broker), BENCH_PG, DATABASE_URL, BENCH_BUILD.
//
// The API runs as a child process on a free loopback port (RATE_LIMIT_*=0, LOG_LEVEL=warn, SCHEDULER_MODE=external,
// no AMQP_URL: messages go to the in-process log). Data is seeded through the API with HS256 tokens minted here, and
// in bulk by raw SQL cloned from rows the API wrote (seed.mjs). Load comes from autocannon in this process. The
// baseline for reads is tools/bench/bare-server.mjs (a bare Hono app serving the same bytes) in another child; for
// bookings on PostgreSQL it is the same SQL transaction run through `pg` with the same number of clients; see the
// phase modules (expiry.mjs, growth.mjs, spread.mjs, relay-core.mjs) for theirs. Every child is stopped on exit,
// also on failure.
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { SignJWT } from 'jose';
import { freshPgDatabase, pgServerVersion } from './database.mjs';
import { machineLine } from './machine.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const num = (name, fallback) => Number(process.env[name] ?? fallback);
const EVENTS = num('EVENTS', 200);
const DURATION = num('DURATION', 8);
const HOT_CONNECTIONS = num('HOT_CONNECTIONS', 32);
const FLASH_BUYERS = num('FLASH_BUYERS', 10_000);
const FLASH_SEATS = num('FLASH_SEATS', 500);
const FLASH_CONNECTIONS = num('FLASH_CONNECTIONS', 100);
const ALL_PHASES = ['reads', 'expiry', 'growth', 'hot', 'spread', 'flash', 'relay'];
// PHASES=reads,hot,flash picks phases (default: all of them). Order is fixed: expiry runs before the booking phases,
// whose holds would otherwise fall due during it; growth before spread, whose 1 000 events would exceed its first size.
const PHASES = new Set((process.env.PHASES ?? ALL_PHASES.join(',')).split(',').map((p) => p.trim()).filter(Boolean));
for (const p of PHASES) if (!ALL_PHASES.includes(p)) { console.error(`bench: unknown phase "${p}" (one of ${ALL_PHASES.join(', ')})`); process.exit(2); }
const PG_FLAG = process.argv.includes('--pg');
const BENCH_PG = process.env.BENCH_PG || (PG_FLAG ? 'postgres://postgres@127.0.0.1:5432/test' : '');
const BENCH_AMQP = process.env.BENCH_AMQP || (PG_FLAG ? 'amqp://guest:guest@127.0.0.1:5672' : '');
const want = (phase) => PHASES.has(phase);
const HOT_CAPACITY = 100_000; // the domain's maximum; the hot phase is capped below it
const SECRET = `bench-${randomUUID()}-${randomUUID()}`;
const key = new TextEncoder().encode(SECRET);

const mainJs = join(root, 'apps/http/dist/main.js');
if (process.env.BENCH_BUILD !== '0') buildApi();
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
const log = (line) => console.error(`bench: ${line}`);

/**
 * `nx run http:build` (cached: seconds when nothing changed), under the lock `npm start` takes, so that a bench and a
 * start never restore one another's dist/ half-way. A failed build with a dist/ already there is reported and the bench
 * goes on with that dist/ (another helper may be half-way through a change).
 */
function buildApi() {
  const lock = join(root, '.nx', 'npm-start.lock');
  mkdirSync(join(root, '.nx'), { recursive: true });
  const until = Date.now() + 10 * 60_000;
  for (;;) {
    try { mkdirSync(lock); break; } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 10 * 60_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > until) throw new Error('bench: waited 10 minutes for the build lock', { cause: error });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    const t = Date.now();
    const r = spawnSync('npx', ['nx', 'run', 'http:build', '--output-style=static'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], env: process.env });
    if (r.status !== 0) console.error(`bench: the build failed (exit ${r.status ?? r.signal}); going on with the dist/ there is\n${String(r.stderr).slice(-2000)}`);
    else console.error(`bench: built the API in ${Date.now() - t} ms`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

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
  // CPU seconds (user + system) from /proc/<pid>/stat, in clock ticks of 1/100 s (Linux's USER_HZ).
  const cpu = () => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(f[11]) + Number(f[12])) / 100;
    } catch { return NaN; }
  };
  const cpu0 = cpu();
  const t0 = performance.now();
  let peak = 0;
  const timer = setInterval(() => { const v = read('VmRSS'); if (v !== null && v > peak) peak = v; }, 100);
  return {
    stop() {
      clearInterval(timer);
      // Share of one core the process used over the sampling (a process near 100 % is CPU-bound).
      return { peak, hwm: read('VmHWM'), cpuShare: (cpu() - cpu0) / ((performance.now() - t0) / 1000) };
    },
    read,
  };
}

/** Share of one core the process uses from now until stop() (user + system time from /proc). */
const cpuMeter = (pid) => { const r = rssSampler(pid); return { stop: () => r.stop().cpuShare }; };
const pct = (share) => `${Math.round(share * 100)} %`;

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
  const tmp = mkdtempSync(join(tmpdir(), 'aquastream-bench-'));
  cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));
  let dbUrl = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : null;
  let pgServer = dbUrl; // where the relay phase may create its own database
  if (BENCH_PG) {
    const fresh = await freshPgDatabase(BENCH_PG);
    cleanups.push(() => fresh.drop());
    dbUrl = fresh.url;
    pgServer = BENCH_PG;
    log(`created database ${fresh.name} (dropped at the end)`);
  }
  const databaseUrl = dbUrl ?? `sqlite:${join(tmp, 'bench.sqlite')}`;
  const dialect = dbUrl ? 'postgres' : 'sqlite';
  const pgVersion = dbUrl ? await pgServerVersion(dbUrl) : null;
  const machine = machineLine({ dialect, pgVersion });
  const runStarted = Date.now();

  // ---- the API
  const port = await freePort();
  const env = { ...process.env };
  for (const k of ['AMQP_URL', 'CREW_SERVICE_URL', 'AUTH_JWKS_URL', 'AUTH_ISSUER', 'AUTH_AUDIENCE', 'PAYMENT_GATEWAY']) delete env[k];
  Object.assign(env, {
    PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, AUTH_JWT_SECRET: SECRET, PROFILE: 'dev',
    RATE_LIMIT_READS_PER_MINUTE: '0', RATE_LIMIT_WRITES_PER_MINUTE: '0', LOG_LEVEL: 'warn', SCHEDULER_MODE: 'external',
    NODE_ENV: 'production',
  });
  // The heap cap of `npm start` and the image (see docs/runbook.md, Memory): the bench measures the API as it ships.
  const api = start('api', ['--max-old-space-size=256', mainJs], env);
  const base = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  await waitFor(`${base}/health/ready`, api, 'api');
  log(`API up on ${base} (${dialect}) in ${Date.now() - t0} ms, pid ${api.pid}`);
  const rssAll = rssSampler(api.pid);
  const peaks = []; // [phase, { peak, cpuShare }]

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
  log(`seeded ${EVENTS + 2} published events in ${Date.now() - ts} ms`);

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
  const findings = [];
  const ratioRow = (scenario, figure, baseline, a, b) =>
    ({ scenario, figure, baseline, ratio: b > 0 ? ratio(a, b) : 'n/a', target: '≥ 0.5', met: b > 0 ? a / b >= 0.5 : null });

  // ---- reads: API and baseline, alternately, 32 connections
  let rss = rssSampler(api.pid);
  for (const [label, path] of want('reads') ? [['catalogue GET /events?size=20', listPath], ['event detail GET /events/{id}', detailPath]] : []) {
    await cannon({ url: `${base}${path}`, connections: 32, duration: 1 }); // warm-up
    const a = await cannon({ url: `${base}${path}`, connections: 32, duration: DURATION });
    await cannon({ url: `${bareBase}${path}`, connections: 32, duration: 1 });
    const b = await cannon({ url: `${bareBase}${path}`, connections: 32, duration: DURATION });
    const bad = a.non2xx + a.errors + a.timeouts;
    if (bad) findings.push(`${label}: ${bad} non-2xx/errors (${a['5xx']} × 5xx)`);
    rows.push(ratioRow(label, `${f0(a.requests.average)} req/s, p50 ${a.latency.p50} ms, p99 ${a.latency.p99} ms${bad ? `, ${bad} non-2xx/errors` : ''}`,
      `${f0(b.requests.average)} req/s, p50 ${b.latency.p50} ms, p99 ${b.latency.p99} ms`, a.requests.average, b.requests.average));
  }
  if (want('reads')) peaks.push(['reads', rss.stop()]);

  // ---- raw SQL access and row templates for the bulk-seeded phases
  let sqlHandle = null;
  let tpl = null;
  async function seeding() {
    if (tpl) return { sql: sqlHandle, tpl };
    const { openSql } = await import('./sql.mjs');
    const { templates } = await import('./seed.mjs');
    sqlHandle = await openSql(databaseUrl);
    cleanups.unshift(() => sqlHandle.close());
    // A booking the API made, on an event of its own, then canceled: its row is the template of seeded bookings.
    const tplEvent = await publishedEvent(EVENTS + 2, 10);
    const booker = `Bearer ${await mint(randomUUID(), ['USER'])}`;
    const booking = await call('POST', '/api/v1/bookings', { eventId: tplEvent.id, quantity: 1 }, booker);
    tpl = await templates(sqlHandle, ids[0], booking.id);
    await call('POST', `/api/v1/bookings/${booking.id}/cancel`, {}, booker);
    return { sql: sqlHandle, tpl };
  }
  const phaseCtx = async () => ({ base, call, mint, mintMany, cannon, num, f0, ratio, log, pgUrl: dbUrl, apiCpu: () => cpuMeter(api.pid), pct, ...(await seeding()) });
  async function modulePhase(name, file, fn) {
    if (!want(name)) return;
    const r = rssSampler(api.pid);
    const t = Date.now();
    try {
      const mod = await import(file);
      const out = await mod[fn](await phaseCtx());
      rows.push(...(out.rows ?? [out.row]));
      findings.push(...out.findings);
    } catch (error) {
      findings.push(`${name} phase failed: ${error.message}`);
      rows.push({ scenario: `${name} phase`, figure: `failed: ${error.message.slice(0, 300)}`, baseline: '—', ratio: '—', target: '—', met: false });
      console.error(error);
    }
    peaks.push([name, r.stop()]);
    log(`${name} phase took ${((Date.now() - t) / 1000).toFixed(0)} s`);
  }

  await modulePhase('expiry', './expiry.mjs', 'expiryPhase');
  await modulePhase('growth', './growth.mjs', 'growthPhase');

  const bookingRequest = (tokens, eventId) => {
    let next = 0;
    const body = JSON.stringify({ eventId, quantity: 1 });
    return [{
      method: 'POST', path: '/api/v1/bookings',
      setupRequest: (req) => ({ ...req, body, headers: { 'content-type': 'application/json', authorization: tokens[next++ % tokens.length] } }),
    }];
  };

  // ---- bookings on one hot event: distinct users, authenticated POST /bookings
  if (want('hot')) {
  rss = rssSampler(api.pid);
  const hotCap = Math.min(HOT_CAPACITY - 1_000, num('HOT_MAX', 40_000));
  const tm = Date.now();
  const hotTokens = await mintMany(hotCap, ['USER']);
  log(`minted ${hotCap} tokens in ${Date.now() - tm} ms`);
  const hotCpu = cpuMeter(api.pid);
  const h = await cannon({ url: base, connections: HOT_CONNECTIONS, duration: DURATION, maxOverallRequests: hotCap, requests: bookingRequest(hotTokens, hot.id) });
  const hotCpuShare = hotCpu.stop();
  const hotRate = h['2xx'] / ((h.finish - h.start) / 1000 || h.duration);
  const hotSeats = await call('GET', `/api/v1/events/${hot.id}`);
  const hotBad = h.non2xx + h.errors + h.timeouts;
  if (h['5xx']) findings.push(`hot: ${h['5xx']} × 5xx`);
  if (HOT_CAPACITY - hotSeats.seatsAvailable < h['2xx']) findings.push(`hot: ${h['2xx']} × 2xx but the event shows ${HOT_CAPACITY - hotSeats.seatsAvailable} seats taken`);
  let hotBaseline = 'n/a (SQLite: no pg baseline)';
  let pgRate = 0;
  if (dbUrl) {
    try {
      const pgb = await pgBookingBaseline(dbUrl, hot.id, HOT_CONNECTIONS, DURATION);
      hotBaseline = `${f0(pgb.rate)} tx/s, p99 ${pgb.p99} ms (pg, ${HOT_CONNECTIONS} clients)`;
      pgRate = pgb.rate;
    } catch (error) {
      hotBaseline = `failed: ${error.message}`;
    }
  }
  rows.push(ratioRow(`bookings, 1 hot event (${HOT_CONNECTIONS} conn)`,
    `${f0(hotRate)} bookings/s, p99 ${h.latency.p99} ms (${h['2xx']} made, ${hotBad} non-2xx/errors; event shows ${HOT_CAPACITY - hotSeats.seatsAvailable} taken; API CPU ${pct(hotCpuShare)})`,
    hotBaseline, hotRate, pgRate));
  peaks.push(['hot', rss.stop()]);
  }

  await modulePhase('spread', './spread.mjs', 'spreadPhase');

  // ---- flash sale: distinct buyers for few seats
  if (want('flash')) {
  rss = rssSampler(api.pid);
  const flashTokens = await mintMany(FLASH_BUYERS, ['USER']);
  let firstAt = 0;
  let lastSoldAt = 0;
  let sold201 = 0;
  const statusCounts = {};
  const fStart = Date.now();
  const fl = await cannon({
    url: base, connections: Math.min(FLASH_CONNECTIONS, FLASH_BUYERS), amount: FLASH_BUYERS, requests: bookingRequest(flashTokens, flash.id),
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
  const ok = soldSeats === FLASH_SEATS && sold201 === FLASH_SEATS && fivexx === 0;
  if (!ok) findings.push(`flash: ${soldSeats} seats sold, ${sold201} × 201, ${fivexx} × 5xx (${codes})`);
  rows.push({ scenario: `flash sale: ${FLASH_BUYERS} buyers, ${FLASH_SEATS} seats`,
    figure: `${soldSeats} seats sold (${sold201} × 201), sold out in ${lastSoldAt ? lastSoldAt - fStart : 'n/a'} ms, p99 ${fl.latency.p99} ms, 5xx: ${fivexx}, errors ${fl.errors + fl.timeouts}; ${codes}`,
    baseline: '—', ratio: '—', target: `exactly ${FLASH_SEATS} sold, no 5xx`, met: ok });
  peaks.push(['flash', rss.stop()]);
  }

  // ---- outbox relay (its own database on the same server, the broker of BENCH_AMQP)
  if (want('relay')) {
    const why = !pgServer ? 'needs PostgreSQL (BENCH_PG or DATABASE_URL)' : !BENCH_AMQP ? 'needs BENCH_AMQP (a RabbitMQ URL)' : null;
    if (why) {
      rows.push({ scenario: 'outbox relay to RabbitMQ (confirms)', figure: `skipped: ${why}`, baseline: '—', ratio: '—', target: '≥ 0.5', met: null });
    } else {
      try {
        rows.push(await relayRow(pgServer, BENCH_AMQP));
      } catch (error) {
        const unreachable = /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ACCESS_REFUSED/.test(`${error.code ?? ''} ${error.message}`);
        if (!unreachable) findings.push(`relay phase failed: ${error.message}`);
        rows.push({ scenario: 'outbox relay to RabbitMQ (confirms)', figure: `${unreachable ? 'skipped: broker or PostgreSQL unreachable' : 'failed'}: ${error.message}`,
          baseline: '—', ratio: '—', target: '≥ 0.5', met: unreachable ? null : false });
      }
    }
  }

  const peak = rssAll.stop().peak;
  const hwm = rssAll.read('VmHWM');
  rows.push({ scenario: 'API memory (peak RSS, all phases that ran)',
    figure: `peak ${mb(peak)} MB (${peaks.map(([p, x]) => `${p} ${mb(x.peak)}`).join(', ')}); VmHWM ${hwm ? mb(hwm) : 'n/a'} MB at end; API CPU (share of one core) ${peaks.map(([p, x]) => `${p} ${Math.round(x.cpuShare * 100)} %`).join(', ')}`,
    baseline: '—', ratio: '—', target: '< 256 MB', met: Math.max(peak, hwm ?? 0) < 256 * 1024 * 1024 });

  // ---- the table
  const header = ['scenario', `figure (${dialect})`, 'baseline, same run', 'ratio', 'target', 'met'];
  const cell = (s) => String(s).replaceAll('|', '\\|');
  const verdict = (met) => (met === true ? 'MET' : met === false ? 'NOT MET' : '—');
  console.log(`\nAquastream bench, ${new Date().toISOString()}, ${dialect}, phases ${ALL_PHASES.filter(want).join(',')}, ${EVENTS + 2} events for reads, ${DURATION} s per phase, ${((Date.now() - runStarted) / 1000).toFixed(0)} s in all`);
  console.log(`${machine}\n`);
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(`| ${[r.scenario, r.figure, r.baseline, r.ratio, r.target, verdict(r.met)].map(cell).join(' | ')} |`);
  console.log('');
  if (findings.length) {
    console.log('Findings:');
    for (const f of findings) console.log(`- ${f}`);
    console.log('');
  }
}

/** The relay phase: a fresh database on `server` (migrated, dropped after), relay-core's measurement. */
async function relayRow(server, amqpUrl) {
  const { openDatabase, migrate } = await import('@aquastream/adapters');
  const { measureRelay, relayRate } = await import('./relay-core.mjs');
  const ROWS = num('RELAY_ROWS', 10_000);
  const BATCH = num('RELAY_BATCH', 500);
  const fresh = await freshPgDatabase(server);
  cleanups.push(() => fresh.drop());
  const db = openDatabase(fresh.url, { poolMax: 5 });
  try {
    await migrate(db.sequelize);
    const r = await measureRelay({ db, amqpUrl, rows: ROWS, batch: BATCH, concurrencies: [1, 4], dbOnly: false });
    const [one, four] = r.relay;
    const fmt = (x) => `${f0(relayRate(x))} msg/s`;
    return {
      scenario: `outbox relay to RabbitMQ (confirms), ${ROWS} messages`,
      figure: `${fmt(one)} (1 batch of ${BATCH} in flight, the default); ${fmt(four)} (4 in flight)`,
      baseline: `${fmt(r.direct)} (amqplib alone, batches of ${BATCH}, waitForConfirms)`,
      ratio: `${ratio(relayRate(one), relayRate(r.direct))} (4 in flight: ${ratio(relayRate(four), relayRate(r.direct))})`,
      target: '≥ 0.5', met: relayRate(one) / relayRate(r.direct) >= 0.5,
    };
  } finally {
    await db.sequelize.close();
    await fresh.drop();
  }
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

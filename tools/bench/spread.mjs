// Phase `spread`: bookings spread over many events (authenticated POST /bookings, distinct users, each request the next
// event round robin) against the same seat-hold transaction run straight through `pg` over the same events with the
// same number of clients (PostgreSQL only).
import { randomUUID } from 'node:crypto';
import { cloneEvents } from './seed.mjs';

export async function spreadPhase(ctx) {
  const { base, cannon, mintMany, sql, tpl, pgUrl, num, f0, ratio, log, apiCpu, pct } = ctx;
  const EVENTS = num('SPREAD_EVENTS', 1_000);
  const CONNECTIONS = num('SPREAD_CONNECTIONS', 32);
  const DURATION = num('DURATION', 8);
  const MAX = num('SPREAD_MAX', 20_000);
  const t = Date.now();
  const events = await cloneEvents(sql, tpl, EVENTS, { capacity: 1_000, title: (i) => `Spread event ${i}` });
  const tokens = await mintMany(MAX, ['USER']);
  log(`spread: ${EVENTS} events seeded and ${MAX} tokens minted in ${Date.now() - t} ms`);

  let next = 0;
  const bodies = events.map((e) => JSON.stringify({ eventId: e.eventId, quantity: 1 }));
  const requests = [{
    method: 'POST', path: '/api/v1/bookings',
    setupRequest: (req) => {
      const i = next++;
      return { ...req, body: bodies[i % bodies.length], headers: { 'content-type': 'application/json', authorization: tokens[i % tokens.length] } };
    },
  }];
  const cpu = apiCpu();
  const r = await cannon({ url: base, connections: CONNECTIONS, duration: DURATION, maxOverallRequests: MAX, requests });
  const cpuShare = cpu.stop();
  const rate = r['2xx'] / ((r.finish - r.start) / 1000 || r.duration);
  const bad = r.non2xx + r.errors + r.timeouts;
  const [{ taken }] = await sql.rows(`SELECT COALESCE(SUM(seats_taken), 0) AS taken FROM events WHERE id IN (:ids)`, { ids: events.map((e) => e.eventId) });
  const figure = `${f0(rate)} bookings/s, p99 ${r.latency.p99} ms (${r['2xx']} made, ${bad} non-2xx/errors${r['5xx'] ? `, ${r['5xx']} × 5xx` : ''}; events show ${taken} taken; API CPU ${pct(cpuShare)})`;
  let baseline = 'n/a (SQLite: no pg baseline)';
  let rr = 'n/a';
  if (pgUrl) {
    const b = await pgSpreadBaseline(pgUrl, events, CONNECTIONS, DURATION);
    baseline = `${f0(b.rate)} tx/s, p99 ${b.p99} ms (pg, ${CONNECTIONS} clients)`;
    rr = ratio(rate, b.rate);
  }
  return {
    row: { scenario: `bookings spread over ${EVENTS} events (${CONNECTIONS} conn, distinct users)`, figure, baseline, ratio: rr, target: '≥ 0.5', met: pgUrl ? Number(rr) >= 0.5 : null },
    findings: Number(taken) < r['2xx'] || r['5xx'] > 0 ? [`spread: ${r['2xx']} × 2xx but ${taken} seats taken, ${r['5xx']} × 5xx`] : [],
  };
}

/** The hot phase's transaction (lock-and-bump the event, bump the option, insert the booking), event i mod n per run. */
async function pgSpreadBaseline(url, events, clients, seconds) {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: clients });
  try {
    const lat = [];
    let done = 0;
    let next = 0;
    const end = Date.now() + seconds * 1000;
    const started = Date.now();
    async function worker() {
      const c = await pool.connect();
      try {
        while (Date.now() < end) {
          const e = events[next++ % events.length];
          const t = performance.now();
          await c.query('BEGIN');
          const up = await c.query(
            `UPDATE events SET seats_taken = seats_taken + 1, updated_at = now() WHERE id = $1 AND seats_taken + 1 <= capacity AND status = 'PUBLISHED'`, [e.eventId]);
          if (up.rowCount !== 1) { await c.query('ROLLBACK'); continue; }
          await c.query(`UPDATE price_options SET seats_taken = seats_taken + 1 WHERE id = $1 AND (quantity IS NULL OR seats_taken + 1 <= quantity)`, [e.optionId]);
          await c.query(
            `INSERT INTO bookings (id, event_id, user_id, price_option_id, quantity, status, pricing, total_amount, currency, payment_deadline, refund_policy, paid_amount, created_at, updated_at)
             VALUES ($1, $2, $3, $4, 1, 'PENDING_PAYMENT', $5, $6, 'RUB', now() + interval '5 minutes', $7, 0, now(), now())`,
            [randomUUID(), e.eventId, `pg-${randomUUID()}`, e.optionId, JSON.stringify({ unit: e.price }), e.price, JSON.stringify({ tiers: [] })]);
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

// Phase `expiry`: N due bookings (seeded by raw SQL, payment deadline an hour past, seat counters consistent) expired by
// the real job — `POST /api/v1/admin/jobs/expire-pending-bookings/run` as an admin, which runs one batch through the use
// case with all its side effects (seats and promo uses back, waitlist offers, outbox messages, audit) — called again
// until no due booking remains. Baseline in the same run: the same number of freshly seeded due bookings expired by
// one raw statement doing only the status and seat updates (a data-modifying CTE on PostgreSQL; three set-based
// statements in one transaction on SQLite, which has no data-modifying CTE).
import { randomUUID } from 'node:crypto';
import { cloneEvents, seedDueBookings } from './seed.mjs';

const PER_EVENT = 1_000;
const OVERDUE_MS = 3_600_000; // far beyond the grace of any profile

export async function expiryPhase(ctx) {
  const { base, mint, sql, tpl, num, log } = ctx;
  const sizes = (process.env.EXPIRY_SIZES ?? '10000,100000').split(',').map((s) => Number(s.trim())).filter((n) => n > 0);
  const TIMEOUT_S = num('EXPIRY_TIMEOUT', 180);
  const admin = `Bearer ${await mint(randomUUID(), ['ADMIN'])}`;
  const rows = [];
  const findings = [];
  const results = [];
  for (const n of sizes) {
    const eventsNeeded = Math.ceil(n / PER_EVENT);
    // ---- baseline: a second, separate set of due bookings, expired by raw SQL
    let t = Date.now();
    const baseEvents = await cloneEvents(sql, tpl, eventsNeeded, { capacity: PER_EVENT, title: (i) => `Expiry baseline event ${i}` });
    await seedDueBookings(sql, tpl, baseEvents, n, OVERDUE_MS);
    await analyze(sql);
    log(`expiry ${n}: baseline set seeded in ${Date.now() - t} ms`);
    const b0 = performance.now();
    await rawExpire(sql, baseEvents.map((e) => e.eventId));
    const baselineS = (performance.now() - b0) / 1000;
    const baseLeft = await seatsAndDue(sql, baseEvents);
    if (baseLeft.taken !== 0 || baseLeft.pending !== 0) findings.push(`expiry ${n}: the raw baseline left ${baseLeft.pending} pending, ${baseLeft.taken} seats taken`);

    // ---- the job over its own set
    t = Date.now();
    const jobEvents = await cloneEvents(sql, tpl, eventsNeeded, { capacity: PER_EVENT, title: (i) => `Expiry event ${i}` });
    await seedDueBookings(sql, tpl, jobEvents, n, OVERDUE_MS);
    await analyze(sql);
    const dueAtStart = await dueCount(sql);
    log(`expiry ${n}: job set seeded in ${Date.now() - t} ms (${dueAtStart} due in the database)`);
    const totals = { calls: 0, examined: 0, expired: 0, paid: 0, skipped: 0, failed: 0, non200: 0 };
    const j0 = performance.now();
    const deadline = j0 + TIMEOUT_S * 1000;
    let remaining = dueAtStart;
    let lastError = '';
    while (performance.now() < deadline) {
      const res = await fetch(`${base}/api/v1/admin/jobs/expire-pending-bookings/run`, { method: 'POST', headers: { authorization: admin } });
      totals.calls += 1;
      const text = await res.text();
      if (res.status !== 200) {
        totals.non200 += 1;
        lastError = `${res.status} ${text.slice(0, 300)}`;
        if (totals.non200 >= 5) break;
        continue;
      }
      const r = JSON.parse(text).result;
      for (const k of ['examined', 'expired', 'paid', 'skipped']) totals[k] += r[k] ?? 0;
      totals.failed += Array.isArray(r.failed) ? r.failed.length : Number(r.failed ?? 0);
      if (Array.isArray(r.failed) && r.failed.length > 0 && !lastError) lastError = JSON.stringify(r.failed[0]);
      if (r.more === false || (r.examined ?? 0) === 0) {
        remaining = await dueCount(sql);
        if (remaining === 0) break;
      }
    }
    const jobS = (performance.now() - j0) / 1000;
    if (remaining !== 0) remaining = await dueCount(sql);
    const done = dueAtStart - remaining;
    const rate = done / jobS;
    const finished = remaining === 0;
    if (!finished) {
      // Leave no due bookings behind for the next size or phase (not timed).
      await rawExpire(sql, jobEvents.map((e) => e.eventId));
    }
    const left = await seatsAndDue(sql, jobEvents);
    if (finished && (left.taken !== 0 || left.pending !== 0)) findings.push(`expiry ${n}: after the job ${left.pending} bookings still pending, ${left.taken} seats still taken on its events`);
    if (totals.non200 > 0) findings.push(`expiry ${n}: ${totals.non200} job calls answered non-200 (last: ${lastError})`);
    if (totals.failed > 0) findings.push(`expiry ${n}: the job reported ${totals.failed} failed bookings (e.g. ${lastError})`);
    const how = `${totals.calls} job call${totals.calls === 1 ? '' : 's'}, ${totals.expired} expired${totals.failed ? `, ${totals.failed} failed` : ''}${totals.skipped ? `, ${totals.skipped} skipped` : ''}`;
    const figure = finished
      ? `${jobS.toFixed(1)} s (${Math.round(rate)} bookings/s; ${how})`
      : `did not finish in ${TIMEOUT_S} s: ${Math.round(rate)}/s measured (${done}/${dueAtStart} expired, ~${Math.round(dueAtStart / Math.max(rate, 1e-9))} s projected; ${how})`;
    const factor = (finished ? jobS : dueAtStart / Math.max(rate, 1e-9)) / baselineS;
    rows.push({
      scenario: `expiry of ${n.toLocaleString('en')} due bookings (job run, all side effects)`,
      figure,
      baseline: `${baselineS.toFixed(2)} s (${sql.dialect === 'postgres' ? 'one CTE statement' : '3 set-based statements, 1 transaction'}: status + seats only)`,
      ratio: `${finished ? '' : '~'}${factor.toFixed(1)}×${finished ? '' : ' projected'}`,
      target: '≤ 5×',
      met: finished && factor <= 5,
    });
    results.push({ n, seconds: finished ? jobS : null, rate });
  }
  if (results.length > 1) {
    const [a, b] = [results[0], results.at(-1)];
    const fmt = (r) => (r.seconds !== null ? `${r.seconds.toFixed(1)} s` : `unfinished, ${Math.round(r.rate)}/s`);
    rows.push({
      scenario: `expiry growth ${a.n.toLocaleString('en')} → ${b.n.toLocaleString('en')}`,
      figure: `${fmt(a)} → ${fmt(b)}; rate ${Math.round(a.rate)}/s → ${Math.round(b.rate)}/s`,
      baseline: '—', ratio: `rate ${(b.rate / a.rate).toFixed(2)}`, target: 'linear (rate steady)', met: null,
    });
  }
  return { rows, findings };
}

async function analyze(sql) {
  // A service's tables have statistics (autovacuum); freshly bulk-loaded ones have none until the daemon comes by.
  await sql.exec(sql.dialect === 'postgres' ? 'ANALYZE bookings; ANALYZE events; ANALYZE price_options' : 'ANALYZE');
}

const cutoff = () => new Date(Date.now() - 60 * 60_000 + 5 * 60_000); // due by an hour, minus a margin: only seeded ones

async function dueCount(sql) {
  const r = await sql.one("SELECT COUNT(*) AS n FROM bookings WHERE status = 'PENDING_PAYMENT' AND payment_deadline < :cutoff", { cutoff: cutoff() });
  return Number(r.n);
}

async function seatsAndDue(sql, events) {
  const ids = events.map((e) => e.eventId);
  const s = await sql.one('SELECT COALESCE(SUM(seats_taken), 0) AS taken FROM events WHERE id IN (:ids)', { ids });
  const p = await sql.one("SELECT COUNT(*) AS n FROM bookings WHERE status = 'PENDING_PAYMENT' AND event_id IN (:ids)", { ids });
  return { taken: Number(s.taken), pending: Number(p.n) };
}

/** Status and seat counters only, set-based, over the due bookings of `eventIds`. */
async function rawExpire(sql, eventIds) {
  const params = { ids: eventIds, cutoff: cutoff() };
  if (sql.dialect === 'postgres') {
    await sql.exec(`
      WITH due AS (
        UPDATE bookings SET status = 'EXPIRED', updated_at = now()
        WHERE status = 'PENDING_PAYMENT' AND payment_deadline < :cutoff AND event_id IN (:ids)
        RETURNING event_id, price_option_id, quantity
      ), by_event AS (
        UPDATE events e SET seats_taken = e.seats_taken - d.n, updated_at = now()
        FROM (SELECT event_id, SUM(quantity) AS n FROM due GROUP BY event_id) d WHERE e.id = d.event_id
        RETURNING e.id
      )
      UPDATE price_options o SET seats_taken = o.seats_taken - d.n
      FROM (SELECT price_option_id, SUM(quantity) AS n FROM due GROUP BY price_option_id) d WHERE o.id = d.price_option_id`, params);
    return;
  }
  const due = `status = 'PENDING_PAYMENT' AND payment_deadline < :cutoff AND event_id IN (:ids)`;
  await sql.exec('BEGIN IMMEDIATE');
  try {
    await sql.exec(`UPDATE events SET seats_taken = seats_taken - (SELECT COALESCE(SUM(quantity), 0) FROM bookings b WHERE b.event_id = events.id AND ${due.replaceAll('event_id', 'b.event_id')}) WHERE id IN (:ids)`, params);
    await sql.exec(`UPDATE price_options SET seats_taken = seats_taken - (SELECT COALESCE(SUM(quantity), 0) FROM bookings b WHERE b.price_option_id = price_options.id AND ${due.replaceAll('event_id', 'b.event_id')}) WHERE event_id IN (:ids)`, params);
    await sql.exec(`UPDATE bookings SET status = 'EXPIRED', updated_at = :now WHERE ${due}`, { ...params, now: new Date() });
    await sql.exec('COMMIT');
  } catch (error) {
    await sql.exec('ROLLBACK');
    throw error;
  }
}

// Phase `growth`: how catalogue latency grows with the number of published events (GROWTH_SIZES, default
// 1000,10000,100000; events are added by raw SQL up to each total). Two queries: the default page and a filtered,
// sorted one (`?q=kayak&sort=startsAt&size=20`; one event in ten has "Kayak" in its title). Each is measured on the
// cached guest path (the API's catalogue cache answers guests, and signed-in users without memberships, for 5 s per
// URL) and on the uncached path (an admin, whom the cache bypasses).
import { randomUUID } from 'node:crypto';
import { cloneEvents } from './seed.mjs';

export async function growthPhase(ctx) {
  const { base, call, mint, cannon, sql, tpl, num, f0, log } = ctx;
  const sizes = (process.env.GROWTH_SIZES ?? '1000,10000,100000').split(',').map((s) => Number(s.trim())).filter((n) => n > 0);
  const DURATION = num('GROWTH_DURATION', 4);
  const CONNECTIONS = num('GROWTH_CONNECTIONS', 32);
  const WARMUP = num('GROWTH_WARMUP', 1); // seconds of unmeasured load before each measurement (0: none)
  // An admin: the cache shares guests' pages with plain signed-in users, never with admins or organisers.
  const user = `Bearer ${await mint(randomUUID(), ['ADMIN'])}`;
  const paths = [['default page', '/api/v1/events?size=20'], ['q=kayak&sort=startsAt', '/api/v1/events?q=kayak&sort=startsAt&size=20']];
  const rows = [];
  const findings = [];
  let seeded = 0;
  for (const size of sizes) {
    const { n } = await sql.one("SELECT COUNT(*) AS n FROM events WHERE status = 'PUBLISHED'");
    const missing = size - Number(n);
    const t = Date.now();
    for (let i = 0; i < missing; i += 10_000) {
      const count = Math.min(10_000, missing - i);
      const offset = seeded;
      await cloneEvents(sql, tpl, count, { title: (k) => ((offset + k) % 10 === 0 ? `Kayak tour ${offset + k}` : `Rowing session ${offset + k}`) });
      seeded += count;
    }
    if (missing > 0) {
      await sql.exec(sql.dialect === 'postgres' ? 'ANALYZE events; ANALYZE price_options' : 'ANALYZE');
      await call('POST', '/api/v1/organizations', { name: `Growth ${size}` }); // a write empties the catalogue cache
    }
    const { n: total } = await sql.one("SELECT COUNT(*) AS n FROM events WHERE status = 'PUBLISHED'");
    log(`growth: ${total} published events (${Math.max(missing, 0)} added in ${Date.now() - t} ms)`);
    for (const [label, path] of paths) {
      const cells = [];
      let worst = 0;
      for (const [who, headers] of [['guest, cached', {}], ['admin, uncached', { authorization: user }]]) {
        if (WARMUP > 0) await cannon({ url: `${base}${path}`, connections: CONNECTIONS, duration: WARMUP, headers });
        const r = await cannon({ url: `${base}${path}`, connections: CONNECTIONS, duration: DURATION, headers });
        const bad = r.non2xx + r.errors + r.timeouts;
        if (bad > 0) findings.push(`growth ${total} ${label} ${who}: ${bad} non-2xx/errors (${r['5xx']} × 5xx)`);
        if (r['2xx'] === 0) {
          // Not one answer within the measurement: autocannon's latencies are then zeros, not a result.
          worst = Number.POSITIVE_INFINITY;
          findings.push(`growth ${total} ${label} ${who}: no answer completed within ${DURATION} s`);
          cells.push(`${who}: no answer completed within ${DURATION} s (${CONNECTIONS} connections)`);
          continue;
        }
        worst = Math.max(worst, r.latency.p97_5);
        cells.push(`${who}: ${f0(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p97.5 ${r.latency.p97_5} ms, p99 ${r.latency.p99} ms${bad ? `, ${bad} non-2xx` : ''}`);
      }
      rows.push({ scenario: `catalogue growth, ${Number(total).toLocaleString('en')} events: ${label}`, figure: cells.join('; '), baseline: '—', ratio: '—', target: 'p97.5 < 300 ms (covers the required p95 < 300 ms)', met: worst < 300 && !cells.some((c) => c.includes('non-2xx')) });
    }
  }
  return { rows, findings };
}

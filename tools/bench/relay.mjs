#!/usr/bin/env node
// Outbox relay throughput, PostgreSQL → RabbitMQ with publisher confirms, against the baseline of amqplib alone
// publishing the same messages in batches with confirms. Not part of `npm test` (it takes a while and its figures
// depend on the machine). `npm run bench` has the same measurement as its `relay` phase (relay-core.mjs).
//
//   npx nx run-many -t build -p domain,application,adapters   # the bench imports the built libraries
//   npm run bench:relay                                       # = node tools/bench/relay.mjs; ROWS=10000 BATCH=500 by default
//
// The relay runs its continuous loop (claim with SKIP LOCKED, publish, wait for the batch's confirms, mark SENT) with
// one batch in flight (the default) and with four; "DB only" is the same loop with a publisher that does nothing.
//
// Needs TEST_DATABASE_URL (a PostgreSQL server where it may create and drop a database) and TEST_AMQP_URL. It makes
// its own database and exchange names and removes them afterwards. Messages go to a durable queue bound to the
// exchange (as a consumer's would be), so the broker persists them before it confirms — for both measurements.
import { postgresTestTarget } from '@aquastream/adapters/testing';
import { measureRelay } from './relay-core.mjs';

const ROWS = Number(process.env.ROWS ?? 10_000);
const BATCH = Number(process.env.BATCH ?? 500);
const amqpUrl = process.env.TEST_AMQP_URL ?? process.env.AMQP_URL;
const pg = postgresTestTarget({ poolMax: 5 });
if (pg === null || !amqpUrl) {
  console.error('relay bench: set TEST_DATABASE_URL (postgres://…) and TEST_AMQP_URL (amqp://…)');
  process.exit(2);
}

const rate = ({ published, ms }) => `${Math.round(published / (ms / 1000)).toLocaleString('en')} msg/s (${published} in ${ms.toFixed(0)} ms)`;

const opened = await pg.open();
try {
  const r = await measureRelay({ db: opened.db, amqpUrl, rows: ROWS, batch: BATCH });
  console.log(`relay bench: ${ROWS} messages, batches of ${BATCH}, PostgreSQL → RabbitMQ, persistent, into a durable queue`);
  for (const x of r.relay) console.log(`  ${`outbox relay, ${x.concurrency} batch${x.concurrency > 1 ? 'es' : ''} in flight`.padEnd(44)} ${rate(x)}`);
  console.log(`  ${'amqplib alone (publish, waitForConfirms)'.padEnd(44)} ${rate(r.direct)}`);
  console.log(`  ${'outbox relay to a no-op publisher (DB only)'.padEnd(44)} ${rate(r.dbOnly)}`);
} finally {
  await opened.close();
}

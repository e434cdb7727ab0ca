import { openDatabase, type Database } from '@aquastream/adapters';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeedReport } from '../seed/seed-report.js';
import { json, runCommand, tempSqlite } from './command-harness.test-support.js';
import { query } from './small-world.test-support.js';

describe('seed --demo', { timeout: 60_000 }, () => {
  const file = tempSqlite();
  const env = { DATABASE_URL: file.url };
  let report: SeedReport;
  let db: Database;

  beforeAll(async () => {
    expect((await runCommand(['db', 'migrate'], { env })).exitCode).toBe(0);
    const run = await runCommand(['seed', '--demo'], { env });
    expect(run.err).toBe('Seeding the demo data set…\n');
    expect(run.exitCode).toBe(0);
    report = json<SeedReport>(run);
    db = openDatabase(file.url);
  });
  afterAll(async () => {
    await db.sequelize.close();
    file.remove();
  });

  it('makes three organisations with members, and events in every state', async () => {
    expect(report.organizations.map((o) => o.slug)).toEqual(['blue-harbour-kayaks', 'north-wind-sailing-club', 'riverside-boat-workshops']);
    expect(report.events.map((e) => e.status).sort()).toEqual(['CANCELED', 'COMPLETED', 'DRAFT', 'IN_REVIEW', 'PUBLISHED', 'PUBLISHED', 'PUBLISHED', 'SCHEDULED']);
    const members = await query(db, 'SELECT role, COUNT(*) AS n FROM organization_members GROUP BY role ORDER BY role');
    expect(members.map((m) => [m['role'], Number(m['n'])])).toEqual([['MANAGER', 2], ['OWNER', 3], ['STAFF', 1]]);
    const completed = report.events.find((e) => e.status === 'COMPLETED');
    expect(Date.parse(completed?.startsAt ?? '')).toBeLessThan(Date.now());
    const published = report.events.filter((e) => e.status === 'PUBLISHED').map((e) => Date.parse(e.startsAt) - Date.now());
    expect(Math.min(...published)).toBeLessThan(4 * 86_400_000); // one starts soon
  });

  it('makes bookings in every status, paid ones through signed sandbox webhooks, refunds that completed', async () => {
    expect(report.bookings).toEqual({ CONFIRMED: 7, CANCELED: 6, EXPIRED: 1, PENDING_PAYMENT: 2 });
    expect(report.refunds.map((r) => r.percent).sort()).toEqual([100, 100, 100, 100, 80]);
    expect(report.refunds.every((r) => r.status === 'COMPLETED' && r.amount > 0)).toBe(true);
    const payments = await query(db, 'SELECT status, COUNT(*) AS n FROM payments GROUP BY status ORDER BY status');
    expect(Object.fromEntries(payments.map((p) => [p['status'], Number(p['n'])]))).toEqual({ COMPLETED: 7, INITIATED: 1, PARTIALLY_REFUNDED: 1, REFUNDED: 4 });
    const tickets = await query(db, "SELECT COUNT(*) AS n FROM bookings WHERE status = 'CONFIRMED' AND ticket_code IS NOT NULL");
    expect(Number(tickets[0]?.['n'])).toBe(7);
  });

  it('makes waitlist entries, reviews with votes and a reply, promo codes (one used), favourites', async () => {
    expect(report).toMatchObject({ waitlistEntries: 2, reviews: 3, categories: 5, promoCodes: ['SUNSET10', 'WIND500'] });
    expect(await query(db, "SELECT status FROM waitlist_entries")).toEqual([{ status: 'WAITING' }, { status: 'WAITING' }]);
    const promos = await query(db, 'SELECT code, uses_count FROM promo_codes ORDER BY code');
    expect(promos.map((p) => [p['code'], Number(p['uses_count'])])).toEqual([['SUNSET10', 1], ['WIND500', 1]]);
    expect(Number((await query(db, 'SELECT COUNT(*) AS n FROM review_votes'))[0]?.['n'])).toBe(2);
    expect(Number((await query(db, 'SELECT COUNT(*) AS n FROM review_replies'))[0]?.['n'])).toBe(1);
    expect(Number((await query(db, 'SELECT COUNT(*) AS n FROM favorites'))[0]?.['n'])).toBe(2);
  });

  it('leaves consistent counters, and an audit trail with the CLI actor for the admin steps', async () => {
    expect(json(await runCommand(['reconcile'], { env }))).toMatchObject({ checked: 8, drifted: [], clean: true });
    const canceled = await query(db, "SELECT actor_id FROM audit_log WHERE entity = 'EVENT' AND to_status = 'CANCELED'");
    expect(canceled).toEqual([{ actor_id: 'cli:tester' }]);
    const types = await query(db, 'SELECT DISTINCT type FROM outbox_messages');
    expect(types.map((t) => t['type'])).toEqual(
      expect.arrayContaining(['event.completed', 'booking.expired', 'payment.refunded', 'waitlist.joined', 'review.created', 'event.canceled']),
    );
  });

  it('seeding again changes nothing and says so (exit 0)', async () => {
    const before = await query(db, 'SELECT COUNT(*) AS n FROM bookings');
    const again = await runCommand(['seed', '--demo'], { env, tty: true });
    expect(again.exitCode).toBe(0);
    expect(again.out).toMatch(/The demo data is already there \(organisation "Blue Harbour Kayaks", [0-9a-f-]{36}\); nothing was created\./);
    expect(json(await runCommand(['seed', '--demo'], { env }))).toMatchObject({ seeded: false, reason: 'ALREADY_SEEDED' });
    expect(await query(db, 'SELECT COUNT(*) AS n FROM bookings')).toEqual(before);
  });

  it('is bad usage without --demo, and refused in the prod profile', async () => {
    const bare = await runCommand(['seed'], { env });
    expect(bare).toMatchObject({ exitCode: 2, out: '' });
    expect(bare.err).toMatch(/say which data set: seed --demo/);
    const prod = await runCommand(['seed', '--demo'], {
      env: { ...env, PROFILE: 'prod', AUTH_JWT_SECRET: 'x'.repeat(32), PAYMENT_SANDBOX_SECRET: 'sandbox-secret' },
    });
    expect(prod.exitCode).toBe(2);
    expect(prod.err).toMatch(/refused with PROFILE=prod/);
  });
});

describe('seed --demo on a terminal', { timeout: 60_000 }, () => {
  const file = tempSqlite();
  afterAll(() => file.remove());

  it('prints the organisations, events, bookings and the demo users to sign in as', async () => {
    const env = { DATABASE_URL: file.url };
    await runCommand(['db', 'migrate'], { env });
    const run = await runCommand(['seed', '--demo'], { env, tty: true });
    expect(run.exitCode).toBe(0);
    expect(run.out).toMatch(/^Seeded the demo data set\.\n\nORGANISATION {2}/);
    expect(run.out).toMatch(/COMPLETED +\d{4}-\d{2}-\d{2} \d{2}:\d{2}Z +Midnight paddle under the full moon/);
    expect(run.out).toMatch(/Bookings: CONFIRMED 7 · CANCELED 6 · EXPIRED 1 · PENDING_PAYMENT 2/);
    expect(run.out).toMatch(/Refunds: 100 % = 45\.00 EUR \(COMPLETED\)/);
    expect(run.out).toMatch(/demo-anna +USER +attendee/);
  });
});

// The scheduler as operators run it: `node apps/scheduler/dist/main.js` in a child process, on a temporary SQLite
// database seeded with one booking past its deadline. Its log shows the expiry job's line, GET /jobs shows the run,
// the booking is EXPIRED, and SIGTERM stops it cleanly.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSqlStorage, migrate, openDatabase, prepareConnection } from '@aquastream/adapters';
import { DEFAULT_REFUND_POLICY } from '@aquastream/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const TIMEOUT = 60_000;
const HOUR = 3_600_000;

type LogLine = { level: number; msg: string; [k: string]: unknown };

/** Seeds a published event with one PENDING_PAYMENT booking whose deadline passed an hour ago. */
async function seed(url: string): Promise<string> {
  const db = openDatabase(url);
  try {
    await prepareConnection(db);
    await migrate(db.sequelize);
    const storage = createSqlStorage(db);
    const now = Date.now();
    const orgId = randomUUID();
    const optionId = randomUUID();
    const eventId = randomUUID();
    const bookingId = randomUUID();
    await storage.uow.run(async (tx) => {
      await storage.organizations.insert(tx, { id: orgId, name: 'E2E club', slug: `e2e-${orgId}`, reviewRequired: false, moderateReviews: false, createdAt: now });
      await storage.events.insert(tx, {
        state: {
          id: eventId, organizationId: orgId, creatorId: 'organiser-1', title: 'Night paddle', status: 'PUBLISHED',
          startsAt: now + 10 * 24 * HOUR, endsAt: null, timeZone: 'UTC', publishAt: null, publishedAt: now - 24 * HOUR,
          capacity: 10, seatsTaken: 1, currency: 'EUR',
          priceOptions: [{ id: optionId, name: 'Seat', price: 2_000, quantity: null, seatsTaken: 1, active: true }],
          bookingDeadlineHours: 24, maxTicketsPerBooking: 4, refundPolicy: DEFAULT_REFUND_POLICY, dynamicPricing: [], groupDiscounts: [],
          rescheduledAt: null, rejectionReason: null, cancelReason: null, canceledAt: null, completedAt: null,
          crew: { status: 'NONE', request: null, crewId: null, attempts: 0, nextAttemptAt: null, lastError: null },
        },
        details: { description: null, shortDescription: null, categoryId: null, location: null, imageUrl: null, featured: false, priceOptionDescriptions: {} },
        avgRating: null, reviewCount: 0, createdAt: now - 2 * 24 * HOUR, updatedAt: now - 2 * 24 * HOUR, version: 1,
      });
      await storage.bookings.insert(tx, {
        id: bookingId, eventId, userId: 'user-e2e', priceOptionId: optionId, quantity: 1, status: 'PENDING_PAYMENT',
        pricing: { currency: 'EUR', unitPrice: 2_000, quantity: 1, subtotal: 2_000, dynamicMultiplier: 1, groupDiscount: 0, promoDiscount: 0, total: 2_000 },
        totalAmount: 2_000, currency: 'EUR', paymentDeadline: now - HOUR, ticketCode: null, refundPolicy: DEFAULT_REFUND_POLICY,
        promoCodeId: null, paidAmount: 0, refund: null, waitlistEntryId: null, cancelReason: null, checkedInAt: null,
        createdAt: now - 2 * HOUR, updatedAt: now - 2 * HOUR,
      });
    });
    return bookingId;
  } finally {
    await db.sequelize.close();
  }
}

async function bookingStatus(url: string, id: string): Promise<string | undefined> {
  const db = openDatabase(url);
  try {
    return (await createSqlStorage(db).bookings.findById(null, id))?.status;
  } finally {
    await db.sequelize.close();
  }
}

describe('node apps/scheduler/dist/main.js', () => {
  const file = join(tmpdir(), `aquastream-scheduler-e2e-${process.pid}-${randomBytes(4).toString('hex')}.sqlite`);
  const url = `sqlite:${file}`;
  const lines: LogLine[] = [];
  let child: ChildProcess;
  let exited: Promise<number | null>;
  let stderr = '';
  let bookingId: string;

  beforeAll(async () => {
    bookingId = await seed(url);
    child = spawn(process.execPath, [MAIN], {
      // Only what the scheduler reads: no stray DATABASE_URL or AMQP_URL from the test environment.
      env: { PATH: process.env['PATH'] ?? '', DATABASE_URL: url, SCHEDULER_PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', PROFILE: 'dev' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const part of parts) if (part.trim() !== '') lines.push(JSON.parse(part) as LogLine);
    });
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  }, TIMEOUT);

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
  });

  async function logged(pattern: RegExp): Promise<LogLine> {
    for (;;) {
      const line = lines.find((l) => pattern.test(l.msg));
      if (line !== undefined) return line;
      if (child.exitCode !== null) throw new Error(`the scheduler exited (${child.exitCode}): ${stderr}\n${lines.map((l) => l.msg).join('\n')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('runs the jobs: the expiry line in its log, the run on GET /jobs, the booking EXPIRED; SIGTERM stops it', async () => {
    const listening = await logged(/^aquastream-scheduler listening on/);
    const port = Number(listening['port']);
    expect(port).toBeGreaterThan(0);
    const base = `http://127.0.0.1:${port}`;

    const line = await logged(/^Expiring pending bookings: /);
    expect(line.msg).toBe('Expiring pending bookings: 1');
    expect(line['job']).toBe('expire-pending-bookings');
    expect(String(line['correlationId'])).toMatch(/^expire-pending-bookings:/);

    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    const ready = (await (await fetch(`${base}/health/ready`)).json()) as Record<string, any>;
    expect(ready).toMatchObject({ status: 'UP', checks: { database: { status: 'UP' }, broker: { status: 'UP' } } });

    const jobs = (await (await fetch(`${base}/jobs`)).json()) as { data: Record<string, any>[] };
    const expiry = jobs.data.find((j) => j['name'] === 'expire-pending-bookings');
    expect(expiry).toMatchObject({ schedule: 'every 1m', lastResult: 'SUCCEEDED', lastRun: { items: 1, result: 'SUCCEEDED', correlationId: line['correlationId'] } });
    expect(Date.parse(String(expiry?.['nextRunAt']))).toBeGreaterThan(Date.now());
    expect(jobs.data.find((j) => j['name'] === 'relay-outbox')).toMatchObject({ schedule: 'continuous (polls every 1s when idle)' });

    // The relay sends what the expiry wrote to the in-process log (no AMQP_URL).
    await logged(/^message published \(in-process log\)/);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('aquastream_job_items_total{job_name="expire-pending-bookings"} 1');

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(lines.map((l) => l.msg)).toContain('jobs stopped, locks released');
    expect(await bookingStatus(url, bookingId)).toBe('EXPIRED');
  }, TIMEOUT);
});

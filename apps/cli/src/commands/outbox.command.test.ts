import { sqlTestTargets, type OpenedTestDatabase } from '@aquastream/adapters/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, runCommand } from './command-harness.test-support.js';
import { book, publishedEvent, query, worldUseCases } from './small-world.test-support.js';

const [sqlite] = sqlTestTargets();

describe('outbox status / outbox retry', () => {
  let opened: OpenedTestDatabase;
  let env: NodeJS.ProcessEnv;
  let failed: string[];

  beforeAll(async () => {
    if (sqlite === undefined) throw new Error('no SQLite target');
    opened = await sqlite.open();
    env = { DATABASE_URL: opened.url };
    const uc = worldUseCases(opened.db);
    const event = await publishedEvent(uc, Date.now());
    for (let i = 0; i < 3; i += 1) await book(uc, event.id);
    // The relay gave up on three messages (as after a long broker outage).
    const rows = await query(opened.db, 'SELECT id FROM outbox_messages ORDER BY id LIMIT 3');
    failed = rows.map((r) => String(r['id']));
    await query(opened.db, "UPDATE outbox_messages SET status = 'FAILED', attempts = 10, last_error = 'broker down' WHERE id IN (:ids)", { ids: failed });
  });
  afterAll(() => opened.close());

  const counts = async () => json<{ PENDING: number; SENT: number; FAILED: number; oldestPendingAt: string | null }>(await runCommand(['outbox', 'status'], { env }));

  it('status counts messages per status and dates the oldest waiting one', async () => {
    const total = Number((await query(opened.db, 'SELECT COUNT(*) AS n FROM outbox_messages'))[0]?.['n']);
    const stats = await counts();
    expect(total).toBeGreaterThan(3);
    expect(stats).toMatchObject({ FAILED: 3, SENT: 0, PENDING: total - 3 });
    expect(Date.parse(stats.oldestPendingAt ?? '')).toBeLessThanOrEqual(Date.now());
    const human = await runCommand(['outbox', 'status'], { env, tty: true });
    expect(human.out).toMatch(new RegExp(`^PENDING ${total - 3} · SENT 0 · FAILED 3 \\(oldest waiting since \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}Z\\)\\n$`));
  });

  it('retry --ids puts back only the FAILED messages named', async () => {
    const [first] = failed;
    const run = await runCommand(['outbox', 'retry', '--ids', `${first}`], { env });
    expect(run.exitCode).toBe(0);
    expect(json(run)).toEqual({ retried: 1 });
    expect((await counts()).FAILED).toBe(2);
    expect(json(await runCommand(['outbox', 'retry', '--ids', `${first}`], { env }))).toEqual({ retried: 0 });
  });

  it('retry without --ids puts back every FAILED message, due now', async () => {
    const run = await runCommand(['outbox', 'retry'], { env, tty: true });
    expect(run.out).toBe('Put 2 FAILED message(s) back for the relay.\n');
    expect((await counts()).FAILED).toBe(0);
    const rows = await query(opened.db, 'SELECT DISTINCT status FROM outbox_messages');
    expect(rows).toEqual([{ status: 'PENDING' }]);
  });

  it('bad arguments exit 2', async () => {
    const run = await runCommand(['outbox', 'retry', '--ids', 'first-one'], { env });
    expect(run.exitCode).toBe(2);
    expect(run.err).toMatch(/not an id: first-one/);
    expect((await runCommand(['outbox', 'purge'], { env })).exitCode).toBe(2);
  });
});

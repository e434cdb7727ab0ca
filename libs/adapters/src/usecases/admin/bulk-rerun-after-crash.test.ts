// Issue 6: a bulk run killed mid-item (SIGKILL, a lost connection) can simply be run again. The crash is modelled by
// what it leaves behind: the item's key claimed as runItemOnce claims it and never completed — with the change not
// made (killed before the commit), or, for a cancel, made (killed between the commit and the key's completion; a
// reschedule completes its key in the move's own transaction, so that state cannot exist for it).
import { BULK_CLAIM_LEASE_MS, BULK_IDEMPOTENCY_TTL_MS, requestHash } from '@aquastream/application';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlTestTargets } from '../../testing/sql-test-database.js';
import { admin, adminWorld, cli, memoryStores, sqlStores, value, DAY, type AdminWorld, type Stores } from './admin-world.test-support.js';

type World = AdminWorld;

/** The claim runItemOnce makes for one item, left in progress as a killed run leaves it. */
async function crashedClaim(w: World, operation: string, args: Record<string, unknown>): Promise<void> {
  const key = requestHash({ operation, ...args });
  expect(await w.idempotency.claim(`admin:${operation}`, key, key, w.clock.now(), BULK_IDEMPOTENCY_TTL_MS)).toEqual({ kind: 'claimed' });
}

const cancelArgs = (eventId: string) => ({ eventId, reason: 'storm', refundPercent: null });
const rescheduleArgs = (eventId: string) => ({ eventId, shiftMs: DAY, to: null, reason: null, runKey: null });

const targets: { name: string; open: () => Promise<Stores> }[] = [
  { name: 'in-memory', open: () => Promise.resolve(memoryStores()) },
  ...sqlTestTargets().map((t) => ({ name: t.name, open: async () => sqlStores(await t.open()) })),
];

for (const target of targets) {
  describe(`bulk re-run after a crash on ${target.name}`, () => {
    let stores: Stores;
    // One world over the store (its id sequence would repeat in a second one); the clock only moves on.
    let w: World;
    beforeAll(async () => {
      stores = await target.open();
      w = adminWorld(stores);
    });
    afterAll(async () => {
      await stores?.close();
    });

    it('re-running a bulk reschedule after a crash before the commit shifts the event once, after the lease', async () => {
      const a = await w.seedEvent();
      await crashedClaim(w, 'bulk-reschedule-events', rescheduleArgs(a.id));
      const input = { selection: { eventIds: [a.id] }, shiftMs: DAY };

      // Within the lease the claim may be a live run's: reported, not touched.
      w.clock.advance(BULK_CLAIM_LEASE_MS - 1);
      const early = value(await w.bulkReschedule.execute(admin, input));
      expect(early.items.map((i) => [i.outcome, i.code])).toEqual([['failed', 'IDEMPOTENCY_KEY_IN_PROGRESS']]);
      expect((await w.event(a.id)).startsAt).toBe(a.startsAt);

      w.clock.advance(1);
      const rerun = value(await w.bulkReschedule.execute(admin, input));
      expect(rerun.items.map((i) => [i.outcome, i.code])).toEqual([['done', null]]);
      const again = value(await w.bulkReschedule.execute(admin, input));
      expect(again.items.map((i) => [i.outcome, i.code])).toEqual([['skipped', 'ALREADY_DONE']]);
      expect((await w.event(a.id)).startsAt).toBe(a.startsAt + DAY);
      expect((await w.messageTypes(a.id)).filter((t) => t === 'event.rescheduled')).toHaveLength(1);
    });

    it('a crash where a separate completion would run: the reschedule is already completed, the cancel is re-run as a no-op', async () => {
      const moved = await w.seedEvent();
      const canceled = await w.seedEvent();
      // The process dies where runItemOnce completes a key outside the work's transaction: the run stops there.
      const complete = w.idempotency.complete.bind(w.idempotency);
      w.idempotency.complete = (tx, ...rest) => (tx === null ? Promise.reject(new Error('killed')) : complete(tx, ...rest));
      try {
        // The move completed its key in its own transaction, so nothing is left to complete afterwards.
        const first = value(await w.bulkReschedule.execute(admin, { selection: { eventIds: [moved.id] }, shiftMs: DAY }));
        expect(first.items.map((i) => [i.outcome, i.code])).toEqual([['done', null]]);
        await expect(w.bulkCancel.execute(cli, { selection: { eventIds: [canceled.id] }, reason: 'storm' })).rejects.toThrow('killed');
      } finally {
        w.idempotency.complete = complete;
      }
      expect((await w.event(canceled.id)).status).toBe('CANCELED');

      const rerunMove = value(await w.bulkReschedule.execute(admin, { selection: { eventIds: [moved.id] }, shiftMs: DAY }));
      expect(rerunMove.items.map((i) => [i.outcome, i.code])).toEqual([['skipped', 'ALREADY_DONE']]);
      expect(value(await w.bulkCancel.execute(cli, { selection: { eventIds: [canceled.id] }, reason: 'storm' })).items[0]?.code).toBe(
        'IDEMPOTENCY_KEY_IN_PROGRESS',
      );
      w.clock.advance(BULK_CLAIM_LEASE_MS);
      const rerunCancel = value(await w.bulkCancel.execute(cli, { selection: { eventIds: [canceled.id] }, reason: 'storm' }));
      expect(rerunCancel.items.map((i) => [i.outcome, i.code])).toEqual([['skipped', 'ALREADY_CANCELED']]);
      expect((await w.event(moved.id)).startsAt).toBe(moved.startsAt + DAY);
      expect((await w.messageTypes(moved.id)).filter((t) => t === 'event.rescheduled')).toHaveLength(1);
      expect((await w.messageTypes(canceled.id)).filter((t) => t === 'event.canceled')).toHaveLength(1);
    });

    it('re-running a bulk cancel after a crash, before or after the commit, cancels each event once, after the lease', async () => {
      const before = await w.seedEvent();
      const after = await w.seedEvent();
      await w.book(after, 'u-1', 2, { paid: true });
      await crashedClaim(w, 'bulk-cancel-events', cancelArgs(before.id));
      await crashedClaim(w, 'bulk-cancel-events', cancelArgs(after.id));
      // Killed after the cancel of `after` committed, before its key was completed.
      expect(value(await w.cancel.execute(cli, { eventId: after.id, reason: 'storm' })).changed).toBe(true);
      const input = { selection: { eventIds: [before.id, after.id] }, reason: 'storm' };

      w.clock.advance(BULK_CLAIM_LEASE_MS - 1);
      const early = value(await w.bulkCancel.execute(cli, input));
      expect(early.items.map((i) => i.code)).toEqual(['IDEMPOTENCY_KEY_IN_PROGRESS', 'IDEMPOTENCY_KEY_IN_PROGRESS']);
      expect((await w.event(before.id)).status).toBe('PUBLISHED');

      w.clock.advance(1);
      const rerun = value(await w.bulkCancel.execute(cli, input));
      expect(rerun.items.map((i) => [i.eventId, i.outcome, i.code])).toEqual([
        [before.id, 'done', null],
        [after.id, 'skipped', 'ALREADY_CANCELED'],
      ]);
      const again = value(await w.bulkCancel.execute(cli, input));
      expect(again.items.map((i) => i.code)).toEqual(['ALREADY_DONE', 'ALREADY_DONE']);
      expect((await w.event(before.id)).status).toBe('CANCELED');
      expect(await w.messageTypes(before.id)).toEqual(['event.canceled']);
      expect((await w.messageTypes(after.id)).filter((t) => t === 'event.canceled')).toHaveLength(1);
      expect(w.gateway.refunds).toHaveLength(1);
    });

    it('lets only one of two concurrent re-runs take over a stale claim', async () => {
      const a = await w.seedEvent();
      await crashedClaim(w, 'bulk-reschedule-events', rescheduleArgs(a.id));
      w.clock.advance(BULK_CLAIM_LEASE_MS);
      const input = { selection: { eventIds: [a.id] }, shiftMs: DAY };
      const runs = await Promise.all([w.bulkReschedule.execute(admin, input), w.bulkReschedule.execute(admin, input)]);
      const codes = runs.map((r) => value(r).items[0]?.code);
      expect(codes.filter((c) => c === null)).toHaveLength(1);
      // The loser sees the winner's fresh claim in progress, or its completed key if the winner was already done.
      expect(['ALREADY_DONE', 'IDEMPOTENCY_KEY_IN_PROGRESS']).toContain(codes.find((c) => c !== null));
      expect((await w.event(a.id)).startsAt).toBe(a.startsAt + DAY);
      expect((await w.messageTypes(a.id)).filter((t) => t === 'event.rescheduled')).toHaveLength(1);
    });
  });
}

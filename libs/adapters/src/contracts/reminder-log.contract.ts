import type { ReminderMark } from '@aquastream/application';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../composition/storage.js';
import { aBooking, seedEvent, T0 } from './booking-fixtures.test-support.js';

export type ReminderLogHarness = { readonly storage: Storage; close(): Promise<void> };

const DAY = 86_400_000;
const pairs = (marks: readonly ReminderMark[]): string[] => marks.map((m) => `${m.bookingId}/${m.window}`).sort();

/** The behaviour every ReminderLog adapter shares. Each test seeds bookings of its own (the SQL table points at them). */
export function describeReminderLogContract(name: string, open: () => Promise<ReminderLogHarness>): void {
  describe(`ReminderLog contract: ${name}`, () => {
    let h: ReminderLogHarness;
    beforeAll(async () => {
      h = await open();
    });
    afterAll(async () => {
      await h?.close();
    });

    async function bookings(n: number): Promise<{ bookingId: string; eventId: string }[]> {
      const s = h.storage;
      const event = await seedEvent({ uow: s.uow, events: s.events, organizations: s.organizations });
      const made = Array.from({ length: n }, () => aBooking(event, { status: 'CONFIRMED' }));
      await s.uow.run(async (tx) => {
        for (const b of made) await s.bookings.insert(tx, b);
      });
      return made.map((b) => ({ bookingId: b.id, eventId: event.id }));
    }
    const mark = (tx: Parameters<Parameters<Storage['uow']['run']>[0]>[0], marks: readonly ReminderMark[]) => h.storage.reminders.markSent(tx, marks);
    const markNow = (marks: readonly ReminderMark[]) => h.storage.uow.run((tx) => mark(tx, marks));

    it('records new marks and answers them; the same booking and window again answers nothing; another window is new', async () => {
      const [a, b] = await bookings(2);
      const first: ReminderMark[] = [
        { ...a!, window: '24h', sentAt: T0 },
        { ...b!, window: '24h', sentAt: T0 },
      ];
      expect(pairs(await markNow(first))).toEqual(pairs(first));
      expect(await markNow(first)).toEqual([]);
      const mixed: ReminderMark[] = [{ ...a!, window: '24h', sentAt: T0 + 1 }, { ...a!, window: '1h', sentAt: T0 + 1 }];
      expect(await markNow(mixed)).toEqual([{ ...a!, window: '1h', sentAt: T0 + 1 }]);
    });

    it('counts a pair given twice in one call once', async () => {
      const [a] = await bookings(1);
      const m: ReminderMark = { ...a!, window: '1h', sentAt: T0 };
      expect(await markNow([m, m])).toEqual([m]);
    });

    it('keeps nothing of a transaction that rolled back', async () => {
      const [a] = await bookings(1);
      const m: ReminderMark = { ...a!, window: '24h', sentAt: T0 };
      await expect(
        h.storage.uow.run(async (tx) => {
          await mark(tx, [m]);
          throw new Error('the message could not be written');
        }),
      ).rejects.toThrow('the message could not be written');
      expect(await markNow([m])).toEqual([m]);
    });

    it('answers each pair to exactly one of two transactions marking the same pairs at once', async () => {
      const made = await bookings(40);
      const marks: ReminderMark[] = made.flatMap((b) => [
        { ...b, window: '24h' as const, sentAt: T0 },
        { ...b, window: '1h' as const, sentAt: T0 },
      ]);
      const [x, y] = await Promise.all([markNow(marks), markNow([...marks].reverse())]);
      expect(pairs([...x, ...y])).toEqual(pairs(marks));
    });

    it('purges marks sent before a cutoff (strictly) and answers how many', async () => {
      const [a, b, c] = await bookings(3);
      const cutoff = T0 + 400 * DAY;
      await markNow([
        { ...a!, window: '24h', sentAt: cutoff - 1 },
        { ...b!, window: '24h', sentAt: cutoff },
        { ...c!, window: '1h', sentAt: cutoff + DAY },
      ]);
      const purged = await h.storage.uow.run((tx) => h.storage.reminders.purge(tx, cutoff));
      // Marks of other tests were sent around T0, long before the cutoff.
      expect(purged).toBeGreaterThanOrEqual(1);
      expect(await h.storage.uow.run((tx) => h.storage.reminders.purge(tx, cutoff))).toBe(0);
      expect(await markNow([{ ...a!, window: '24h', sentAt: cutoff }])).toHaveLength(1);
      expect(await markNow([{ ...b!, window: '24h', sentAt: cutoff }])).toEqual([]);
      expect(await markNow([{ ...c!, window: '1h', sentAt: cutoff }])).toEqual([]);
    });
  });
}

import { randomUUID } from 'node:crypto';
import { ConflictError, type BookingRepository, type PaymentRepository } from '@aquastream/application';
import type { Booking, EventState } from '@aquastream/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aBooking, HOUR, seedEvent, seedOrganization, T0, type EventSeeding } from './booking-fixtures.test-support.js';

export type BookingRepositoryHarness = EventSeeding & {
  readonly repo: BookingRepository;
  /** The payments of the same store (the expiry candidates are told apart by an open payment). */
  readonly payments: PaymentRepository;
  close(): Promise<void>;
};

/**
 * What every BookingRepository does: the uniqueness rules the domain relies on (one active booking per user and event,
 * unique ticket codes) as conflicts, status changes as compare-and-set, and the queries of the lists and the jobs.
 * One database serves the suite; each case makes its own events and users.
 */
export function describeBookingRepositoryContract(name: string, open: () => Promise<BookingRepositoryHarness>): void {
  describe(`BookingRepository contract: ${name}`, () => {
    let h: BookingRepositoryHarness;
    let opened = false;
    beforeAll(async () => {
      h = await open();
      opened = true;
    });
    afterAll(async () => {
      if (opened) await h.close();
    });

    const save = (b: Booking) => h.uow.run((tx) => h.repo.insert(tx, b));
    const move = (next: Booking, expected: Booking['status']) => h.uow.run((tx) => h.repo.transition(tx, next, expected));
    const anEvent = (overrides: Partial<EventState> = {}, organizationId?: string) => seedEvent(h, overrides, organizationId);

    it('stores a booking and reads it back field for field, JSON and instants (ms) included', async () => {
      const event = await anEvent();
      const booking = aBooking(event, {
        pricing: { currency: 'EUR', unitPrice: 6_250, quantity: 2, subtotal: 12_500, dynamicMultiplier: 1.25, groupDiscount: 0, promoDiscount: 500, total: 12_000 },
        totalAmount: 12_000,
        paymentDeadline: T0 + 1_234,
        waitlistEntryId: randomUUID(),
      });
      await save(booking);
      expect(await h.repo.findById(null, booking.id)).toEqual(booking);
      expect(await h.repo.findById(null, randomUUID())).toBeNull();
    });

    it('refuses a second active booking of a user for an event, and allows one once the first is no longer active', async () => {
      const event = await anEvent();
      const first = aBooking(event);
      await save(first);
      const second = aBooking(event, { userId: first.userId });
      await expect(save(second)).rejects.toEqual(new ConflictError('booking_active_per_user'));
      await expect(save({ ...second, status: 'CONFIRMED', ticketCode: 'AQ-DUP-1' })).rejects.toBeInstanceOf(ConflictError);
      expect(await h.repo.findById(null, second.id)).toBeNull();
      await save(aBooking(event)); // another user: fine
      expect(await move({ ...first, status: 'CANCELED' }, 'PENDING_PAYMENT')).toBe(true);
      await save(second);
      expect(await h.repo.hasActiveBooking(null, event.id, first.userId)).toBe(true);
    });

    it('refuses to reinstate an expired booking while the user holds another active one', async () => {
      const event = await anEvent();
      const old = aBooking(event, { status: 'EXPIRED' });
      await save(old);
      await save(aBooking(event, { userId: old.userId }));
      await expect(move({ ...old, status: 'CONFIRMED', ticketCode: `AQ-${randomUUID()}`.slice(0, 32) }, 'EXPIRED')).rejects.toEqual(
        new ConflictError('booking_active_per_user'),
      );
      expect((await h.repo.findById(null, old.id))?.status).toBe('EXPIRED');
    });

    it('keeps ticket codes unique and finds a booking by its code', async () => {
      const event = await anEvent();
      const code = `AQ-${randomUUID().slice(0, 8).toUpperCase()}`;
      const confirmed = aBooking(event, { status: 'CONFIRMED', ticketCode: code, paidAmount: 10_000 });
      await save(confirmed);
      await expect(save(aBooking(event, { status: 'CONFIRMED', ticketCode: code }))).rejects.toEqual(new ConflictError('booking_ticket_code'));
      const pending = aBooking(event);
      await save(pending);
      await expect(move({ ...pending, status: 'CONFIRMED', ticketCode: code }, 'PENDING_PAYMENT')).rejects.toEqual(
        new ConflictError('booking_ticket_code'),
      );
      expect(await h.repo.findByTicketCode(null, code)).toEqual(confirmed);
      expect(await h.repo.findByTicketCode(null, 'AQ-NOPE')).toBeNull();
    });

    it('changes status only from the expected one (compare-and-set), so a repeated transition does nothing', async () => {
      const event = await anEvent();
      const booking = aBooking(event);
      await save(booking);
      const canceled: Booking = {
        ...booking,
        status: 'CANCELED',
        cancelReason: 'plans changed',
        refund: { amount: 4_025, percent: 80.5, status: 'PENDING' },
        paidAmount: 5_000,
        updatedAt: T0 + 60_000,
      };
      expect(await move(canceled, 'CONFIRMED')).toBe(false);
      expect(await h.repo.findById(null, booking.id)).toEqual(booking);
      expect(await move(canceled, 'PENDING_PAYMENT')).toBe(true);
      expect(await move({ ...canceled, cancelReason: 'again' }, 'PENDING_PAYMENT')).toBe(false);
      expect(await h.repo.findById(null, booking.id)).toEqual(canceled);
      expect(await move({ ...canceled, status: 'EXPIRED' }, 'PENDING_PAYMENT')).toBe(false);
      expect(await move({ ...canceled, refund: { amount: 4_025, percent: 80.5, status: 'COMPLETED' } }, 'CANCELED')).toBe(true);
      expect((await h.repo.findById(null, booking.id))?.refund).toEqual({ amount: 4_025, percent: 80.5, status: 'COMPLETED' });
    });

    it('never clears nor moves a stored check-in time, so of two scans one writes', async () => {
      const event = await anEvent();
      const booking = aBooking(event, { status: 'CONFIRMED', ticketCode: `AQ-${randomUUID().slice(0, 8)}` });
      await save(booking);
      expect(await move({ ...booking, checkedInAt: T0 + 1_000 }, 'CONFIRMED')).toBe(true);
      expect(await move({ ...booking, checkedInAt: T0 + 2_000 }, 'CONFIRMED')).toBe(false);
      expect(await move({ ...booking, checkedInAt: null }, 'CONFIRMED')).toBe(false);
      expect(await move({ ...booking, checkedInAt: T0 + 1_000, status: 'CANCELED' }, 'CONFIRMED')).toBe(true);
      expect(await h.repo.findById(null, booking.id)).toMatchObject({ status: 'CANCELED', checkedInAt: T0 + 1_000 });
    });

    it('rolls an insert back with its transaction', async () => {
      const event = await anEvent();
      const booking = aBooking(event);
      await expect(
        h.uow.run(async (tx) => {
          await h.repo.insert(tx, booking);
          expect(await h.repo.findById(tx, booking.id)).toEqual(booking);
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(await h.repo.findById(null, booking.id)).toBeNull();
      expect(await h.repo.hasActiveBooking(null, event.id, booking.userId)).toBe(false);
    });

    it('lists newest first, paged, by user, event, statuses and organisations, with the total', async () => {
      const orgA = await seedOrganization(h);
      const orgB = await seedOrganization(h);
      const a1 = await anEvent({}, orgA);
      const a2 = await anEvent({}, orgA);
      const b1 = await anEvent({}, orgB);
      const user = `user-${randomUUID()}`;
      const mine = [
        aBooking(a1, { userId: user, createdAt: T0 + 1 }),
        aBooking(a2, { userId: user, createdAt: T0 + 3, status: 'CANCELED' }),
        aBooking(b1, { userId: user, createdAt: T0 + 2 }),
      ];
      const others = [aBooking(a1, { createdAt: T0 + 4 }), aBooking(b1, { createdAt: T0 + 5 })];
      for (const b of [...mine, ...others]) await save(b);

      const page1 = await h.repo.list({ userId: user, page: 1, size: 2 });
      expect(page1.total).toBe(3);
      expect(page1.items.map((b) => b.id)).toEqual([mine[1]?.id, mine[2]?.id]);
      expect((await h.repo.list({ userId: user, page: 2, size: 2 })).items.map((b) => b.id)).toEqual([mine[0]?.id]);
      expect((await h.repo.list({ userId: user, statuses: ['CANCELED'], page: 1, size: 10 })).items).toEqual([mine[1]]);
      expect((await h.repo.list({ eventId: a1.id, page: 1, size: 10 })).items.map((b) => b.id)).toEqual([others[0]?.id, mine[0]?.id]);
      const orgView = await h.repo.list({ organizationIds: [orgB], page: 1, size: 10 });
      expect(orgView.items.map((b) => b.id)).toEqual([others[1]?.id, mine[2]?.id]);
      expect((await h.repo.list({ organizationIds: [], page: 1, size: 10 })).total).toBe(0);
    });

    it('lists an event’s bookings oldest first, optionally by status', async () => {
      const event = await anEvent();
      const late = aBooking(event, { createdAt: T0 + 10, status: 'CONFIRMED', ticketCode: `AQ-${randomUUID().slice(0, 8)}` });
      const early = aBooking(event, { createdAt: T0 + 5 });
      const gone = aBooking(event, { createdAt: T0 + 7, status: 'EXPIRED' });
      for (const b of [late, early, gone]) await save(b);
      expect((await h.repo.listByEvent(null, event.id)).map((b) => b.id)).toEqual([early.id, gone.id, late.id]);
      expect((await h.repo.listByEvent(null, event.id, ['PENDING_PAYMENT', 'CONFIRMED'])).map((b) => b.id)).toEqual([early.id, late.id]);
    });

    it('finds pending bookings whose deadline is before the cutoff, oldest deadline first, up to the limit', async () => {
      const event = await anEvent();
      const cutoff = T0 + 1_000 * HOUR;
      const due2 = aBooking(event, { paymentDeadline: cutoff - 2 * HOUR });
      const due1 = aBooking(event, { paymentDeadline: cutoff - 3 * HOUR });
      const notYet = aBooking(event, { paymentDeadline: cutoff });
      const paid = aBooking(event, { paymentDeadline: cutoff - 5 * HOUR, status: 'CONFIRMED', ticketCode: `AQ-${randomUUID().slice(0, 8)}` });
      for (const b of [due2, due1, notYet, paid]) await save(b);
      const found = (await h.repo.findExpiryCandidates(cutoff, 100)).filter((b) => b.eventId === event.id);
      expect(found.map((b) => b.id)).toEqual([due1.id, due2.id]);
      const limited = await h.repo.findExpiryCandidates(cutoff, 1);
      expect(limited).toHaveLength(1);
    });

    it('tells expiry candidates with an open (INITIATED) payment from those without', async () => {
      const event = await anEvent();
      const cutoff = T0 + 2_000 * HOUR;
      const paying = aBooking(event, { paymentDeadline: cutoff - 3 * HOUR });
      const idle = aBooking(event, { paymentDeadline: cutoff - 2 * HOUR });
      const failedPayment = aBooking(event, { paymentDeadline: cutoff - HOUR });
      for (const b of [paying, idle, failedPayment]) await save(b);
      const payment = (bookingId: string, status: 'INITIATED' | 'FAILED') => {
        const id = randomUUID();
        return h.uow.run((tx) =>
          h.payments.insert(tx, {
            id, bookingId, amount: 10_000, currency: 'EUR', status, gateway: 'sandbox', gatewayReference: `sbx_${id}`,
            paymentUrl: null, refundedAmount: 0, createdAt: T0, updatedAt: T0,
          }),
        );
      };
      await payment(paying.id, 'INITIATED');
      await payment(failedPayment.id, 'FAILED');
      const mine = (found: readonly Booking[]) => found.filter((b) => b.eventId === event.id).map((b) => b.id);
      expect(mine(await h.repo.findExpiryCandidates(cutoff, 1_000))).toEqual([paying.id, idle.id, failedPayment.id]);
      expect(mine(await h.repo.findExpiryCandidates(cutoff, 1_000, { openPayment: true }))).toEqual([paying.id]);
      expect(mine(await h.repo.findExpiryCandidates(cutoff, 1_000, { openPayment: false }))).toEqual([idle.id, failedPayment.id]);
      // Read back whole, as findById reads them (the expiry decides on these copies).
      expect((await h.repo.findExpiryCandidates(cutoff, 1_000, { openPayment: false })).find((b) => b.id === idle.id)).toEqual(idle);
    });

    it('sets several statuses at once as a compare-and-set: only rows still in the expected status change, only status and updatedAt', async () => {
      const event = await anEvent();
      const a = aBooking(event);
      const b = aBooking(event);
      const moved = aBooking(event, { status: 'CANCELED' });
      for (const x of [a, b, moved]) await save(x);
      const at = T0 + 42 * HOUR;
      const next = [a, b, moved].map((x) => ({ ...x, status: 'EXPIRED' as const, updatedAt: at }));
      const written = await h.uow.run((tx) => h.repo.transitionStatuses(tx, next, 'PENDING_PAYMENT'));
      expect([...written].sort()).toEqual([a.id, b.id].sort());
      expect(await h.repo.findById(null, a.id)).toEqual({ ...a, status: 'EXPIRED', updatedAt: at });
      expect((await h.repo.findById(null, moved.id))?.status).toBe('CANCELED');
      // A second run finds nothing left to change: each booking moves once.
      expect(await h.uow.run((tx) => h.repo.transitionStatuses(tx, next, 'PENDING_PAYMENT'))).toEqual([]);
      expect(await h.uow.run((tx) => h.repo.transitionStatuses(tx, [], 'PENDING_PAYMENT'))).toEqual([]);
    });

    it('finds confirmed bookings of events starting in a window, by id after a cursor', async () => {
      const start = T0 + 5_000 * HOUR;
      const inWindow = await anEvent({ startsAt: start + HOUR });
      const edge = await anEvent({ startsAt: start + 2 * HOUR });
      const ticket = () => `AQ-${randomUUID().slice(0, 8)}`;
      const a = aBooking(inWindow, { status: 'CONFIRMED', ticketCode: ticket() });
      const b = aBooking(inWindow, { status: 'CONFIRMED', ticketCode: ticket() });
      const pending = aBooking(inWindow);
      const outside = aBooking(edge, { status: 'CONFIRMED', ticketCode: ticket() });
      for (const x of [a, b, pending, outside]) await save(x);
      const ids = [a.id, b.id].sort();
      const all = await h.repo.findConfirmedStartingBetween(start, start + 2 * HOUR, 10, null);
      expect(all.map((x) => x.id)).toEqual(ids);
      const first = await h.repo.findConfirmedStartingBetween(start, start + 2 * HOUR, 1, null);
      expect(first.map((x) => x.id)).toEqual([ids[0]]);
      const next = await h.repo.findConfirmedStartingBetween(start, start + 2 * HOUR, 1, ids[0] ?? null);
      expect(next.map((x) => x.id)).toEqual([ids[1]]);
    });

    it('counts an event’s bookings by status and sums its sales by local day', async () => {
      const event = await anEvent({ timeZone: 'Europe/Moscow' });
      const midnightMoscow = Date.UTC(2026, 2, 1, 21, 0, 0); // 00:00 on 2 March in Moscow
      const ticket = () => `AQ-${randomUUID().slice(0, 8)}`;
      const rows = [
        aBooking(event, { status: 'CONFIRMED', quantity: 2, paidAmount: 10_000, ticketCode: ticket(), createdAt: midnightMoscow - 1 }),
        aBooking(event, { status: 'CONFIRMED', quantity: 3, paidAmount: 13_500, ticketCode: ticket(), createdAt: midnightMoscow }),
        aBooking(event, { status: 'CANCELED', createdAt: midnightMoscow + 1 }),
        aBooking(event, { status: 'PENDING_PAYMENT', createdAt: midnightMoscow + 2 }),
      ];
      for (const b of rows) await save(b);
      expect(await h.repo.countByStatus(event.id)).toEqual({ PENDING_PAYMENT: 1, CONFIRMED: 2, CANCELED: 1, EXPIRED: 0 });
      expect(await h.repo.salesSummary(event.id, 'Europe/Moscow')).toEqual({
        ticketsSold: 5,
        revenueAmount: 23_500,
        bookingsByDay: { '2026-03-01': 1, '2026-03-02': 3 },
      });
      const empty = await anEvent();
      expect(await h.repo.countByStatus(empty.id)).toEqual({ PENDING_PAYMENT: 0, CONFIRMED: 0, CANCELED: 0, EXPIRED: 0 });
      expect(await h.repo.salesSummary(empty.id, 'UTC')).toEqual({ ticketsSold: 0, revenueAmount: 0, bookingsByDay: {} });
    });

    it('ranks events by seats sold in a window of booking times, then by revenue, with their booking counts', async () => {
      // A window no other case writes into, since the suite shares one database.
      const from = T0 + 90_000 * HOUR;
      const to = from + 24 * HOUR;
      const ticket = () => `AQ-${randomUUID().slice(0, 8)}`;
      const sold = (event: EventState, quantity: number, paidAmount: number, createdAt: number) =>
        aBooking(event, { status: 'CONFIRMED', quantity, paidAmount, ticketCode: ticket(), createdAt });
      const top = await anEvent();
      const richer = await anEvent();
      const poorer = await anEvent();
      const unsold = await anEvent();
      const rows = [
        sold(top, 4, 20_000, from),
        aBooking(top, { status: 'CANCELED', createdAt: from + 1 }),
        aBooking(top, { status: 'EXPIRED', createdAt: from + 2 }),
        sold(richer, 2, 15_000, from + 3),
        sold(poorer, 2, 9_000, from + 4),
        aBooking(poorer, { createdAt: from + 5 }),
        aBooking(unsold, { createdAt: to - 1 }),
        sold(unsold, 5, 25_000, to), // after the window
        sold(unsold, 5, 25_000, from - 1), // before it
      ];
      for (const b of rows) await save(b);
      const ranked = await h.repo.topSellingEvents({ from, to, limit: 10 });
      expect(ranked).toEqual([
        { eventId: top.id, totalBookings: 3, confirmedBookings: 1, ticketsSold: 4, revenueAmount: 20_000 },
        { eventId: richer.id, totalBookings: 1, confirmedBookings: 1, ticketsSold: 2, revenueAmount: 15_000 },
        { eventId: poorer.id, totalBookings: 2, confirmedBookings: 1, ticketsSold: 2, revenueAmount: 9_000 },
        { eventId: unsold.id, totalBookings: 1, confirmedBookings: 0, ticketsSold: 0, revenueAmount: 0 },
      ]);
      expect((await h.repo.topSellingEvents({ from, to, limit: 2 })).map((r) => r.eventId)).toEqual([top.id, richer.id]);
      const open = await h.repo.topSellingEvents({ from: to, limit: 100 });
      expect(open.find((r) => r.eventId === unsold.id)).toEqual({ eventId: unsold.id, totalBookings: 1, confirmedBookings: 1, ticketsSold: 5, revenueAmount: 25_000 });
      expect(await h.repo.topSellingEvents({ from: to + 1_000 * HOUR, to: to + 2_000 * HOUR, limit: 10 })).toEqual([]);
    });
  });
}

import { describe, expect, it } from 'vitest';
import {
  admin,
  alice,
  bob,
  bookingWorld,
  failure,
  guest,
  HOUR,
  manager,
  MIN,
  ORG,
  OTHER_ORG,
  otherOrganiser,
  staff,
  T0,
  user,
  value,
} from './booking-world.test-support.js';

describe('GetBookingUseCase', () => {
  it('shows a booking to its owner, any member of the event’s organisation and admins; to nobody else', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent();
    const booking = await w.book(alice, event.id);
    for (const ctx of [alice, staff, manager, admin]) expect(value(await w.get.execute(ctx, { bookingId: booking.id }))).toEqual(booking);
    expect(failure(await w.get.execute(bob, { bookingId: booking.id })).type).toBe('BOOKING_NOT_FOUND');
    expect(failure(await w.get.execute(otherOrganiser, { bookingId: booking.id })).type).toBe('BOOKING_NOT_FOUND');
    expect(failure(await w.get.execute(alice, { bookingId: 'nope' })).type).toBe('BOOKING_NOT_FOUND');
    expect(failure(await w.get.execute(guest, { bookingId: booking.id })).type).toBe('NOT_AUTHENTICATED');
  });
});

describe('ListBookingsUseCase', () => {
  async function world() {
    const w = bookingWorld();
    const ours = await w.seedEvent();
    const theirs = await w.seedEvent({ organizationId: OTHER_ORG, creatorId: 'owner-2' });
    const a1 = await w.book(alice, ours.id);
    w.clock.advance(MIN);
    const a2 = await w.book(alice, theirs.id);
    w.clock.advance(MIN);
    const b1 = await w.book(bob, ours.id);
    value(await w.cancel.execute(bob, { bookingId: b1.id }));
    return { w, ours, theirs, a1, a2, b1 };
  }

  it('lists the caller’s own bookings newest first, paged', async () => {
    const { w, a1, a2 } = await world();
    expect(value(await w.list.execute(alice, { page: 1, size: 1 }))).toMatchObject({ data: [{ id: a2.id }], totalElements: 2, totalPages: 2 });
    expect(value(await w.list.execute(alice, { page: 2, size: 1 })).data.map((b) => b.id)).toEqual([a1.id]);
    expect(value(await w.list.execute(user('nobody'), { page: 1, size: 10 })).totalElements).toBe(0);
    expect(failure(await w.list.execute(guest, { page: 1, size: 10 })).type).toBe('NOT_AUTHENTICATED');
  });

  it('lists an organisation’s bookings for its members, everything for admins, with status filters', async () => {
    const { w, a1, a2, b1, ours, theirs } = await world();
    const org = (ctx: typeof alice, extra = {}) => w.list.execute(ctx, { scope: 'organization', page: 1, size: 10, ...extra });
    expect(value(await org(staff)).data.map((b) => b.id)).toEqual([b1.id, a1.id]);
    expect(value(await org(otherOrganiser)).data.map((b) => b.id)).toEqual([a2.id]);
    expect(value(await org(admin)).totalElements).toBe(3);
    expect(value(await org(manager, { statuses: ['CANCELED'] })).data.map((b) => b.id)).toEqual([b1.id]);
    expect(value(await org(manager, { eventId: ours.id, statuses: ['PENDING_PAYMENT'] })).data.map((b) => b.id)).toEqual([a1.id]);
    expect(value(await org(admin, { organizationId: OTHER_ORG })).data.map((b) => b.id)).toEqual([a2.id]);
    expect(value(await org(manager, { organizationId: ORG })).totalElements).toBe(2);
    expect(failure(await org(manager, { eventId: theirs.id })).type).toBe('FORBIDDEN');
    expect(failure(await org(manager, { organizationId: OTHER_ORG })).type).toBe('ORGANIZATION_NOT_FOUND');
    expect(failure(await org(alice)).type).toBe('FORBIDDEN');
  });

  it('hides the bookings of an event the caller may not see', async () => {
    const w = bookingWorld();
    const draft = await w.seedEvent({ status: 'DRAFT', organizationId: OTHER_ORG });
    expect(failure(await w.list.execute(manager, { scope: 'organization', eventId: draft.id, page: 1, size: 10 })).type).toBe('EVENT_NOT_FOUND');
  });
});

describe('GetRefundQuoteUseCase', () => {
  it('quotes what the owner would get back now, net of earlier refunds', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent({ startsAt: T0 + 72 * HOUR });
    const booking = await w.bookPaid(alice, event.id, 2);
    expect(value(await w.quote.execute(alice, { bookingId: booking.id }))).toMatchObject({ percent: 80, amount: 8_000, refundable: 10_000 });
    const [payment] = await w.payments.listForBooking(null, booking.id);
    value(await w.refundPayment.execute(manager, { paymentId: payment?.id ?? '', amount: 5_000, reason: 'goodwill' }));
    expect(value(await w.quote.execute(staff, { bookingId: booking.id }))).toMatchObject({ percent: 80, amount: 5_000, refundable: 5_000 });
  });

  it('quotes 0 for an unpaid booking, and says why for one that cannot be canceled', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent();
    const booking = await w.book(alice, event.id);
    expect(value(await w.quote.execute(alice, { bookingId: booking.id }))).toMatchObject({ percent: 100, amount: 0 });
    value(await w.cancel.execute(alice, { bookingId: booking.id }));
    expect(failure(await w.quote.execute(alice, { bookingId: booking.id }))).toMatchObject({ type: 'BOOKING_NOT_CANCELABLE', status: 'CANCELED' });
    expect(failure(await w.quote.execute(bob, { bookingId: booking.id })).type).toBe('BOOKING_NOT_FOUND');
  });
});

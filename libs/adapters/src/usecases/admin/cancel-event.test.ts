import { describe, expect, it } from 'vitest';
import { admin, adminWorld, cli, errorType, guest, manager, staff, stranger, value, DAY, T0 } from './admin-world.test-support.js';

/** An event with everything a cancel touches: a pending booking with a promo use, a paid one, a line with an offer, a crew. */
async function busyEvent() {
  const w = adminWorld();
  const event = await w.seedEvent({
    crew: { status: 'ASSIGNED', request: { size: 2, skills: ['skipper'] }, crewId: 'crew-9', attempts: 0, nextAttemptAt: null, lastError: null },
  });
  const promo = await w.seedPromo(event.id);
  const pending = await w.book(event, 'u-pending', 2, { promoId: promo.id });
  const paid = await w.book(event, 'u-paid', 3, { paid: true });
  const offered = await w.enqueue(event, 'u-offered', 2, 'OFFERED');
  const waiting = await w.enqueue(event, 'u-waiting', 4, 'WAITING');
  return { w, event, promo, pending, paid, offered, waiting };
}

describe('CancelEventUseCase', () => {
  it('cancels the event with its whole cascade in one go', async () => {
    const { w, event, promo, pending, paid, offered, waiting } = await busyEvent();
    expect((await w.event(event.id)).seatsTaken).toBe(7);

    const outcome = value(await w.cancel.execute(manager, { eventId: event.id, reason: 'storm warning' }));

    expect(outcome.changed).toBe(true);
    expect(outcome.plan).toMatchObject({ bookingsCanceled: 2, refundTotal: paid.totalAmount, currency: 'EUR', waitlistCanceled: 2, crewReleased: true });
    const after = await w.event(event.id);
    expect(after).toMatchObject({ status: 'CANCELED', cancelReason: 'storm warning', seatsTaken: 0, canceledAt: T0 });
    expect(after.priceOptions.map((o) => o.seatsTaken)).toEqual([0]);
    expect(after.crew.status).toBe('RELEASED');
    expect(outcome.event.state.status).toBe('CANCELED');

    expect((await w.booking(pending.id)).status).toBe('CANCELED');
    expect((await w.booking(pending.id)).refund).toBeNull();
    // Organiser cancel refunds 100 % whatever the policy (50 % here), sent through the gateway after the commit.
    expect((await w.booking(paid.id)).refund).toEqual({ amount: paid.totalAmount, percent: 100, status: 'COMPLETED' });
    expect(w.gateway.refunds.map((r) => r.amount)).toEqual([paid.totalAmount]);
    expect(outcome.refunds).toEqual([expect.objectContaining({ bookingId: paid.id, amount: paid.totalAmount, error: null })]);
    const [payment] = await w.payments.listForBooking(null, paid.id);
    expect(payment).toMatchObject({ status: 'REFUNDED', refundedAmount: paid.totalAmount });

    expect((await w.waitlist.findById(null, offered.id))?.status).toBe('CANCELED');
    expect((await w.waitlist.findById(null, waiting.id))?.status).toBe('CANCELED');
    expect((await w.promoCodes.findById(null, promo.id))?.usesCount).toBe(0);
    expect(w.crew.releases).toEqual([{ eventId: event.id, crewId: 'crew-9' }]);

    expect(await w.messageTypes(event.id)).toEqual(['event.canceled', 'crew.released']);
    const types = await w.messageTypes();
    expect(types.filter((t) => t === 'booking.canceled')).toHaveLength(2);
    expect(types).toContain('payment.refunded');
    const audit = await w.auditRows();
    expect(audit.filter((a) => a.entity === 'EVENT')).toEqual([
      expect.objectContaining({ entityId: event.id, from: 'PUBLISHED', to: 'CANCELED', actorId: 'manager-1', reason: 'storm warning', correlationId: 'corr-manager-1' }),
    ]);
    expect(audit.filter((a) => a.entity === 'BOOKING').map((a) => a.entityId).sort()).toEqual([pending.id, paid.id].sort());
    expect(audit.filter((a) => a.entity === 'WAITLIST').map((a) => a.to)).toEqual(['CANCELED', 'CANCELED']);
  });

  it('is a no-op the second time: same event back, no seat, message or refund moves', async () => {
    const { w, event } = await busyEvent();
    value(await w.cancel.execute(admin, { eventId: event.id, reason: 'storm' }));
    const messages = (await w.messageTypes()).length;
    const again = value(await w.cancel.execute(admin, { eventId: event.id, reason: 'storm again' }));
    expect(again.changed).toBe(false);
    expect(again.event.state).toMatchObject({ status: 'CANCELED', cancelReason: 'storm', seatsTaken: 0 });
    expect((await w.messageTypes()).length).toBe(messages);
    expect(w.gateway.refunds).toHaveLength(1);
    expect(w.crew.releases).toHaveLength(1);
  });

  it('returns the plan of a dry run and writes nothing', async () => {
    const { w, event, paid } = await busyEvent();
    const outcome = value(await w.cancel.execute(cli, { eventId: event.id, reason: 'storm', dryRun: true }));
    expect(outcome).toMatchObject({ dryRun: true, changed: false });
    expect(outcome.plan).toEqual({
      eventId: event.id, title: 'Sunset kayak tour', statusBefore: 'PUBLISHED', bookingsCanceled: 2, refundTotal: paid.totalAmount,
      currency: 'EUR', waitlistCanceled: 2, crewReleased: true, refunds: [{ bookingId: paid.id, amount: paid.totalAmount, percent: 100 }],
    });
    expect((await w.event(event.id)).status).toBe('PUBLISHED');
    expect((await w.event(event.id)).seatsTaken).toBe(7);
    expect(await w.messageTypes()).toEqual([]);
    expect(w.gateway.refunds).toEqual([]);
  });

  it("refunds an admin's percentage, which only an admin may choose, within 0..100", async () => {
    const { w, event, paid } = await busyEvent();
    expect(errorType(await w.cancel.execute(manager, { eventId: event.id, reason: 'x', refundPercent: 50 }))).toBe('FORBIDDEN');
    expect(errorType(await w.cancel.execute(admin, { eventId: event.id, reason: 'x', refundPercent: 101 }))).toBe('INVALID_REQUEST');
    value(await w.cancel.execute(admin, { eventId: event.id, reason: 'x', refundPercent: 40 }));
    expect((await w.booking(paid.id)).refund).toMatchObject({ percent: 40, amount: Math.round(paid.totalAmount * 0.4) });
  });

  it('answers who may not cancel as DESIGN §3.8 says', async () => {
    const w = adminWorld();
    const published = await w.seedEvent();
    const draft = await w.seedEvent({ status: 'DRAFT', publishedAt: null });
    expect(errorType(await w.cancel.execute(guest, { eventId: published.id, reason: 'x' }))).toBe('NOT_AUTHENTICATED');
    expect(errorType(await w.cancel.execute(stranger, { eventId: published.id, reason: 'x' }))).toBe('FORBIDDEN');
    expect(errorType(await w.cancel.execute(staff, { eventId: published.id, reason: 'x' }))).toBe('FORBIDDEN');
    expect(errorType(await w.cancel.execute(stranger, { eventId: draft.id, reason: 'x' }))).toBe('EVENT_NOT_FOUND');
    expect(errorType(await w.cancel.execute(admin, { eventId: '00000000-0000-7000-8000-0000000fffff', reason: 'x' }))).toBe('EVENT_NOT_FOUND');
    expect((await w.event(published.id)).status).toBe('PUBLISHED');
  });

  it('refuses a completed event and a blank reason', async () => {
    const w = adminWorld();
    const completed = await w.seedEvent({ status: 'COMPLETED', completedAt: T0 - DAY });
    const published = await w.seedEvent();
    expect(errorType(await w.cancel.execute(admin, { eventId: completed.id, reason: 'x' }))).toBe('EVENT_NOT_EDITABLE');
    expect(errorType(await w.cancel.execute(admin, { eventId: published.id, reason: '  ' }))).toBe('INVALID_EVENT');
    expect((await w.event(published.id)).status).toBe('PUBLISHED');
  });

  it('cancels an event that has already started, refunding the paid bookings in full', async () => {
    const w = adminWorld();
    const event = await w.seedEvent();
    const paid = await w.book(event, 'u-1', 1, { paid: true });
    w.clock.set(event.startsAt + HOUR_MS);
    value(await w.cancel.execute(admin, { eventId: event.id, reason: 'storm mid-trip' }));
    expect((await w.booking(paid.id)).refund).toMatchObject({ percent: 100, amount: paid.totalAmount });
  });

  it('keeps the event canceled and the refund PENDING when the gateway fails', async () => {
    const { w, event, paid } = await busyEvent();
    w.gateway.failing = true;
    const outcome = value(await w.cancel.execute(admin, { eventId: event.id, reason: 'storm' }));
    expect(outcome.refunds).toEqual([expect.objectContaining({ bookingId: paid.id, error: 'gateway down' })]);
    expect((await w.event(event.id)).status).toBe('CANCELED');
    expect((await w.booking(paid.id)).refund?.status).toBe('PENDING');
    const pendingRefunds = await w.payments.listRefunds(null, { bookingId: paid.id, status: 'PENDING', limit: 10 });
    expect(pendingRefunds.map((r) => r.amount)).toEqual([paid.totalAmount]);
  });
});

const HOUR_MS = 3_600_000;

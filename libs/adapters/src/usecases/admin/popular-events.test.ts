import { describe, expect, it } from 'vitest';
import { admin, adminWorld, errorType, guest, HOUR, manager, value, T0 } from './admin-world.test-support.js';

describe('popular events (admin analytics)', () => {
  it('ranks events by seats sold through bookings made in the window, with revenue and conversion, for admins only', async () => {
    const w = adminWorld();
    const a = await w.seedEvent({ title: 'A' });
    const b = await w.seedEvent({ title: 'B', currency: 'RUB' });
    await w.book(a, 'u1', 1, { paid: true });
    await w.book(b, 'u2', 3, { paid: true });
    await w.book(b, 'u3', 1);
    w.clock.advance(2 * HOUR);
    await w.book(a, 'u4', 4, { paid: true });

    expect(errorType(await w.popularEvents.execute(guest, {}))).toBe('NOT_AUTHENTICATED');
    expect(errorType(await w.popularEvents.execute(manager, {}))).toBe('FORBIDDEN');
    const all = value(await w.popularEvents.execute(admin, {}));
    expect(all).toEqual([
      {
        eventId: a.id, title: 'A', organizationId: a.organizationId, status: 'PUBLISHED', startsAt: a.startsAt, currency: 'EUR',
        ticketsSold: 5, revenueAmount: 12_500, totalBookings: 2, confirmedBookings: 2, conversionRate: 1,
      },
      {
        eventId: b.id, title: 'B', organizationId: b.organizationId, status: 'PUBLISHED', startsAt: b.startsAt, currency: 'RUB',
        ticketsSold: 3, revenueAmount: 7_500, totalBookings: 2, confirmedBookings: 1, conversionRate: 0.5,
      },
    ]);
    const early = value(await w.popularEvents.execute(admin, { from: T0, to: T0 + HOUR }));
    expect(early.map((e) => [e.eventId, e.ticketsSold])).toEqual([[b.id, 3], [a.id, 1]]);
    expect(value(await w.popularEvents.execute(admin, { limit: 1 })).map((e) => e.eventId)).toEqual([a.id]);
    expect(errorType(await w.popularEvents.execute(admin, { from: T0 + HOUR, to: T0 }))).toBe('INVALID_REQUEST');
    expect(errorType(await w.popularEvents.execute(admin, { limit: 0 }))).toBe('INVALID_REQUEST');
    expect(errorType(await w.popularEvents.execute(admin, { limit: 101 }))).toBe('INVALID_REQUEST');
  });
});

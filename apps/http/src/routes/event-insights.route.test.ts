import { describe, expect, it } from 'vitest';
import { book, member, organiser, person, published, world } from './events.fixtures.test-support.js';

describe('GET /events/{id}/stats', () => {
  it('answers the contract’s stats, counting bookings by day in the event’s zone', async () => {
    const w = world();
    const org = await organiser(w);
    const e = await published(w, org, { timeZone: 'Europe/Moscow', priceOptions: [{ name: 'Free', price: 0 }] });
    w.clock.set(Date.parse('2026-06-01T22:30:00Z')); // 01:30 on 2 June in Moscow
    await book(w, await person(w), e.id, 2);
    await book(w, await person(w), e.id, 1);
    const res = await w.call('GET', `/api/v1/events/${e.id}/stats`, { token: org.token });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      eventId: e.id,
      totalBookings: 2,
      pendingBookings: 0,
      confirmedBookings: 2,
      canceledBookings: 0,
      expiredBookings: 0,
      ticketsSold: 3,
      revenueAmount: 0,
      currency: 'RUB',
      avgRating: null,
      reviewCount: 0,
      conversionRate: 1,
      bookingsByDay: { '2026-06-02': 2 },
      waitlistLength: 0,
      seatsAvailable: 7,
    });
  });

  it('is for owners, managers and admins; staff and others are refused', async () => {
    const w = world();
    const org = await organiser(w);
    const e = await published(w, org);
    const status = async (token?: string) => (await w.call('GET', `/api/v1/events/${e.id}/stats`, token === undefined ? {} : { token })).status;
    expect(await status()).toBe(401);
    expect(await status((await person(w)).token)).toBe(403);
    expect(await status((await member(w, org, 'STAFF')).token)).toBe(403);
    expect(await status((await member(w, org, 'MANAGER')).token)).toBe(200);
    expect(await status((await person(w, ['ADMIN'])).token)).toBe(200);
  });
});

describe('GET /events/{id}/bookings', () => {
  it('lists the attendees as a page, newest first', async () => {
    const w = world();
    const org = await organiser(w);
    const e = await published(w, org, { priceOptions: [{ name: 'Free', price: 0 }] });
    await book(w, await person(w), e.id, 1);
    w.clock.advance(60_000);
    const guest = await person(w);
    const b = await book(w, guest, e.id, 2);
    const res = await w.call('GET', `/api/v1/events/${e.id}/bookings?size=1`, { token: org.token });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ page: 1, size: 1, totalElements: 2, totalPages: 2 });
    expect(res.json.data[0]).toEqual({
      bookingId: b.id,
      userId: guest.id,
      status: 'CONFIRMED',
      quantity: 2,
      priceOptionId: e.priceOptions[0].id,
      priceOptionName: 'Free',
      totalAmount: 0,
      currency: 'RUB',
      ticketCode: expect.any(String),
      checkedInAt: null,
      createdAt: new Date(w.clock.now()).toISOString(),
    });
  });

  it('exports every row as RFC 4180 CSV with a header row', async () => {
    const w = world();
    const org = await organiser(w);
    const e = await published(w, org, { priceOptions: [{ name: 'Deck, "front" row', price: 0 }] });
    const guest = await person(w);
    const b = await book(w, guest, e.id, 1);
    for (let i = 0; i < 2; i += 1) await book(w, await person(w), e.id, 1);
    const res = await w.call('GET', `/api/v1/events/${e.id}/bookings?format=csv&size=1`, { token: org.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const lines = res.text.split('\r\n');
    expect(lines[0]).toBe('bookingId,userId,status,quantity,priceOptionId,priceOptionName,totalAmount,currency,ticketCode,checkedInAt,createdAt');
    expect(lines).toHaveLength(5); // header, three rows, and the empty string after the last CRLF
    expect(lines[1]).toBe(
      `${b.id},${guest.id},CONFIRMED,1,${e.priceOptions[0].id},"Deck, ""front"" row",0,RUB,${b.ticketCode},,${new Date(w.clock.now()).toISOString()}`,
    );
  });

  it('answers a header alone when nobody booked, filters by status, and refuses bad values', async () => {
    const w = world();
    const org = await organiser(w);
    const e = await published(w, org);
    const csv = await w.call('GET', `/api/v1/events/${e.id}/bookings?format=csv`, { token: org.token });
    expect(csv.text.split('\r\n')).toHaveLength(2);
    const canceled = await w.call('GET', `/api/v1/events/${e.id}/bookings?status=CANCELED,EXPIRED`, { token: org.token });
    expect(canceled.json.totalElements).toBe(0);
    expect((await w.call('GET', `/api/v1/events/${e.id}/bookings?format=xml`, { token: org.token })).status).toBe(400);
    expect((await w.call('GET', `/api/v1/events/${e.id}/bookings?status=PAID`, { token: org.token })).status).toBe(400);
    expect((await w.call('GET', `/api/v1/events/${e.id}/bookings?size=500`, { token: org.token })).status).toBe(400);
  });

  it('is for the organisation’s owners, managers, staff and admins', async () => {
    const w = world();
    const org = await organiser(w);
    const e = await published(w, org);
    const status = async (token?: string) => (await w.call('GET', `/api/v1/events/${e.id}/bookings?format=csv`, token === undefined ? {} : { token })).status;
    expect(await status()).toBe(401);
    expect(await status((await person(w)).token)).toBe(403);
    expect(await status((await organiser(w)).token)).toBe(403);
    expect(await status((await member(w, org, 'STAFF')).token)).toBe(200);
    expect(await status((await person(w, ['ADMIN'])).token)).toBe(200);
  });
});

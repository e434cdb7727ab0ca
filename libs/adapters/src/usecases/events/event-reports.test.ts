import { describe, expect, it } from 'vitest';
import { admin, buyer, errorOf, eventWorld, guest, manager, outsider, owner, staff, user, value } from './event-world.test-support.js';

describe('GetEventStatsUseCase', () => {
  it('counts bookings by status, sales, conversion, waitlist and seats', async () => {
    const w = await eventWorld();
    const event = await w.published({ capacity: 5, priceOptions: [{ name: 'Seat', price: 1_000 }] });
    const option = event.priceOptions[0]?.id ?? '';
    await w.takeSeats(event.id, 5, option);
    await w.addBooking(event.id, option, 'CONFIRMED', 2);
    await w.addBooking(event.id, option, 'CONFIRMED', 1);
    await w.addBooking(event.id, option, 'PENDING_PAYMENT', 2);
    await w.addBooking(event.id, option, 'CANCELED', 1);
    value(await w.joinWaitlist.execute(user('late-1'), { eventId: event.id, quantity: 1 }));
    const stats = value(await w.stats.execute(manager, { eventId: event.id }));
    expect(stats).toMatchObject({
      eventId: event.id,
      totalBookings: 4,
      pendingBookings: 1,
      confirmedBookings: 2,
      canceledBookings: 1,
      expiredBookings: 0,
      ticketsSold: 3,
      revenueAmount: 3_000,
      currency: 'RUB',
      avgRating: null,
      reviewCount: 0,
      conversionRate: 0.5,
      waitlistLength: 1,
      seatsAvailable: 0,
    });
  });

  it('answers a conversion of 0 without bookings', async () => {
    const w = await eventWorld();
    const event = await w.published();
    expect(value(await w.stats.execute(admin, { eventId: event.id }))).toMatchObject({ totalBookings: 0, conversionRate: 0, ticketsSold: 0 });
  });

  it('is for organisers and admins only: staff and buyers are refused, guests sign in, outsiders see no draft', async () => {
    const w = await eventWorld();
    const event = await w.published();
    const draft = await w.draft();
    expect(errorOf(await w.stats.execute(staff, { eventId: event.id }))).toBe('FORBIDDEN');
    expect(errorOf(await w.stats.execute(buyer, { eventId: event.id }))).toBe('FORBIDDEN');
    expect(errorOf(await w.stats.execute(guest, { eventId: event.id }))).toBe('NOT_AUTHENTICATED');
    expect(errorOf(await w.stats.execute(outsider, { eventId: draft.id }))).toBe('EVENT_NOT_FOUND');
  });
});

describe('ListAttendeesUseCase', () => {
  it('lists the active bookings by default, any statuses when asked, paged or all at once', async () => {
    const w = await eventWorld();
    const event = await w.published();
    const [adult, child] = event.priceOptions.map((o) => o.id);
    const a = await w.addBooking(event.id, adult ?? '', 'CONFIRMED', 2, 'ann');
    const b = await w.addBooking(event.id, child ?? '', 'PENDING_PAYMENT', 1, 'bob');
    await w.addBooking(event.id, adult ?? '', 'CANCELED', 1, 'cid');
    const all = value(await w.attendees.execute(staff, { eventId: event.id }));
    expect(all.totalElements).toBe(2);
    expect(all.data.map((r) => [r.userId, r.status, r.quantity, r.priceOptionName]).sort()).toEqual([
      ['ann', 'CONFIRMED', 2, 'Adult'],
      ['bob', 'PENDING_PAYMENT', 1, 'Child'],
    ]);
    expect(all.data.find((r) => r.bookingId === a.id)?.ticketCode).toBe(a.ticketCode);
    const canceled = value(await w.attendees.execute(owner, { eventId: event.id, statuses: ['CANCELED'] }));
    expect(canceled.data.map((r) => r.userId)).toEqual(['cid']);
    const page = value(await w.attendees.execute(admin, { eventId: event.id, page: 2, size: 1 }));
    expect([page.totalElements, page.totalPages, page.data.length]).toEqual([2, 2, 1]);
    expect([a.id, b.id]).toContain(page.data[0]?.bookingId);
  });

  it('refuses people outside the organisation', async () => {
    const w = await eventWorld();
    const event = await w.published();
    expect(errorOf(await w.attendees.execute(buyer, { eventId: event.id }))).toBe('FORBIDDEN');
    expect(errorOf(await w.attendees.execute(outsider, { eventId: event.id }))).toBe('FORBIDDEN');
    expect(errorOf(await w.attendees.execute(guest, { eventId: event.id }))).toBe('NOT_AUTHENTICATED');
  });
});

describe('event FAQ', () => {
  it('adds entries at the end, lists them in order, edits and deletes them, announcing each change', async () => {
    const w = await eventWorld();
    const event = await w.published();
    const first = value(await w.addFaq.execute(owner, { eventId: event.id, question: ' Parking? ', answer: 'By the pier.' }));
    const second = value(await w.addFaq.execute(manager, { eventId: event.id, question: 'Dogs?', answer: 'On a leash.' }));
    const top = value(await w.addFaq.execute(owner, { eventId: event.id, question: 'Age?', answer: '12+', position: 0 }));
    expect([first.question, first.position, second.position]).toEqual(['Parking?', 0, 1]);
    expect(value(await w.listFaq.execute(guest, { eventId: event.id })).map((f) => f.id)).toEqual([first.id, top.id, second.id]);
    const edited = value(await w.updateFaq.execute(owner, { eventId: event.id, faqId: second.id, answer: 'No dogs.', position: 0 }));
    expect([edited.question, edited.answer, edited.position]).toEqual(['Dogs?', 'No dogs.', 0]);
    expect(value(await w.deleteFaq.execute(owner, { eventId: event.id, faqId: first.id }))).toEqual({ deleted: true });
    // Same position and time: the older id first.
    expect(value(await w.listFaq.execute(buyer, { eventId: event.id })).map((f) => f.id)).toEqual([second.id, top.id]);
    expect((await w.messages('event.updated')).map((m) => m.data['changedFields'])).toEqual(Array(5).fill(['faq']));
  });

  it('answers FAQ_NOT_FOUND for an entry that is not the event\'s', async () => {
    const w = await eventWorld();
    const a = await w.published();
    const b = await w.published();
    const entry = value(await w.addFaq.execute(owner, { eventId: a.id, question: 'Q?', answer: 'A.' }));
    expect(errorOf(await w.updateFaq.execute(owner, { eventId: b.id, faqId: entry.id, answer: 'x' }))).toBe('FAQ_NOT_FOUND');
    expect(errorOf(await w.deleteFaq.execute(owner, { eventId: b.id, faqId: entry.id }))).toBe('FAQ_NOT_FOUND');
    expect(errorOf(await w.deleteFaq.execute(owner, { eventId: a.id, faqId: '00000000-0000-7000-8000-0000000000f0' }))).toBe('FAQ_NOT_FOUND');
  });

  it('validates the text and checks who asks', async () => {
    const w = await eventWorld();
    const event = await w.published();
    const draft = await w.draft();
    expect(errorOf(await w.addFaq.execute(owner, { eventId: event.id, question: ' ', answer: 'A' }))).toBe('INVALID_EVENT');
    expect(errorOf(await w.addFaq.execute(owner, { eventId: event.id, question: 'Q', answer: 'x'.repeat(5001) }))).toBe('INVALID_EVENT');
    expect(errorOf(await w.addFaq.execute(owner, { eventId: event.id, question: 'Q', answer: 'A', position: -1 }))).toBe('INVALID_EVENT');
    expect(errorOf(await w.addFaq.execute(staff, { eventId: event.id, question: 'Q', answer: 'A' }))).toBe('FORBIDDEN');
    expect(errorOf(await w.addFaq.execute(guest, { eventId: event.id, question: 'Q', answer: 'A' }))).toBe('NOT_AUTHENTICATED');
    expect(errorOf(await w.listFaq.execute(guest, { eventId: draft.id }))).toBe('EVENT_NOT_FOUND');
    expect(value(await w.listFaq.execute(staff, { eventId: draft.id }))).toEqual([]);
  });
});

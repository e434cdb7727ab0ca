import { describe, expect, it } from 'vitest';
import { admin, alice, bob, bookingWorld, failure, guest, manager, MIN, otherOrganiser, staff, T0, value } from './booking-world.test-support.js';

describe('CheckInTicketUseCase', () => {
  it('checks a confirmed ticket in once; the second scan answers ALREADY_CHECKED_IN with the first time', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent();
    const booking = await w.bookPaid(alice, event.id);
    const code = booking.ticketCode ?? '';
    expect(code).toMatch(/^AQ-TEST-/);
    expect(value(await w.checkIn.execute(staff, { ticketCode: code.toLowerCase() }))).toMatchObject({ id: booking.id, checkedInAt: T0 });
    w.clock.advance(5 * MIN);
    expect(failure(await w.checkIn.execute(manager, { ticketCode: code }))).toMatchObject({ type: 'ALREADY_CHECKED_IN', checkedInAt: T0 });
    expect((await w.booking(booking.id)).checkedInAt).toBe(T0);
    expect((await w.auditOf(booking.id)).at(-1)).toMatchObject({ from: 'CONFIRMED', to: 'CHECKED_IN', actorId: 'staff-1' });
  });

  it('lets organisers and admins check in too', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent();
    const a = await w.bookPaid(alice, event.id);
    const b = await w.bookPaid(bob, event.id);
    expect(value(await w.checkIn.execute(manager, { ticketCode: a.ticketCode ?? '' })).checkedInAt).toBe(T0);
    expect(value(await w.checkIn.execute(admin, { ticketCode: b.ticketCode ?? '' })).checkedInAt).toBe(T0);
  });

  it('tells anyone outside the organisation that the ticket does not exist, and guests to sign in', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent();
    const booking = await w.bookPaid(alice, event.id);
    const ticketCode = booking.ticketCode ?? '';
    expect(failure(await w.checkIn.execute(otherOrganiser, { ticketCode })).type).toBe('TICKET_NOT_FOUND');
    expect(failure(await w.checkIn.execute(alice, { ticketCode })).type).toBe('TICKET_NOT_FOUND');
    expect(failure(await w.checkIn.execute(staff, { ticketCode: 'AQ-NOPE' })).type).toBe('TICKET_NOT_FOUND');
    expect(failure(await w.checkIn.execute(guest, { ticketCode })).type).toBe('NOT_AUTHENTICATED');
    expect((await w.booking(booking.id)).checkedInAt).toBeNull();
  });

  it('refuses the ticket of a canceled booking', async () => {
    const w = bookingWorld();
    const event = await w.seedEvent();
    const booking = await w.bookPaid(alice, event.id);
    value(await w.cancel.execute(alice, { bookingId: booking.id }));
    expect(failure(await w.checkIn.execute(staff, { ticketCode: booking.ticketCode ?? '' }))).toMatchObject({ type: 'TICKET_NOT_VALID', status: 'CANCELED' });
  });
});

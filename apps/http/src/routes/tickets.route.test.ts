import { beforeEach, describe, expect, it } from 'vitest';
import { BOOKING_KEYS, booked, event, ISO, member, organiser, paid, person, world, type Organiser, type Person, type World } from './bookings.fixtures.test-support.js';

let w: World;
let org: Organiser;
let user: Person;
let code: string;
let bookingId: string;

beforeEach(async () => {
  w = world();
  org = await organiser(w);
  user = await person(w);
  const ev = await event(w, org);
  const b = await booked(w, user, ev.id, 2);
  await paid(w, user, b.id);
  const confirmed = await w.call('GET', `/api/v1/bookings/${b.id}`, { token: user.token });
  code = confirmed.json.ticketCode;
  bookingId = b.id;
});

const checkIn = (ticket: string, token?: string) => w.call('POST', `/api/v1/tickets/${ticket}/check-in`, token === undefined ? {} : { token });

describe('POST /tickets/{ticketCode}/check-in', () => {
  it('staff check a ticket in once; the second scan answers 409 with the first time', async () => {
    const staff = await member(w, org, 'STAFF');
    const first = await checkIn(code, staff.token);
    expect(first.status).toBe(200);
    expect(Object.keys(first.json).sort()).toEqual(['booking', 'checkedInAt', 'ticketCode']);
    expect(first.json).toMatchObject({ ticketCode: code, booking: { id: bookingId, status: 'CONFIRMED', quantity: 2 } });
    expect(first.json.checkedInAt).toMatch(ISO);
    expect(new Date(first.json.checkedInAt).getTime()).toBe(w.clock.now());
    expect(Object.keys(first.json.booking).sort()).toEqual(BOOKING_KEYS);

    w.clock.advance(60_000);
    const second = await checkIn(code, org.token);
    expect(second.status).toBe(409);
    expect(second.headers.get('content-type')).toContain('application/problem+json');
    expect(second.json).toMatchObject({ code: 'ALREADY_CHECKED_IN', checkedInAt: first.json.checkedInAt });
  });

  it('codes are case-insensitive; owners, managers and admins may check in', async () => {
    expect((await checkIn(code.toLowerCase(), org.token)).status).toBe(200);
    for (const who of [await member(w, org, 'MANAGER'), await person(w, ['ADMIN'])]) {
      expect((await checkIn(code, who.token)).json.code).toBe('ALREADY_CHECKED_IN');
    }
  });

  it('to the buyer, other users and other organisers the ticket does not exist; guests must sign in', async () => {
    for (const who of [user, await person(w), await organiser(w)]) {
      expect((await checkIn(code, who.token)).json).toMatchObject({ status: 404, code: 'TICKET_NOT_FOUND' });
    }
    expect((await checkIn(code)).status).toBe(401);
    expect((await checkIn('AQ-NOPE-NOPE', org.token)).json).toMatchObject({ status: 404, code: 'TICKET_NOT_FOUND' });
  });

  it('a malformed code is 400; a canceled booking’s ticket is not valid', async () => {
    const bad = await checkIn('no%20spaces%20here', org.token);
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe('VALIDATION_FAILED');
    await w.call('POST', `/api/v1/bookings/${bookingId}/cancel`, { token: user.token });
    const res = await checkIn(code, org.token);
    expect(res.status).toBe(409);
    expect(res.json).toMatchObject({ code: 'TICKET_NOT_VALID', currentStatus: 'CANCELED' });
  });
});

import { describe, expect, it } from 'vitest';
import type { EventState, EventStatus } from '../event/event.types.js';
import { anEvent, anOption, hours, T0 } from '../shared/fixtures.test-support.js';
import { DomainInvariantError } from '../shared/result.js';
import { joinWaitlist, type JoinWaitlistInput } from './join-waitlist.js';

// A full event (10 of 10 seats taken) that is open for bookings: the situation the waitlist is for.
const fullEvent = (overrides: Partial<EventState> = {}): EventState => anEvent({ seatsTaken: 10, ...overrides });

const input = (overrides: Partial<JoinWaitlistInput> = {}): JoinWaitlistInput => ({
  event: fullEvent(),
  userId: 'user-1',
  quantity: 2,
  priceOptionId: null,
  isMemberOfOrganization: false,
  hasActiveBooking: false,
  hasActiveEntry: false,
  now: T0,
  entryId: 'wl-42',
  ...overrides,
});

const errorType = (i: JoinWaitlistInput) => {
  const r = joinWaitlist(i);
  return r.ok ? 'OK' : r.error.type;
};

describe('joinWaitlist', () => {
  it('puts the user in line as WAITING and emits waitlist.joined', () => {
    const r = joinWaitlist(input({ priceOptionId: 'opt-1' }));
    expect(r).toEqual({
      ok: true,
      value: {
        state: {
          id: 'wl-42', eventId: 'evt-1', userId: 'user-1', quantity: 2, priority: 0, status: 'WAITING', joinedAt: T0,
          priceOptionId: 'opt-1', offeredAt: null, offerExpiresAt: null, bookingId: null, updatedAt: T0,
        },
        events: [
          { type: 'waitlist.joined', subject: 'wl-42', data: { entryId: 'wl-42', eventId: 'evt-1', userId: 'user-1', quantity: 2 } },
        ],
      },
    });
  });

  it('keeps a priority an admin set', () => {
    const r = joinWaitlist(input({ priority: -5 }));
    expect(r.ok && r.value.state.priority).toBe(-5);
  });

  it('throws on a non-integer priority (a caller bug)', () => {
    expect(() => joinWaitlist(input({ priority: 0.5 }))).toThrow(DomainInvariantError);
  });

  it('answers EVENT_NOT_FOUND for a missing event', () => {
    expect(joinWaitlist(input({ event: null }))).toEqual({ ok: false, error: { type: 'EVENT_NOT_FOUND', detail: expect.any(String) } });
  });

  it.each<[EventStatus, string]>([
    ['DRAFT', 'EVENT_NOT_FOUND'],
    ['SCHEDULED', 'EVENT_NOT_FOUND'],
    ['IN_REVIEW', 'EVENT_NOT_FOUND'],
    ['CANCELED', 'EVENT_NOT_BOOKABLE'],
    ['COMPLETED', 'EVENT_NOT_BOOKABLE'],
  ])('answers %s events with %s', (status, type) => {
    expect(errorType(input({ event: fullEvent({ status }) }))).toBe(type);
  });

  it('says which status made the event not bookable', () => {
    const r = joinWaitlist(input({ event: fullEvent({ status: 'COMPLETED' }) }));
    expect(!r.ok && r.error).toMatchObject({ type: 'EVENT_NOT_BOOKABLE', status: 'COMPLETED' });
  });

  it('refuses the creator and members of the organisation with OWN_EVENT', () => {
    expect(errorType(input({ userId: 'organiser-1' }))).toBe('OWN_EVENT');
    expect(errorType(input({ isMemberOfOrganization: true }))).toBe('OWN_EVENT');
  });

  it('closes at startsAt − bookingDeadlineHours with BOOKING_CLOSED carrying that instant', () => {
    const event = fullEvent({ startsAt: T0 + hours(48), bookingDeadlineHours: 24 });
    const closedAt = T0 + hours(24);
    expect(errorType(input({ event, now: closedAt - 1 }))).toBe('OK');
    const r = joinWaitlist(input({ event, now: closedAt }));
    expect(!r.ok && r.error).toMatchObject({ type: 'BOOKING_CLOSED', closedAt });
  });

  it('limits the quantity to 1..maxTicketsPerBooking with QUANTITY_LIMIT', () => {
    const event = fullEvent({ maxTicketsPerBooking: 4 });
    expect(errorType(input({ event, quantity: 4 }))).toBe('OK');
    expect(errorType(input({ event, quantity: 1 }))).toBe('OK');
    for (const quantity of [0, -1, 5, 1.5, Number.NaN]) {
      const r = joinWaitlist(input({ event, quantity }));
      expect(!r.ok && r.error).toMatchObject({ type: 'QUANTITY_LIMIT', min: 1, max: 4 });
    }
  });

  it('refuses a user with an active booking with ALREADY_BOOKED', () => {
    expect(errorType(input({ hasActiveBooking: true }))).toBe('ALREADY_BOOKED');
  });

  it('allows one active entry per user and event: ALREADY_WAITLISTED', () => {
    expect(errorType(input({ hasActiveEntry: true }))).toBe('ALREADY_WAITLISTED');
  });

  it('refuses an unknown or inactive price option with INVALID_PRICE_OPTION', () => {
    const event = fullEvent({ priceOptions: [anOption({ id: 'opt-1' }), anOption({ id: 'opt-off', active: false })] });
    expect(errorType(input({ event, priceOptionId: 'nope' }))).toBe('INVALID_PRICE_OPTION');
    expect(errorType(input({ event, priceOptionId: 'opt-off' }))).toBe('INVALID_PRICE_OPTION');
    expect(errorType(input({ event, priceOptionId: 'opt-1' }))).toBe('OK');
  });

  it('sends users who could book to the booking with SEATS_AVAILABLE', () => {
    const event = fullEvent({ seatsTaken: 8 }); // 2 free
    const r = joinWaitlist(input({ event, quantity: 2 }));
    expect(!r.ok && r.error).toMatchObject({ type: 'SEATS_AVAILABLE', seatsAvailable: 2 });
    expect(errorType(input({ event, quantity: 3 }))).toBe('OK');
  });

  it('checks in the booking order: the first failing rule decides', () => {
    const everythingWrong = input({
      event: fullEvent({ seatsTaken: 0, startsAt: T0 + hours(1), maxTicketsPerBooking: 1 }),
      userId: 'organiser-1',
      quantity: 5,
      hasActiveBooking: true,
      hasActiveEntry: true,
      priceOptionId: 'nope',
    });
    const fixes: [string, Partial<JoinWaitlistInput>][] = [
      ['OWN_EVENT', { userId: 'user-1' }],
      ['BOOKING_CLOSED', { now: T0 - hours(48) }],
      ['QUANTITY_LIMIT', { quantity: 1 }],
      ['ALREADY_BOOKED', { hasActiveBooking: false }],
      ['ALREADY_WAITLISTED', { hasActiveEntry: false }],
      ['INVALID_PRICE_OPTION', { priceOptionId: 'opt-1' }],
      ['SEATS_AVAILABLE', { event: fullEvent({ startsAt: T0 + hours(1), maxTicketsPerBooking: 1 }) }],
    ];
    let current = everythingWrong;
    for (const [expected, fix] of fixes) {
      expect(errorType(current)).toBe(expected);
      current = { ...current, ...fix };
    }
    expect(errorType(current)).toBe('OK');
    expect(errorType({ ...everythingWrong, event: fullEvent({ status: 'DRAFT' }) })).toBe('EVENT_NOT_FOUND');
  });
});

import type { TxContext } from '@aquastream/application';
import { describe, expect, it } from 'vitest';
import { InMemoryWaitlistRepository } from '../../memory/waitlist.memory-repository.js';
import { JoinWaitlistUseCase } from '@aquastream/application';
import { errorType, value } from './results.test-support.js';
import { admin, guest, HOUR, owner, staff, T0, user, waitlistWorld } from './waitlist-world.test-support.js';

/** A published event with every seat sold: the situation the waitlist is for. */
async function fullEvent(w: ReturnType<typeof waitlistWorld>, capacity = 2) {
  const event = await w.seedEvent({ capacity });
  for (let i = 0; i < capacity; i += 1) expect(await w.book(event.id, `buyer-${i}`, 1)).not.toBeNull();
  return event;
}

describe('JoinWaitlistUseCase', () => {
  it('puts the caller in line as WAITING with a position, a waitlist.joined message and an audit row', async () => {
    const w = waitlistWorld();
    const event = await fullEvent(w);
    const ann = value(await w.join.execute(user('ann'), { eventId: event.id, quantity: 2 }));
    w.clock.advance(1_000);
    const bob = value(await w.join.execute(user('bob'), { eventId: event.id, quantity: 1 }));
    expect(ann).toEqual({
      id: ann.id, eventId: event.id, userId: 'ann', quantity: 2, status: 'WAITING', position: 1, offerExpiresAt: null, createdAt: T0,
    });
    expect([bob.position, bob.createdAt]).toEqual([2, T0 + 1_000]);

    const joined = await w.messages('waitlist.joined');
    expect(joined.map((m) => [m.subject, m.data, m.correlationId, m.actorId])).toEqual([
      [ann.id, { entryId: ann.id, eventId: event.id, userId: 'ann', quantity: 2 }, 'corr-ann', 'ann'],
      [bob.id, { entryId: bob.id, eventId: event.id, userId: 'bob', quantity: 1 }, 'corr-bob', 'bob'],
    ]);
    expect((await w.auditOf(ann.id)).map((a) => [a.entity, a.eventId, a.from, a.to, a.actorId, a.correlationId])).toEqual([
      ['WAITLIST', event.id, null, 'WAITING', 'ann', 'corr-ann'],
    ]);
    // Joining holds nothing.
    expect((await w.event(event.id)).seatsTaken).toBe(2);
  });

  it('answers NOT_AUTHENTICATED to guests', async () => {
    const w = waitlistWorld();
    const event = await fullEvent(w);
    expect(errorType(await w.join.execute(guest, { eventId: event.id, quantity: 1 }))).toBe('NOT_AUTHENTICATED');
  });

  it('sends users who could book to the booking: SEATS_AVAILABLE', async () => {
    const w = waitlistWorld();
    const event = await w.seedEvent({ capacity: 4 });
    await w.book(event.id, 'buyer', 2);
    const r = await w.join.execute(user('ann'), { eventId: event.id, quantity: 2 });
    expect(!r.ok && r.error).toMatchObject({ type: 'SEATS_AVAILABLE', seatsAvailable: 2 });
    expect(value(await w.join.execute(user('ann'), { eventId: event.id, quantity: 3 })).status).toBe('WAITING');
  });

  it('allows one active entry per user and event: ALREADY_WAITLISTED', async () => {
    const w = waitlistWorld();
    const event = await fullEvent(w);
    value(await w.join.execute(user('ann'), { eventId: event.id, quantity: 1 }));
    expect(errorType(await w.join.execute(user('ann'), { eventId: event.id, quantity: 2 }))).toBe('ALREADY_WAITLISTED');
    expect(await w.waitlist.countActive(null, event.id)).toBe(1);
  });

  it('answers ALREADY_WAITLISTED when the database refuses a join that raced another (the unique index decides)', async () => {
    const w = waitlistWorld();
    const event = await fullEvent(w);
    // A repository whose pre-check missed the concurrent join: only the store's unique rule stands in the way.
    class StaleCheck extends InMemoryWaitlistRepository {
      override hasActiveEntry(_tx: TxContext | null, _eventId: string, _userId: string): Promise<boolean> {
        return Promise.resolve(false);
      }
    }
    const stale = new StaleCheck(w.db);
    const join = new JoinWaitlistUseCase(w.db, w.events, w.bookings, stale, w.recorder, w.clock, w.ids);
    const results = await Promise.all([1, 2].map(() => join.execute(user('ann'), { eventId: event.id, quantity: 1 })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.map((r) => (r.ok ? 'OK' : r.error.type)).sort()).toEqual(['ALREADY_WAITLISTED', 'OK']);
    expect(await w.waitlist.countActive(null, event.id)).toBe(1);
    expect(await w.messages('waitlist.joined')).toHaveLength(1);
  });

  it('two concurrent joins by one user through the real use case leave one entry', async () => {
    const w = waitlistWorld();
    const event = await fullEvent(w);
    const results = await Promise.all([1, 2].map(() => w.join.execute(user('ann'), { eventId: event.id, quantity: 1 })));
    expect(results.map((r) => (r.ok ? 'OK' : r.error.type)).sort()).toEqual(['ALREADY_WAITLISTED', 'OK']);
    expect(await w.waitlist.countActive(null, event.id)).toBe(1);
  });

  it('refuses a user with an active booking: ALREADY_BOOKED', async () => {
    const w = waitlistWorld();
    const event = await w.seedEvent({ capacity: 2 });
    await w.book(event.id, 'ann', 1);
    await w.book(event.id, 'buyer', 1);
    expect(errorType(await w.join.execute(user('ann'), { eventId: event.id, quantity: 1 }))).toBe('ALREADY_BOOKED');
  });

  it('hides unknown and unpublished events (EVENT_NOT_FOUND) and refuses ended ones (EVENT_NOT_BOOKABLE)', async () => {
    const w = waitlistWorld();
    const draft = await w.seedEvent({ status: 'DRAFT', publishedAt: null });
    const canceled = await w.seedEvent({ status: 'CANCELED' });
    const missing = '00000000-0000-7000-8000-ffffffffffff';
    expect(errorType(await w.join.execute(user('ann'), { eventId: missing, quantity: 1 }))).toBe('EVENT_NOT_FOUND');
    expect(errorType(await w.join.execute(user('ann'), { eventId: draft.id, quantity: 1 }))).toBe('EVENT_NOT_FOUND');
    expect(errorType(await w.join.execute(owner, { eventId: draft.id, quantity: 1 }))).toBe('EVENT_NOT_FOUND');
    expect(errorType(await w.join.execute(user('ann'), { eventId: canceled.id, quantity: 1 }))).toBe('EVENT_NOT_BOOKABLE');
  });

  it('refuses the organisation’s own people (OWN_EVENT), a closed sale (BOOKING_CLOSED), a bad quantity and option', async () => {
    const w = waitlistWorld();
    const event = await fullEvent(w);
    expect(errorType(await w.join.execute(staff, { eventId: event.id, quantity: 1 }))).toBe('OWN_EVENT');
    expect(errorType(await w.join.execute(user('ann'), { eventId: event.id, quantity: 9 }))).toBe('QUANTITY_LIMIT');
    expect(errorType(await w.join.execute(user('ann'), { eventId: event.id, quantity: 1, priceOptionId: 'nope' }))).toBe(
      'INVALID_PRICE_OPTION',
    );
    w.clock.set(event.startsAt - 24 * HOUR);
    expect(errorType(await w.join.execute(user('ann'), { eventId: event.id, quantity: 1 }))).toBe('BOOKING_CLOSED');
  });

  it('lets admins set a priority (served first) and refuses it to others with FORBIDDEN', async () => {
    const w = waitlistWorld();
    const event = await fullEvent(w);
    value(await w.join.execute(user('ann'), { eventId: event.id, quantity: 1 }));
    expect(errorType(await w.join.execute(user('bob'), { eventId: event.id, quantity: 1, priority: -5 }))).toBe('FORBIDDEN');
    w.clock.advance(1_000);
    const vip = value(await w.join.execute(admin, { eventId: event.id, quantity: 1, priority: -5 }));
    expect(vip.position).toBe(1);
    const line = await w.db.run((tx) => w.waitlist.waitingLine(tx, event.id));
    expect(line.map((e) => e.userId)).toEqual(['admin-1', 'ann']);
  });
});

// State for the waitlist, favorites and reviews route tests, seeded through the use cases (the routes that would
// create organisations, events and bookings belong to other sub-apps); what is under test always goes through HTTP.
import { randomUUID } from 'node:crypto';
import { FixedClock } from '@aquastream/adapters/testing';
import type { UseCaseContext } from '@aquastream/application';
import type { Booking } from '@aquastream/domain';
import { testApp, type TestApp } from '../testing/test-app.test-support.js';

export const HOUR = 3_600_000;

export type Person = { readonly id: string; readonly token: string; readonly roles: readonly string[] };
export type Organiser = Person & { readonly orgId: string };
export type World = TestApp & { readonly clock: FixedClock };

export function world(env: Readonly<Record<string, string>> = {}): World {
  const clock = new FixedClock(Date.now());
  return { ...testApp({ clock, env }), clock };
}

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { type: string; detail: string } }, what: string): T {
  if (!result.ok) throw new Error(`${what}: ${result.error.type} ${result.error.detail}`);
  return result.value;
}

/** The use-case context of a person, memberships resolved as the authentication middleware would. */
export async function contextOf(w: World, p: Person): Promise<UseCaseContext> {
  const actor = await w.deps.useCases.access.resolveActor.execute({ sub: p.id, roles: [...p.roles] });
  return { actor, correlationId: randomUUID() };
}

export async function person(w: World, roles: readonly string[] = ['USER']): Promise<Person> {
  const id = randomUUID();
  return { id, roles, token: await w.token(id, roles) };
}

export async function organiser(w: World, options: { readonly moderateReviews?: boolean } = {}): Promise<Organiser> {
  const p = await person(w, ['ORGANIZER']);
  const org = unwrap(await w.deps.useCases.organizations.create.execute(await contextOf(w, p), { name: `Org ${p.id.slice(0, 8)}` }), 'organisation');
  if (options.moderateReviews === true) {
    const admin = await person(w, ['ADMIN']);
    unwrap(await w.deps.useCases.organizations.update.execute(await contextOf(w, admin), { organizationId: org.id, moderateReviews: true }), 'moderation');
  }
  return { ...p, orgId: org.id };
}

/** A member of the organisation with `role`, added by its owner. */
export async function member(w: World, org: Organiser, role: 'MANAGER' | 'STAFF'): Promise<Person> {
  const p = await person(w, ['ORGANIZER']);
  unwrap(await w.deps.useCases.organizations.addMember.execute(await contextOf(w, org), { organizationId: org.orgId, userId: p.id, role }), 'member');
  return p;
}

export type EventOptions = { readonly capacity?: number; readonly price?: number; readonly startsInHours?: number; readonly publish?: boolean };

/** A PUBLISHED event (a DRAFT with `publish: false`) of the organiser's organisation; answers its id and option id. */
export async function event(w: World, org: Organiser, options: EventOptions = {}): Promise<{ id: string; priceOptionId: string }> {
  const ctx = await contextOf(w, org);
  const created = unwrap(
    await w.deps.useCases.events.create.execute(ctx, {
      organizationId: org.orgId,
      title: 'Sunset kayak tour',
      startsAt: w.clock.now() + (options.startsInHours ?? 240) * HOUR,
      capacity: options.capacity ?? 10,
      currency: 'RUB',
      priceOptions: [{ name: 'Standard', price: options.price ?? 1999 }],
      bookingDeadlineHours: 0,
    }),
    'event',
  );
  if (options.publish !== false) unwrap(await w.deps.useCases.events.publish.execute(ctx, { eventId: created.id }), 'publish');
  const option = created.priceOptions[0];
  if (option === undefined) throw new Error('the event has no price option');
  return { id: created.id, priceOptionId: option.id };
}

export async function book(w: World, p: Person, eventId: string, quantity = 1): Promise<Booking> {
  return unwrap(await w.deps.useCases.bookings.create.execute(await contextOf(w, p), { eventId, quantity }), 'booking');
}

export async function cancelBooking(w: World, p: Person, bookingId: string): Promise<void> {
  unwrap(await w.deps.useCases.bookings.cancel.execute(await contextOf(w, p), { bookingId }), 'cancel');
}

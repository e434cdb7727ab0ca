// State for the events route tests, made through the API itself (organisations, members, bookings) on the real app
// over the in-memory storage, with a clock the tests move by hand.
import { randomUUID } from 'node:crypto';
import { FixedClock } from '@aquastream/adapters/testing';
import { expect } from 'vitest';
import { testApp, type TestApp, type TestAppOptions } from '../testing/test-app.test-support.js';

export const HOUR = 3_600_000;

export type Person = { readonly id: string; readonly token: string };
export type Organiser = Person & { readonly orgId: string };
export type World = TestApp & { readonly clock: FixedClock };

export function world(options: Omit<TestAppOptions, 'clock'> = {}): World {
  const clock = new FixedClock(Date.parse('2026-06-01T09:00:00Z'));
  return { ...testApp({ ...options, clock }), clock };
}

export async function person(w: World, roles: readonly string[] = ['USER']): Promise<Person> {
  const id = randomUUID();
  return { id, token: await w.token(id, roles) };
}

/** An organiser who owns a fresh organisation (POST /organizations). */
export async function organiser(w: World): Promise<Organiser> {
  const p = await person(w, ['ORGANIZER']);
  const res = await w.call('POST', '/api/v1/organizations', { token: p.token, body: { name: `Org ${p.id.slice(0, 8)}` } });
  expect(res.status, res.text).toBe(201);
  return { ...p, orgId: res.json.id };
}

/** A MANAGER or STAFF member of the organisation, added by its owner. */
export async function member(w: World, org: Organiser, role: 'MANAGER' | 'STAFF'): Promise<Person> {
  const p = await person(w, ['ORGANIZER']);
  const res = await w.call('POST', `/api/v1/organizations/${org.orgId}/members`, { token: org.token, body: { userId: p.id, role } });
  expect(res.status, res.text).toBe(201);
  return p;
}

/** An instant `hours` from the world's now, as a request writes it: with a +03:00 offset. */
export function at(w: World, hours: number): string {
  const local = new Date(w.clock.now() + hours * HOUR + 3 * HOUR).toISOString().slice(0, 19);
  return `${local}+03:00`;
}

export function eventBody(w: World, org: Organiser, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    organizationId: org.orgId,
    title: 'Sunset kayak tour',
    description: 'Three hours on the river.',
    startsAt: at(w, 240),
    endsAt: at(w, 243),
    timeZone: 'Europe/Moscow',
    location: { name: 'Pier 3', address: 'Embankment 12', latitude: 55.75, longitude: 37.61 },
    capacity: 10,
    currency: 'RUB',
    priceOptions: [{ name: 'Standard', price: 1999 }],
    bookingDeadlineHours: 0,
    ...overrides,
  };
}

/** A DRAFT made through POST /events; answers the event as the API shows it. */
export async function draft(w: World, org: Organiser, overrides: Record<string, unknown> = {}): Promise<any> {
  const res = await w.call('POST', '/api/v1/events', { token: org.token, body: eventBody(w, org, overrides) });
  expect(res.status, res.text).toBe(201);
  return res.json;
}

/** A PUBLISHED event. */
export async function published(w: World, org: Organiser, overrides: Record<string, unknown> = {}): Promise<any> {
  const created = await draft(w, org, overrides);
  const res = await w.call('POST', `/api/v1/events/${created.id}/publish`, { token: org.token });
  expect(res.status, res.text).toBe(200);
  return res.json;
}

/** A booking through POST /bookings (a free option is CONFIRMED at once). */
export async function book(w: World, p: Person, eventId: string, quantity = 1): Promise<any> {
  const res = await w.call('POST', '/api/v1/bookings', { token: p.token, body: { eventId, quantity } });
  expect(res.status, res.text).toBe(201);
  return res.json;
}

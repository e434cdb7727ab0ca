// Every route of the API called by every kind of caller, against one seeded world (world.test-support.ts), with the
// status each must get: authorisation and visibility (DESIGN §3.8: not visible → 404, visible but not allowed → 403)
// checked end to end. Each cell runs on a fresh world, so a write in one cell cannot change the answer of another.
//
// Where a caller is refused for its state rather than its role, the cell says so: the user and B's owner already hold
// bookings of `event` (409 ALREADY_BOOKED), A's members may not book their own event (403 OWN_EVENT), B's owner cannot
// see organisation A (404 ORGANIZATION_NOT_FOUND), a draft is DRAFT (409 for unschedule/submit/approve/reject).
//
// Columns, in this order:  guest  user  orgA (owner of A)  orgB (owner of B)  staffA (staff of A)  admin
// The world: A's published `event` (the user's paid booking, B's owner's unpaid one, a waiter on the waitlist, a promo
// code, an FAQ entry), A's started `pastEvent` (the user's review), A's `draft`, a category.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { operationsOf, type OpenApiDocument } from './openapi-document.test-support.js';
import { ROLES, seedWorld, type World } from './world.test-support.js';

type Prepared = { readonly body?: unknown; readonly headers?: Record<string, string> };
type Row = readonly [op: string, expected: string, body?: (w: World) => unknown, prepare?: (w: World) => Promise<Prepared>];

const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

const EVENTS: readonly Row[] = [
  //                                        guest user orgA orgB staffA admin
  ['GET /events',                           '200 200 200 200 200 200'],
  ['GET /events/{event}',                   '200 200 200 200 200 200'],
  ['GET /events/{draft}',                   '404 404 200 404 200 200'],
  ['POST /events',                          '401 403 201 404 403 201', (w) => ({ organizationId: w.orgA.id, title: 'New trip', startsAt: future(30), capacity: 5, currency: 'RUB', priceOptions: [{ name: 'S', price: 100 }] })],
  ['PATCH /events/{event}',                 '401 403 200 403 403 200', () => ({ title: 'Renamed' })],
  ['DELETE /events/{draft}',                '401 404 204 404 403 204'],
  ['POST /events/{draft}/publish',          '401 404 200 404 403 200', () => ({})],
  ['POST /events/{draft}/unschedule',       '401 404 409 404 403 409'],
  ['POST /events/{draft}/submit',           '401 404 409 404 403 409', () => ({})],
  ['POST /events/{draft}/approve',          '401 404 403 404 403 409', () => ({})],
  ['POST /events/{draft}/reject',           '401 404 403 404 403 409', () => ({ reason: 'not described' })],
  ['POST /events/{event}/crew',             '401 403 200 403 403 200', () => ({ size: 2, skills: ['skipper'] })],
  ['POST /events/{event}/cancel',           '401 403 200 403 403 200', () => ({ reason: 'storm warning' })],
  ['GET /events/{event}/stats',             '401 403 200 403 403 200'],
  ['GET /events/{event}/bookings',          '401 403 200 403 200 200'],
  ['GET /events/{event}/calendar.ics',      '200 200 200 200 200 200'],
  ['GET /events/{event}/info.pdf',          '200 200 200 200 200 200'],
  ['GET /events/{event}/faq',               '200 200 200 200 200 200'],
  ['POST /events/{event}/faq',              '401 403 201 403 403 201', () => ({ question: 'Parking?', answer: 'At the pier.' })],
  ['PATCH /events/{event}/faq/{faq}',       '401 403 200 403 403 200', () => ({ answer: 'Provided, all sizes.' })],
  ['DELETE /events/{event}/faq/{faq}',      '401 403 204 403 403 204'],
  ['POST /events/{event}/waitlist',         '401 409 403 409 403 201', () => ({ quantity: 2 })],
  ['GET /events/{event}/waitlist',          '401 403 200 403 403 200'],
];

const WAITLIST: readonly Row[] = [
  //                                        guest user orgA orgB staffA admin
  ['GET /waitlist',                         '401 200 200 200 200 200'],
  // A waitlist entry is its owner's alone (the waiter, not a column): everyone else, admins too, gets 404.
  ['POST /waitlist/{entry}/claim',          '401 404 404 404 404 404'],
  ['DELETE /waitlist/{entry}',              '401 404 404 404 404 404'],
];

const BOOKINGS: readonly Row[] = [
  //                                        guest user orgA orgB staffA admin
  ['POST /bookings',                        '401 409 403 409 403 201', (w) => ({ eventId: w.event.id, quantity: 1 })],
  ['GET /bookings',                         '401 200 200 200 200 200'],
  ['GET /bookings/{booking}',               '401 200 200 404 200 200'],
  ['POST /bookings/{booking}/cancel',       '401 200 200 404 403 200', () => ({ reason: 'plans changed' })],
  ['GET /bookings/{booking}/refund-quote',  '401 200 200 404 200 200'],
  ['GET /bookings/{booking}/ticket',        '401 200 200 404 200 200'],
  ['POST /tickets/{ticket}/check-in',       '401 404 200 404 200 200'],
];

const PAYMENTS: readonly Row[] = [
  //                                        guest user orgA orgB staffA admin
  ['POST /payments',                        '401 404 403 201 403 403', (w) => ({ bookingId: w.pendingBooking.id })],
  ['GET /payments/{payment}',               '401 200 404 404 404 200'],
  ['POST /payments/{payment}/refund',       '401 403 200 404 403 200', () => ({ reason: 'goodwill' })],
  ['POST /payments/webhooks/sandbox',       '200 200 200 200 200 200', undefined, signedWebhook],
];

const ENGAGEMENT: readonly Row[] = [
  //                                        guest user orgA orgB staffA admin
  ['POST /favorites',                       '401 200 201 201 201 201', (w) => ({ eventId: w.event.id })],
  ['GET /favorites',                        '401 200 200 200 200 200'],
  ['DELETE /favorites/{event}',             '401 204 204 204 204 204'],
  ['POST /reviews',                         '401 409 403 403 403 403', (w) => ({ eventId: w.pastEvent.id, rating: 4 })],
  ['GET /reviews',                          '200 200 200 200 200 200'],
  ['PATCH /reviews/{review}',               '401 200 403 403 403 403', () => ({ rating: 4 })],
  ['POST /reviews/{review}/replies',        '401 403 201 403 403 201', () => ({ content: 'Thank you!' })],
  ['POST /reviews/{review}/helpful',        '401 403 200 200 200 200'],
  ['POST /reviews/{review}/moderate',       '401 403 403 403 403 200', () => ({ status: 'REJECTED' })],
];

const ORGANISATIONS: readonly Row[] = [
  //                                                  guest user orgA orgB staffA admin
  ['POST /organizations',                             '401 403 201 201 403 201', () => ({ name: `Club ${randomUUID().slice(0, 8)}` })],
  ['GET /organizations',                              '401 200 200 200 200 200'],
  ['GET /organizations/{orgA}',                       '401 404 200 404 200 200'],
  ['PATCH /organizations/{orgA}',                     '401 404 200 404 403 200', () => ({ name: 'Renamed club' })],
  ['GET /organizations/{orgA}/members',               '401 404 200 404 200 200'],
  ['POST /organizations/{orgA}/members',              '401 404 201 404 403 201', () => ({ userId: randomUUID(), role: 'STAFF' })],
  ['PATCH /organizations/{orgA}/members/{staffA}',    '401 404 200 404 403 200', () => ({ role: 'MANAGER' })],
  ['DELETE /organizations/{orgA}/members/{staffA}',   '401 404 204 404 403 204'],
];

const CATALOGUE: readonly Row[] = [
  //                                                  guest user orgA orgB staffA admin
  ['GET /categories',                                 '200 200 200 200 200 200'],
  ['GET /categories/{category}',                      '200 200 200 200 200 200'],
  ['POST /categories',                                '401 403 403 403 403 201', () => ({ name: `Rowing ${randomUUID().slice(0, 8)}` })],
  ['PATCH /categories/{category}',                    '401 403 403 403 403 200', () => ({ name: 'Sailing and rowing' })],
  ['POST /promo-codes',                               '401 403 201 403 403 201', (w) => ({ code: `NEW${randomUUID().slice(0, 4)}`, eventId: w.event.id, discountPercent: 15 })],
  ['GET /promo-codes',                                '401 200 200 200 200 200'],
  ['GET /promo-codes/{promo}',                        '401 404 200 404 403 200'],
  ['PATCH /promo-codes/{promo}',                      '401 404 200 404 403 200', () => ({ maxUses: 50 })],
  ['POST /promo-codes/{promoCode}/validate',          '401 200 200 200 200 200', (w) => ({ eventId: w.event.id, quantity: 1 })],
];

const ACCOUNT_AND_ADMIN: readonly Row[] = [
  //                                                  guest user orgA orgB staffA admin
  ['GET /me',                                         '401 200 200 200 200 200'],
  ['POST /admin/events/bulk-cancel',                  '401 403 403 403 403 200', (w) => ({ eventIds: [w.event.id], reason: 'storm', dryRun: true })],
  ['POST /admin/events/bulk-reschedule',              '401 403 403 403 403 200', (w) => ({ eventIds: [w.event.id], shift: 'PT2H', reason: 'tide', dryRun: true })],
  ['GET /admin/audit',                                '401 403 403 403 403 200'],
  ['GET /admin/analytics/popular',                    '401 403 403 403 403 200'],
  ['GET /admin/outbox',                               '401 403 403 403 403 200'],
  ['GET /admin/outbox/stats',                         '401 403 403 403 403 200'],
  ['POST /admin/outbox/retry',                        '401 403 403 403 403 200', () => ({})],
  ['GET /admin/jobs',                                 '401 403 403 403 403 200'],
  ['POST /admin/jobs/expire-pending-bookings/run',    '401 403 403 403 403 200'],
];

/** A payment of B's owner for the pending booking, settled by a correctly signed sandbox webhook. */
async function signedWebhook(w: World): Promise<Prepared> {
  const ctx = { actor: await w.deps.useCases.access.resolveActor.execute(w.people.ownerB), correlationId: randomUUID() };
  const initiated = await w.deps.useCases.payments.initiate.execute(ctx, { bookingId: w.pendingBooking.id });
  if (!initiated.ok || w.deps.sandbox === null) throw new Error('cannot prepare a payment for the webhook');
  const hook = w.deps.sandbox.checkout(initiated.value.gatewayReference, 'succeeded', w.clock.now());
  if (hook === null) throw new Error('the sandbox lost the payment');
  return { body: hook.rawBody, headers: { ...hook.headers } };
}

const TABLES = { EVENTS, WAITLIST, BOOKINGS, PAYMENTS, ENGAGEMENT, ORGANISATIONS, CATALOGUE, ACCOUNT_AND_ADMIN };

function resolvePath(template: string, w: World): string {
  const ids: Record<string, string> = {
    event: w.event.id, draft: w.draft.id, pastEvent: w.pastEvent.id, faq: w.faq.id, entry: w.waitlistEntry.id,
    booking: w.booking.id, payment: w.payment.id, ticket: w.ticketCode, review: w.review.id, orgA: w.orgA.id,
    orgB: w.orgB.id, staffA: w.people.staffA.sub, category: w.category.id, promo: w.promo.id, promoCode: w.promo.code,
  };
  return `/api/v1${template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const id = ids[name];
    if (id === undefined) throw new Error(`no world id for {${name}}`);
    return encodeURIComponent(id);
  })}`;
}

async function statuses([op, , body, prepare]: Row): Promise<string> {
  const [method = '', template = ''] = op.split(' ');
  const answers: string[] = [];
  for (const role of ROLES) {
    const w = await seedWorld();
    const prepared = prepare ? await prepare(w) : {};
    const sent = prepared.body ?? body?.(w);
    const token = w.tokens[role];
    const res = await w.call(method, resolvePath(template, w), {
      ...(token ? { token } : {}),
      ...(sent !== undefined ? { body: sent } : {}),
      ...(prepared.headers ? { headers: prepared.headers } : {}),
    });
    if (res.status >= 500) throw new Error(`${op} as ${role}: ${res.status} ${res.text}`);
    answers.push(`${role}=${res.status}${res.status >= 400 ? `(${String(res.json?.code)})` : ''}`);
  }
  return answers.join(' ');
}

/** The expected string in the same form, codes left out: compared without them, shown with them on failure. */
const withoutCodes = (s: string) => s.replace(/\([^)]*\)/g, '');
const labelled = (expected: string) =>
  expected
    .trim()
    .split(/\s+/)
    .map((status, i) => `${ROLES[i] ?? '?'}=${status}`)
    .join(' ');

for (const [name, rows] of Object.entries(TABLES)) {
  describe(`route × role matrix: ${name.toLowerCase().replaceAll('_', ' ')}`, () => {
    it.each(rows.map((row) => [row[0], row] as const))('%s', async (_, row) => {
      const actual = await statuses(row);
      expect(withoutCodes(actual), actual).toBe(labelled(row[1]));
    });
  });
}

describe('route × role matrix: coverage', () => {
  it('has a row for every operation of the OpenAPI document', async () => {
    const w = await seedWorld();
    const doc = (await w.call('GET', '/api/v1/openapi.json')).json as OpenApiDocument;
    const covered = new Set(
      Object.values(TABLES)
        .flat()
        .map(([op]) => {
          const [method = '', template = ''] = op.split(' ');
          return `${method} /api/v1${template.replace(/\{\w+\}|(?<=\/jobs\/)[\w-]+(?=\/run)|(?<=\/webhooks\/)\w+/g, '{}')}`;
        }),
    );
    const missing = operationsOf(doc)
      .filter((o) => o.path.startsWith('/api/v1/'))
      .map((o) => o.key)
      .filter((key) => !covered.has(key));
    expect(missing, `operations without a matrix row:\n${missing.join('\n')}`).toEqual([]);
  });
});

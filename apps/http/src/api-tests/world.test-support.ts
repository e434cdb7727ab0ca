// One seeded world for whole-API tests, built through the composed use cases (not the routes under test), so a route's
// failure in the matrix or the fuzz test points at that route and not at the setup.
import { FixedClock } from '@aquastream/adapters/testing';
import type { UseCaseContext, VerifiedClaims } from '@aquastream/application';
import type { Result } from '@aquastream/domain';
import { randomUUID } from 'node:crypto';
import { testApp, type TestApp } from '../testing/test-app.test-support.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function value<T, E>(r: Result<T, E>, what: string): T {
  if (!r.ok) throw new Error(`seeding the world: ${what} failed with ${JSON.stringify(r.error)}`);
  return r.value;
}

/** The callers of the matrix, by the names its tables use. */
export const ROLES = ['guest', 'user', 'orgA', 'orgB', 'staffA', 'admin'] as const;
export type RoleName = (typeof ROLES)[number];

export type World = Awaited<ReturnType<typeof seedWorld>>;

/**
 * Organisation A (owner, manager, staff) and B (owner); a plain user, a second user on A's waitlist, an admin.
 * A's published event `event` (capacity 3: the user holds a paid, confirmed seat, B's owner an unpaid one
 * (`pendingBooking`), so one seat is left and `waiter` waits for 2), with a
 * promo code, an FAQ entry and the user's favourite; A's `pastEvent`, which has started, with the user's confirmed
 * booking and review; A's `draft`; a category. Every id a route needs is here.
 */
export async function seedWorld(env: Readonly<Record<string, string>> = {}) {
  const clock = new FixedClock(Math.floor(Date.now() / 1000) * 1000);
  const t: TestApp = testApp({ clock, env });
  const uc = t.deps.useCases;
  const people = {
    ownerA: { sub: randomUUID(), roles: ['ORGANIZER'] },
    managerA: { sub: randomUUID(), roles: ['ORGANIZER'] },
    staffA: { sub: randomUUID(), roles: ['USER'] },
    ownerB: { sub: randomUUID(), roles: ['ORGANIZER'] },
    user: { sub: randomUUID(), roles: ['USER'] },
    waiter: { sub: randomUUID(), roles: ['USER'] },
    admin: { sub: randomUUID(), roles: ['ADMIN'] },
  } satisfies Record<string, VerifiedClaims>;
  const as = async (claims: VerifiedClaims): Promise<UseCaseContext> => ({
    actor: await uc.access.resolveActor.execute(claims),
    correlationId: randomUUID(),
  });

  const orgA = value(await uc.organizations.create.execute(await as(people.ownerA), { name: `Org A ${randomUUID().slice(0, 6)}` }), 'organisation A');
  const orgB = value(await uc.organizations.create.execute(await as(people.ownerB), { name: `Org B ${randomUUID().slice(0, 6)}` }), 'organisation B');
  value(await uc.organizations.addMember.execute(await as(people.ownerA), { organizationId: orgA.id, userId: people.managerA.sub, role: 'MANAGER' }), 'manager');
  value(await uc.organizations.addMember.execute(await as(people.ownerA), { organizationId: orgA.id, userId: people.staffA.sub, role: 'STAFF' }), 'staff');
  const category = value(await uc.categories.create.execute(await as(people.admin), { name: `Sailing ${randomUUID().slice(0, 6)}` }), 'category');

  const published = async (title: string, startsAt: number, capacity: number) => {
    const created = value(
      await uc.events.create.execute(await as(people.ownerA), {
        organizationId: orgA.id,
        title,
        startsAt,
        capacity,
        currency: 'RUB',
        categoryId: category.id,
        bookingDeadlineHours: 0,
        priceOptions: [{ name: 'Standard', price: 1_000 }],
      }),
      title,
    );
    return value(await uc.events.publish.execute(await as(people.ownerA), { eventId: created.id }), `publish ${title}`);
  };
  const paidBooking = async (eventId: string) => {
    const booking = value(await uc.bookings.create.execute(await as(people.user), { eventId, quantity: 1 }), 'booking');
    if (booking.status !== 'PENDING_PAYMENT') throw new Error(`seeding: a new booking is ${booking.status}`);
    const payment = value(await uc.payments.initiate.execute(await as(people.user), { bookingId: booking.id }), 'payment');
    const sandbox = t.deps.sandbox;
    if (sandbox === null) throw new Error('the test app has no sandbox gateway');
    const hook = sandbox.checkout(payment.gatewayReference, 'succeeded', clock.now());
    if (hook === null) throw new Error('the sandbox lost the payment');
    const event = value(sandbox.verifyWebhook(hook.rawBody, hook.headers, clock.now()), 'webhook signature');
    value(await uc.payments.handleGatewayEvent.execute({ actor: { kind: 'system', id: 'gateway:sandbox' }, correlationId: randomUUID() }, { gateway: 'sandbox', event }), 'settle');
    const confirmed = value(await uc.bookings.get.execute(await as(people.user), { bookingId: booking.id }), 'read booking');
    if (confirmed.status !== 'CONFIRMED' || confirmed.ticketCode === null) throw new Error(`seeding: booking is ${confirmed.status}`);
    return { booking: confirmed, payment, ticketCode: confirmed.ticketCode };
  };

  // The past event is booked now and reviewed once it has started; the clock then stays two days on.
  const pastEvent = await published('Past regatta', clock.now() + DAY, 10);
  const past = await paidBooking(pastEvent.id);
  clock.advance(2 * DAY);
  const review = value(await uc.reviews.create.execute(await as(people.user), { eventId: pastEvent.id, rating: 5, content: 'Great day on the water' }), 'review');

  const event = await published('Sunset kayak tour', clock.now() + 10 * DAY, 3);
  const current = await paidBooking(event.id);
  const pendingBooking = value(await uc.bookings.create.execute(await as(people.ownerB), { eventId: event.id, quantity: 1 }), 'pending booking');
  const waitlistEntry = value(await uc.waitlist.join.execute(await as(people.waiter), { eventId: event.id, quantity: 2 }), 'waitlist');
  const promo = value(
    await uc.promoCodes.create.execute(await as(people.ownerA), { code: `SUN${randomUUID().slice(0, 4).toUpperCase()}`, eventId: event.id, discountPercent: 10 }),
    'promo code',
  );
  const faq = value(await uc.events.addFaq.execute(await as(people.ownerA), { eventId: event.id, question: 'Life vests?', answer: 'Provided.' }), 'faq');
  value(await uc.favorites.add.execute(await as(people.user), { eventId: event.id }), 'favorite');
  const draft = value(
    await uc.events.create.execute(await as(people.ownerA), {
      organizationId: orgA.id,
      title: 'Draft workshop',
      startsAt: clock.now() + 20 * DAY,
      capacity: 5,
      currency: 'RUB',
      priceOptions: [{ name: 'Standard', price: 500 }],
    }),
    'draft',
  );

  const tokens: Record<RoleName | 'managerA' | 'waiter', string | undefined> = {
    guest: undefined,
    user: await t.token(people.user.sub, people.user.roles),
    orgA: await t.token(people.ownerA.sub, people.ownerA.roles),
    orgB: await t.token(people.ownerB.sub, people.ownerB.roles),
    staffA: await t.token(people.staffA.sub, people.staffA.roles),
    admin: await t.token(people.admin.sub, people.admin.roles),
    managerA: await t.token(people.managerA.sub, people.managerA.roles),
    waiter: await t.token(people.waiter.sub, people.waiter.roles),
  };

  return {
    ...t,
    clock,
    people,
    tokens,
    orgA,
    orgB,
    category,
    event,
    booking: current.booking,
    payment: current.payment,
    pendingBooking,
    ticketCode: current.ticketCode,
    pastEvent,
    pastBooking: past.booking,
    review,
    waitlistEntry,
    promo,
    faq,
    draft,
  };
}

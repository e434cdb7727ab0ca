// The admin route tests' world: the real app over the in-memory store, an organiser with an organisation made through
// the API, and published events seeded through the use cases (so these tests stand on the admin routes alone).
import { randomUUID } from 'node:crypto';
import type { UseCaseContext } from '@aquastream/application';
import { testApp, type TestAppOptions } from '../testing/test-app.test-support.js';

export const DAY = 24 * 3_600_000;

export async function adminWorld(options: TestAppOptions = {}) {
  const t = testApp(options);
  const ownerId = randomUUID();
  const organiser = await t.token(ownerId, ['ORGANIZER']);
  const org = (await t.call('POST', '/api/v1/organizations', { token: organiser, body: { name: `Org ${ownerId}` } })).json as { id: string };
  const ownerCtx: UseCaseContext = {
    actor: { kind: 'user', id: ownerId, roles: ['ORGANIZER'], memberships: [{ organizationId: org.id, role: 'OWNER' }] },
    correlationId: 'test-seed',
  };
  const uc = t.deps.useCases;

  async function publishedEvent(title = 'Sunset kayak tour', startsInDays = 10) {
    const startsAt = t.deps.clock.now() + startsInDays * DAY;
    const created = await uc.events.create.execute(ownerCtx, {
      organizationId: org.id,
      title,
      startsAt,
      endsAt: startsAt + 3 * 3_600_000,
      capacity: 10,
      currency: 'RUB',
      priceOptions: [{ name: 'Adult', price: 150_000 }],
    });
    if (!created.ok) throw new Error(created.error.type);
    const published = await uc.events.publish.execute(ownerCtx, { eventId: created.value.id });
    if (!published.ok) throw new Error(published.error.type);
    return published.value;
  }

  /** A user's booking of `quantity` seats, paid through the sandbox gateway when `paid`. */
  async function book(eventId: string, quantity: number, paid: boolean) {
    const ctx: UseCaseContext = { actor: { kind: 'user', id: randomUUID(), roles: ['USER'], memberships: [] }, correlationId: 'test-book' };
    const booking = await uc.bookings.create.execute(ctx, { eventId, quantity });
    if (!booking.ok) throw new Error(booking.error.type);
    if (paid) {
      const payment = await uc.payments.initiate.execute(ctx, { bookingId: booking.value.id });
      if (!payment.ok) throw new Error(payment.error.type);
      const settled = await uc.payments.handleGatewayEvent.execute(
        { actor: { kind: 'system', id: 'gateway:sandbox' }, correlationId: 'test-pay' },
        {
          gateway: 'sandbox',
          event: {
            id: `evt_${randomUUID()}`,
            type: 'payment.succeeded',
            reference: payment.value.gatewayReference ?? '',
            amount: payment.value.amount,
            currency: payment.value.currency,
          },
        },
      );
      if (!settled.ok) throw new Error(settled.error.type);
    }
    return booking.value;
  }

  return {
    ...t,
    org,
    organiser,
    publishedEvent,
    book,
    admin: await t.token(randomUUID(), ['ADMIN']),
    user: await t.token(randomUUID(), ['USER']),
  };
}

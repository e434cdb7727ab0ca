// A story through the composed use cases that makes every message type of DESIGN §5 at least once, each by the use
// case (or scheduler job) that owns it: what a relay test publishes to see every envelope on the wire.
import type { UseCaseContext, VerifiedClaims } from '@aquastream/application';
import { systemActor, type Result } from '@aquastream/domain';
import { composeForTest } from '../composition/use-cases.test-support.js';
import type { Storage } from '../composition/storage.js';
import type { UseCases } from '../composition/use-cases.js';
import { FakeCrewClient } from '../memory/crew-client.fake.js';
import { SandboxPaymentGateway } from '../payments/sandbox-gateway.js';
import { FixedClock } from '../testing/fixed-clock.js';
import { SequenceIdGenerator } from '../testing/sequence-id-generator.js';

const T0 = Date.UTC(2026, 5, 1, 9, 0, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const OFFER_MINUTES = 30;
const TTL_MINUTES = 30;
const GRACE_MINUTES = 5;

function value<T, E>(r: Result<T, E>): T {
  if (!r.ok) throw new Error(`expected success, got ${JSON.stringify(r.error)}`);
  return r.value;
}

/** Runs the story on `storage`; returns the use cases and the clock, for more. */
export async function produceEveryMessageType(storage: Storage): Promise<{ uc: UseCases; clock: FixedClock }> {
  const clock = new FixedClock(T0);
  const crew = new FakeCrewClient();
  const sandbox = new SandboxPaymentGateway({ secret: 'relay-secret', publicBaseUrl: 'http://localhost:8102' });
  const uc = composeForTest(storage, {
    clock,
    ids: new SequenceIdGenerator(),
    gateway: sandbox,
    crew,
    settings: {
      bookingTtlMinutes: TTL_MINUTES,
      bookingGraceMinutes: GRACE_MINUTES,
      waitlistOfferMinutes: OFFER_MINUTES,
      crew: { maxAttempts: 2, baseDelayMs: MIN, claimMs: 2 * MIN },
    },
  });
  let request = 0;
  const as = async (claims: VerifiedClaims): Promise<UseCaseContext> => ({
    actor: await uc.access.resolveActor.execute(claims),
    correlationId: `corr-${(request += 1)}`,
  });
  const system = (id: string): UseCaseContext => ({ actor: systemActor(id), correlationId: `corr-${(request += 1)}` });
  const organiser = { sub: 'olga', roles: ['ORGANIZER'] };
  const user = (sub: string): VerifiedClaims => ({ sub, roles: ['USER'] });
  const pay = async (sub: string, bookingId: string, choice: 'succeeded' | 'failed'): Promise<void> => {
    const payment = value(await uc.payments.initiate.execute(await as(user(sub)), { bookingId }));
    const hook = sandbox.checkout(payment.gatewayReference, choice, clock.now());
    if (hook === null) throw new Error('the sandbox lost the payment');
    const verified = value(sandbox.verifyWebhook(hook.rawBody, hook.headers, clock.now()));
    value(await uc.payments.handleGatewayEvent.execute(system('gateway:sandbox'), { gateway: 'sandbox', event: verified }));
  };

  // event.created, crew.assigned, event.updated, event.published
  value(await uc.organizations.create.execute(await as(organiser), { name: 'Relay Club' }));
  const startsAt = T0 + 10 * DAY;
  const draft = value(
    await uc.events.create.execute(await as(organiser), {
      title: 'Night regatta', startsAt, endsAt: startsAt + 3 * HOUR, capacity: 1, currency: 'RUB',
      priceOptions: [{ name: 'Seat', price: 100_000 }], crew: { size: 2, skills: ['skipper'] },
    }),
  );
  value(await uc.events.update.execute(await as(organiser), { eventId: draft.id, title: 'Night regatta 2026' }));
  const event = value(await uc.events.publish.execute(await as(organiser), { eventId: draft.id }));

  // booking.created, payment.initiated, payment.completed, booking.confirmed
  const ann = value(await uc.bookings.create.execute(await as(user('ann')), { eventId: event.id, quantity: 1 }));
  await pay('ann', ann.id, 'succeeded');
  // waitlist.joined (twice), then booking.canceled, payment.refunded, waitlist.offered when ann cancels
  const ben = value(await uc.waitlist.join.execute(await as(user('ben')), { eventId: event.id, quantity: 1 }));
  value(await uc.waitlist.join.execute(await as(user('cat')), { eventId: event.id, quantity: 1 }));
  value(await uc.bookings.cancel.execute(await as(user('ann')), { bookingId: ann.id }));
  // waitlist.offer_expired (ben), waitlist.offered (cat), then waitlist.claimed and booking.created
  clock.advance(OFFER_MINUTES * MIN + 1);
  value(await uc.jobs['expire-waitlist-offers'](system('scheduler')));
  const [catEntry] = value(await uc.waitlist.listMine.execute(await as(user('cat')), { page: 1, size: 10 })).data;
  if (catEntry === undefined || ben.id === catEntry.id) throw new Error('cat has no waitlist entry');
  const cat = value(await uc.waitlist.claim.execute(await as(user('cat')), { entryId: catEntry.id }));
  // payment.failed, then booking.expired
  await pay('cat', cat.id, 'failed');
  clock.set(cat.paymentDeadline + (GRACE_MINUTES + 1) * MIN);
  value(await uc.jobs['expire-pending-bookings'](system('scheduler')));

  // event.rescheduled, crew.released (and a new crew.assigned)
  const dan = value(await uc.bookings.create.execute(await as(user('dan')), { eventId: event.id, quantity: 1 }));
  await pay('dan', dan.id, 'succeeded');
  value(await uc.events.update.execute(await as(organiser), { eventId: event.id, startsAt: startsAt + DAY, endsAt: startsAt + DAY + 3 * HOUR }));

  // event.reminder: the reminders job, 23 hours before the new start (the 24-hour window)
  clock.set(startsAt + DAY - 23 * HOUR);
  value(await uc.jobs['send-reminders'](system('scheduler')));

  // event.completed, then review.created by someone who went
  clock.set(startsAt + DAY + 4 * HOUR);
  value(await uc.jobs['complete-finished-events'](system('scheduler')));
  value(await uc.reviews.create.execute(await as(user('dan')), { eventId: event.id, rating: 5, content: 'Great night' }));

  // event.canceled (a second event), crew.assignment_failed (a third, whose crew never comes)
  const other = value(
    await uc.events.create.execute(await as(organiser), {
      title: 'Dawn paddle', startsAt: clock.now() + 5 * DAY, capacity: 5, currency: 'RUB', priceOptions: [{ name: 'Seat', price: 50_000 }],
    }),
  );
  value(await uc.events.publish.execute(await as(organiser), { eventId: other.id }));
  value(await uc.events.cancel.execute(await as(organiser), { eventId: other.id, reason: 'storm warning' }));
  crew.failAlways();
  value(
    await uc.events.create.execute(await as(organiser), {
      title: 'Crewless', startsAt: clock.now() + 5 * DAY, capacity: 5, currency: 'RUB',
      priceOptions: [{ name: 'Seat', price: 50_000 }], crew: { size: 1, skills: [] },
    }),
  );
  clock.advance(2 * MIN);
  value(await uc.jobs['retry-crew-requests'](system('scheduler')));
  return { uc, clock };
}

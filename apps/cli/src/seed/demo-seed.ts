// `seed --demo`: a realistic data set made only through the use cases, as the API would make it — so every row has
// its outbox messages and audit rows, and the counters add up (`reconcile` finds nothing). The past is made by
// travelling the seed's clock back, acting, and coming back to the present.
import type { SandboxPaymentGateway, UseCases } from '@aquastream/adapters';
import type { AppError, UseCaseContext } from '@aquastream/application';
import type { Booking, Result } from '@aquastream/domain';
import { CommandFailedError } from '../cli-errors.js';
import {
  at,
  DAY,
  DEMO_CATEGORIES,
  DEMO_EVENTS,
  DEMO_ORGANIZATIONS,
  DEMO_USERS,
  HOUR,
  type DemoCategory,
  type DemoEventKey,
  type DemoOrganizationKey,
  type DemoUser,
} from './demo-catalogue.js';
import type { TravelClock } from './travel-clock.js';

export type DemoSeedDeps = {
  readonly uc: UseCases;
  /** The gateway `uc` was built with: the seed plays the buyer on its checkout and posts the signed webhook. */
  readonly sandbox: SandboxPaymentGateway;
  readonly clock: TravelClock;
  /** The CLI's actor (`cli:<user>`): admin steps (categories, organisations, the storm cancel) are audited as it. */
  readonly admin: UseCaseContext;
};

/** What was made, by key, for the report (read back from the store once done). */
export type DemoSeedIds = {
  readonly organizations: Readonly<Record<DemoOrganizationKey, string>>;
  readonly events: Readonly<Record<DemoEventKey, string>>;
  readonly bookings: readonly string[];
  readonly waitlistEntries: readonly string[];
  readonly reviews: readonly string[];
  readonly promoCodes: readonly string[];
  readonly categories: number;
};

function must<T>(result: Result<T, AppError>, step: string): T {
  if (!result.ok) throw new CommandFailedError(`seed step "${step}" failed: ${result.error.type}: ${result.error.detail}`, result.error.type);
  return result.value;
}

export class DemoSeed {
  private readonly origin: number;
  private readonly orgs = {} as Record<DemoOrganizationKey, string>;
  private readonly events = {} as Record<DemoEventKey, string>;
  private readonly categories = {} as Record<DemoCategory, string>;
  private readonly bookings: string[] = [];
  private readonly waitlist: string[] = [];
  private readonly reviews: string[] = [];
  private readonly promoCodes: string[] = [];

  constructor(private readonly deps: DemoSeedDeps) {
    this.origin = deps.clock.now();
  }

  async run(): Promise<DemoSeedIds> {
    const { clock } = this.deps;
    clock.travelTo(this.origin - 30 * DAY);
    await this.foundOrganizations();
    await this.createEvents();
    await this.createPromoCodes();

    clock.travelTo(this.origin - 29 * DAY);
    await this.earlyBookings();

    clock.travelTo(this.origin - 2 * DAY);
    await this.lastWeekBookings();

    clock.present();
    await this.runJobs();
    await this.todaysBookings();
    await this.stormCancel();
    await this.reviewsAndFavorites();
    return {
      organizations: this.orgs,
      events: this.events,
      bookings: this.bookings,
      waitlistEntries: this.waitlist,
      reviews: this.reviews,
      promoCodes: this.promoCodes,
      categories: Object.keys(this.categories).length,
    };
  }

  /** A demo user's request now: roles from their token, memberships from the store (as the API resolves them). */
  private async as(user: DemoUser): Promise<UseCaseContext> {
    const { id, roles } = DEMO_USERS[user];
    const actor = await this.deps.uc.access.resolveActor.execute({ sub: id, roles: [...roles] });
    return { actor, correlationId: this.deps.admin.correlationId };
  }

  private async foundOrganizations(): Promise<void> {
    const { uc, admin } = this.deps;
    for (const [key, c] of Object.entries(DEMO_CATEGORIES) as [DemoCategory, (typeof DEMO_CATEGORIES)[DemoCategory]][]) {
      const parentId = c.parent === null ? null : this.categories[c.parent];
      this.categories[key] = must(await uc.categories.create.execute(admin, { name: c.name, parentId }), `category ${c.name}`).id;
    }
    for (const [key, o] of Object.entries(DEMO_ORGANIZATIONS) as [DemoOrganizationKey, (typeof DEMO_ORGANIZATIONS)[DemoOrganizationKey]][]) {
      const org = must(
        await uc.organizations.create.execute(admin, {
          name: o.name,
          slug: o.slug,
          ownerUserId: DEMO_USERS[o.owner].id,
          reviewRequired: o.reviewRequired,
          moderateReviews: o.moderateReviews,
        }),
        `organisation ${o.name}`,
      );
      this.orgs[key] = org.id;
      const owner = await this.as(o.owner);
      for (const m of o.members) {
        must(await uc.organizations.addMember.execute(owner, { organizationId: org.id, userId: DEMO_USERS[m.user].id, role: m.role }), `member ${m.user}`);
      }
    }
  }

  private async createEvents(): Promise<void> {
    const { uc } = this.deps;
    for (const [key, e] of Object.entries(DEMO_EVENTS) as [DemoEventKey, (typeof DEMO_EVENTS)[DemoEventKey]][]) {
      const owner = await this.as(DEMO_ORGANIZATIONS[e.org].owner);
      const startsAt = at(this.origin, e.startsInDays, e.hourUtc);
      const draft = must(
        await uc.events.create.execute(owner, {
          ...e.command,
          organizationId: this.orgs[e.org],
          categoryId: this.categories[e.category],
          startsAt,
          endsAt: startsAt + e.hours * HOUR,
        }),
        `event ${e.command.title}`,
      );
      this.events[key] = draft.id;
      switch (e.fate) {
        case 'DRAFT':
          break;
        case 'IN_REVIEW':
          must(await uc.events.submit.execute(owner, { eventId: draft.id }), `submit ${e.command.title}`);
          break;
        case 'SCHEDULED':
          must(await uc.events.publish.execute(owner, { eventId: draft.id, publishAt: this.origin + 5 * DAY }), `schedule ${e.command.title}`);
          break;
        case 'COMPLETED':
        case 'PUBLISHED':
        case 'SOON':
        case 'CANCELED':
          must(await uc.events.publish.execute(owner, { eventId: draft.id }), `publish ${e.command.title}`);
          break;
      }
    }
  }

  private async createPromoCodes(): Promise<void> {
    const { uc } = this.deps;
    const olga = await this.as('olga');
    const nina = await this.as('nina');
    const sunset = must(
      await uc.promoCodes.create.execute(olga, { code: 'SUNSET10', eventId: this.events.sunsetTour, discountPercent: 10, maxUses: 50 }),
      'promo SUNSET10',
    );
    const wind = must(
      await uc.promoCodes.create.execute(nina, {
        code: 'WIND500',
        organizationId: this.orgs.northWind,
        discountAmount: 50_000,
        currency: 'RUB',
        endsAt: this.origin + 60 * DAY,
        maxUses: 100,
      }),
      'promo WIND500',
    );
    this.promoCodes.push(sunset.code, wind.code);
  }

  private async book(user: DemoUser, event: DemoEventKey, quantity: number, extra: { promoCode?: string; option?: string } = {}): Promise<Booking> {
    const ctx = await this.as(user);
    const eventId = this.events[event];
    let priceOptionId: string | null = null;
    if (extra.option !== undefined) {
      const view = must(await this.deps.uc.events.get.execute(ctx, { eventId }), `read ${event}`);
      priceOptionId = view.priceOptions.find((o) => o.name === extra.option)?.id ?? null;
    }
    const booking = must(
      await this.deps.uc.bookings.create.execute(ctx, { eventId, quantity, priceOptionId, promoCode: extra.promoCode ?? null }),
      `${user} books ${event}`,
    );
    this.bookings.push(booking.id);
    return booking;
  }

  /** The sandbox flow end to end: initiate, the buyer pays on the checkout page, the signed webhook is verified and handled. */
  private async pay(user: DemoUser, booking: Booking): Promise<void> {
    const { uc, sandbox, clock } = this.deps;
    const payment = must(await uc.payments.initiate.execute(await this.as(user), { bookingId: booking.id }), `${user} pays`);
    const hook = sandbox.checkout(payment.gatewayReference ?? '', 'succeeded', clock.now());
    if (hook === null) throw new CommandFailedError(`seed: the sandbox does not know payment ${payment.id}`);
    const verified = sandbox.verifyWebhook(hook.rawBody, hook.headers, clock.now());
    if (!verified.ok) throw new CommandFailedError(`seed: the sandbox webhook did not verify (${verified.error})`);
    const gateway: UseCaseContext = { actor: { kind: 'system', id: 'gateway:sandbox' }, correlationId: this.deps.admin.correlationId };
    const handled = must(await uc.payments.handleGatewayEvent.execute(gateway, { gateway: 'sandbox', event: verified.value }), `${user}'s webhook`);
    if (handled.outcome !== 'confirmed') throw new CommandFailedError(`seed: ${user}'s payment ended "${handled.outcome}", not confirmed`);
  }

  private async cancel(user: DemoUser, booking: Booking, reason: string): Promise<void> {
    must(await this.deps.uc.bookings.cancel.execute(await this.as(user), { bookingId: booking.id, reason }), `${user} cancels`);
  }

  /** A month ago: the moonlight paddle (now past) sells, the sunset tour too; the regatta gets paid entries. */
  private async earlyBookings(): Promise<void> {
    await this.pay('anna', await this.book('anna', 'moonPaddle', 2));
    await this.pay('boris', await this.book('boris', 'moonPaddle', 1));
    await this.pay('clara', await this.book('clara', 'moonPaddle', 1));
    const dmitri = await this.book('dmitri', 'moonPaddle', 1);
    await this.pay('dmitri', dmitri);
    await this.cancel('dmitri', dmitri, 'cannot make it after all'); // weeks ahead: 100 % back by the policy

    await this.pay('anna', await this.book('anna', 'sunsetTour', 2, { promoCode: 'sunset10', option: 'Adult' }));
    const boris = await this.book('boris', 'sunsetTour', 1, { option: 'Child' });
    await this.pay('boris', boris);
    await this.cancel('boris', boris, 'school trip on the same day');

    await this.pay('elena', await this.book('elena', 'springRegatta', 1));
    await this.pay('fedor', await this.book('fedor', 'springRegatta', 2, { promoCode: 'WIND500' }));
  }

  /** Two days ago: the evening cruise fills up; one buyer cancels at 80 %; one sunset booking is never paid. */
  private async lastWeekBookings(): Promise<void> {
    await this.pay('anna', await this.book('anna', 'harbourLights', 2));
    await this.pay('boris', await this.book('boris', 'harbourLights', 1));
    const clara = await this.book('clara', 'harbourLights', 1);
    await this.pay('clara', clara);
    await this.cancel('clara', clara, 'caught a cold');
    await this.book('ivan', 'sunsetTour', 1, { option: 'Adult' }); // never paid: the expiry job expires it below
  }

  /** Back in the present, the scheduler's work of the last month: the past trip completes, the unpaid hold expires. */
  private async runJobs(): Promise<void> {
    const { uc, admin } = this.deps;
    must(await uc.jobs['expire-pending-bookings'](admin), 'expire-pending-bookings');
    must(await uc.jobs['complete-finished-events'](admin), 'complete-finished-events');
  }

  /** Today: the last seat of the cruise is held unpaid, two people queue for it; fresh bookings on the sunset tour. */
  private async todaysBookings(): Promise<void> {
    const dmitri = await this.book('dmitri', 'harbourLights', 1);
    must(await this.deps.uc.payments.initiate.execute(await this.as('dmitri'), { bookingId: dmitri.id }), 'dmitri opens a payment');
    for (const user of ['elena', 'fedor'] as const) {
      const entry = must(await this.deps.uc.waitlist.join.execute(await this.as(user), { eventId: this.events.harbourLights, quantity: 1 }), `${user} queues`);
      this.waitlist.push(entry.id);
    }
    await this.pay('hanna', await this.book('hanna', 'sunsetTour', 4, { option: 'Adult' })); // the group discount applies
    await this.book('galina', 'sunsetTour', 1, { option: 'Adult' });
    await this.book('galina', 'springRegatta', 1);
  }

  /** A storm closes the harbour on regatta day: the admin cancels it; paid entries are refunded in full. */
  private async stormCancel(): Promise<void> {
    const { uc, admin } = this.deps;
    must(await uc.events.cancel.execute(admin, { eventId: this.events.springRegatta, reason: 'Storm warning: the harbour is closed' }), 'cancel the regatta');
  }

  private async reviewsAndFavorites(): Promise<void> {
    const { uc } = this.deps;
    const eventId = this.events.moonPaddle;
    const written = [
      ['anna', 5, 'Unforgettable: the moon on the water and total silence. The guides were calm and kind.'],
      ['boris', 4, 'Great night out; bring warm gloves, it gets cold on the water after midnight.'],
      ['clara', 5, ''],
    ] as const;
    const ids: string[] = [];
    for (const [user, rating, content] of written) {
      const review = must(await uc.reviews.create.execute(await this.as(user), { eventId, rating, content }), `${user} reviews`);
      ids.push(review.id);
    }
    this.reviews.push(...ids);
    const [annas, boriss] = ids;
    if (annas !== undefined) {
      for (const voter of ['boris', 'clara'] as const) must(await uc.reviews.voteHelpful.execute(await this.as(voter), { reviewId: annas }), `${voter} votes`);
    }
    if (boriss !== undefined) {
      must(await uc.reviews.reply.execute(await this.as('olga'), { reviewId: boriss, content: 'Thank you! We now hand out gloves at the pier.' }), 'olga replies');
    }
    for (const event of ['sunsetTour', 'beginnersRegatta'] as const) {
      must(await uc.favorites.add.execute(await this.as('anna'), { eventId: this.events[event] }), `anna favours ${event}`);
    }
  }
}

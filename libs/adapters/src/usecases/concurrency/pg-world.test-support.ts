// The real use cases on a real PostgreSQL database, for the concurrency proofs of issue 3: every store is the SQL
// adapter, every call is the use case an app's container would call, and the checks read the tables with raw SQL so
// that they do not trust the repositories they are checking.
import {
  BookingHolds,
  CancelBookingUseCase,
  ChangeRecorder,
  ClaimOfferUseCase,
  CreateBookingUseCase,
  ExpireDueBookingsUseCase,
  ExpireWaitlistOffersUseCase,
  HandleGatewayEventUseCase,
  InitiatePaymentUseCase,
  JoinWaitlistUseCase,
  LeaveWaitlistUseCase,
  OfferFreedSeatsService,
  PaymentSettlement,
  ReconcileSeatCountersUseCase,
  RefundService,
  type AppError,
  type BookingRepository,
  type EventRecord,
  type EventRepository,
  type GatewayEvent,
  type HandledGatewayEvent,
  type UseCaseContext,
} from '@aquastream/application';
import { ok, type EventState, type PriceOption, type PromoCode, type Result } from '@aquastream/domain';
import { QueryTypes } from 'sequelize';
import { SandboxPaymentGateway } from '../../payments/sandbox-gateway.js';
import { SqlAuditLog } from '../../sql/audit-log.sql.js';
import { SqlBookingRepository } from '../../sql/booking.sql-repository.js';
import { SqlEventRepository } from '../../sql/event.sql-repository.js';
import { SqlOrganizationRepository } from '../../sql/organization.sql-repository.js';
import { SqlOutbox } from '../../sql/outbox.sql.js';
import { SqlPaymentRepository } from '../../sql/payment.sql-repository.js';
import { SqlPromoCodeRepository } from '../../sql/promo-code.sql-repository.js';
import { SqlUnitOfWork } from '../../sql/sql-unit-of-work.js';
import { SqlWaitlistRepository } from '../../sql/waitlist.sql-repository.js';
import type { Database } from '../../sql/database.js';
import { RandomTicketCodeGenerator } from '../../system/ticket-code-generator.js';
import { UuidV7IdGenerator } from '../../system/uuid-v7-id-generator.js';
import { FixedClock } from '../../testing/fixed-clock.js';
import { postgresTestTarget, type OpenedTestDatabase } from '../../testing/sql-test-database.js';
import { anEventState, DAY, gatewayCtx, ORG, scheduler, T0, user } from '../bookings/booking-world.test-support.js';

/** Twenty connections: enough for transactions to really run side by side, within the server's 100 with other files. */
export const pgTarget = postgresTestTarget({ poolMax: 20 });
/** Appended to the names of the suites, so a run without PostgreSQL says why they did not run. */
export const pgSuffix = pgTarget === null ? ' (skipped: TEST_DATABASE_URL not set)' : '';

export const TTL_MINUTES = 30;
export const GRACE_MINUTES = 5;
export const OFFER_MINUTES = 30;
export const admin = user('admin-1', ['ADMIN']);
export { gatewayCtx, scheduler, T0, user };

/** Adapters a test may swap for a deliberately broken one, to see that its checks catch the break. */
export type StoreOverrides = {
  readonly events?: (db: Database) => EventRepository;
  readonly bookings?: (db: Database) => BookingRepository;
};

export type Counters = {
  readonly capacity: number;
  readonly seatsTaken: number;
  readonly options: readonly { readonly id: string; readonly quantity: number | null; readonly seatsTaken: number }[];
};
export type Sums = { readonly booked: number; readonly held: number; readonly byOption: Readonly<Record<string, number>> };

export async function openPgWorld(opened: OpenedTestDatabase, overrides: StoreOverrides = {}) {
  const { db } = opened;
  const uow = new SqlUnitOfWork(db);
  const events = overrides.events?.(db) ?? new SqlEventRepository(db);
  const bookings = overrides.bookings?.(db) ?? new SqlBookingRepository(db);
  const payments = new SqlPaymentRepository(db);
  const promoCodes = new SqlPromoCodeRepository(db);
  const waitlist = new SqlWaitlistRepository(db);
  const ids = new UuidV7IdGenerator();
  const tickets = new RandomTicketCodeGenerator();
  const clock = new FixedClock(T0);
  const recorder = new ChangeRecorder(new SqlOutbox(db), new SqlAuditLog(db), ids, clock);
  const sandbox = new SandboxPaymentGateway({ secret: 'pg-world-secret', publicBaseUrl: 'http://localhost:8102' });
  const settings = { ttlMinutes: TTL_MINUTES, graceMinutes: GRACE_MINUTES };
  const waitlistSettings = { offerMinutes: OFFER_MINUTES };
  const offers = new OfferFreedSeatsService(events, waitlist, recorder, clock, waitlistSettings);
  const holds = new BookingHolds(events, promoCodes, offers);
  const refunds = new RefundService(uow, payments, bookings, sandbox, recorder, ids, clock);
  const settlement = new PaymentSettlement(payments, bookings, events, holds, refunds, recorder, tickets, clock, settings);

  if ((await new SqlOrganizationRepository(db).findById(null, ORG)) === null) {
    await uow.run((tx) =>
      new SqlOrganizationRepository(db).insert(tx, {
        id: ORG, name: 'Flood club', slug: 'flood-club', reviewRequired: false, moderateReviews: false, createdAt: T0,
      }),
    );
  }

  const select = <R extends object>(sql: string, replacements: Record<string, unknown>) =>
    db.sequelize.query<R>(sql, { type: QueryTypes.SELECT, replacements });

  const world = {
    db, clock, ids, sandbox, events, bookings, payments, promoCodes, waitlist,
    create: new CreateBookingUseCase(uow, events, bookings, promoCodes, recorder, ids, tickets, clock, settings),
    cancel: new CancelBookingUseCase(uow, bookings, events, payments, holds, refunds, recorder, clock),
    expire: new ExpireDueBookingsUseCase(uow, bookings, events, payments, sandbox, settlement, holds, refunds, recorder, clock, settings),
    initiate: new InitiatePaymentUseCase(uow, bookings, events, payments, sandbox, recorder, ids, clock),
    handle: new HandleGatewayEventUseCase(uow, payments, settlement, refunds, clock),
    join: new JoinWaitlistUseCase(uow, events, bookings, waitlist, recorder, clock, ids),
    claim: new ClaimOfferUseCase(uow, events, bookings, waitlist, recorder, clock, ids, tickets, { bookingTtlMinutes: TTL_MINUTES }),
    leave: new LeaveWaitlistUseCase(uow, events, waitlist, offers, recorder, clock),
    expireOffers: new ExpireWaitlistOffersUseCase(uow, events, waitlist, offers, recorder, clock, waitlistSettings),
    reconcile: new ReconcileSeatCountersUseCase(uow, events, bookings, waitlist, recorder),

    /** A published event starting ten days after the clock's now, with fresh ids (options are keys of their own table). */
    async seedEvent(overrides: Partial<EventState> & { readonly options?: readonly Partial<PriceOption>[] } = {}): Promise<EventState> {
      const { options, ...rest } = overrides;
      const base = anEventState({ startsAt: clock.now() + 10 * DAY, publishedAt: clock.now() - DAY, ...rest });
      const template = options ?? base.priceOptions;
      const priceOptions = template.map((o, i) => ({ ...base.priceOptions[0]!, name: `Option ${i}`, ...o, id: ids.next() }));
      const state: EventState = { ...base, id: ids.next(), priceOptions };
      const record: EventRecord = {
        state,
        details: {
          description: null, shortDescription: null, categoryId: null, location: null, imageUrl: null, featured: false,
          priceOptionDescriptions: {},
        },
        avgRating: null, reviewCount: 0, createdAt: clock.now() - 2 * DAY, updatedAt: clock.now() - 2 * DAY, version: 1,
      };
      await uow.run((tx) => events.insert(tx, record));
      return state;
    },

    async seedPromo(overrides: Partial<PromoCode> = {}): Promise<PromoCode> {
      const promo: PromoCode = {
        id: ids.next(), code: `FLOOD${ids.next().slice(-8).toUpperCase()}`, organizationId: ORG, eventId: null, discountPercent: 10,
        discountAmount: null, currency: null, startsAt: clock.now() - DAY, endsAt: null, maxUses: null, usesCount: 0, isActive: true,
        ...overrides,
      };
      await uow.run((tx) => promoCodes.insert(tx, promo));
      return promo;
    },

    /**
     * The buyer pays (or declines) at the sandbox checkout; the gateway's signed webhook, verified as the webhook route
     * verifies it, ready to be handled (once, or several times as a gateway redelivers). Refusals to start a payment
     * (the booking is no longer payable) come back as the Result.
     */
    async checkout(ctx: UseCaseContext, bookingId: string, choice: 'succeeded' | 'failed' = 'succeeded'): Promise<Result<GatewayEvent, AppError>> {
      const started = await world.initiate.execute(ctx, { bookingId });
      if (!started.ok) return started;
      const now = clock.now();
      const hook = sandbox.checkout(started.value.gatewayReference, choice, now);
      if (hook === null) throw new Error(`the sandbox does not know payment ${started.value.gatewayReference}`);
      const verified = sandbox.verifyWebhook(hook.rawBody, hook.headers, now);
      if (!verified.ok) throw new Error(`the sandbox refused its own webhook: ${verified.error}`);
      return ok(verified.value);
    },

    /** A delivery of a verified webhook to the webhook use case. */
    deliver(event: GatewayEvent): Promise<Result<HandledGatewayEvent, AppError>> {
      return world.handle.execute(gatewayCtx, { gateway: 'sandbox', event });
    },

    /** The stored counters of an event and its options, read straight from the tables. */
    async counters(eventId: string): Promise<Counters> {
      const [event] = await select<{ capacity: number; seats_taken: number }>(
        'SELECT capacity, seats_taken FROM events WHERE id = :eventId', { eventId },
      );
      if (event === undefined) throw new Error(`no event ${eventId}`);
      const options = await select<{ id: string; quantity: number | null; seats_taken: number }>(
        'SELECT id, quantity, seats_taken FROM price_options WHERE event_id = :eventId ORDER BY position', { eventId },
      );
      return {
        capacity: Number(event.capacity),
        seatsTaken: Number(event.seats_taken),
        options: options.map((o) => ({ id: o.id, quantity: o.quantity === null ? null : Number(o.quantity), seatsTaken: Number(o.seats_taken) })),
      };
    },

    /** What the counters must equal (DESIGN §3.2), summed from the booking and waitlist tables. */
    async sums(eventId: string): Promise<Sums> {
      const rows = await select<{ price_option_id: string; n: string }>(
        `SELECT price_option_id, SUM(quantity) AS n FROM bookings
          WHERE event_id = :eventId AND status IN ('PENDING_PAYMENT', 'CONFIRMED') GROUP BY price_option_id`,
        { eventId },
      );
      const [held] = await select<{ n: string | null }>(
        `SELECT SUM(quantity) AS n FROM waitlist_entries WHERE event_id = :eventId AND status = 'OFFERED'`, { eventId },
      );
      const byOption = Object.fromEntries(rows.map((r) => [r.price_option_id, Number(r.n)]));
      return { booked: Object.values(byOption).reduce((a, b) => a + b, 0), held: Number(held?.n ?? 0), byOption };
    },

    /** Active bookings of an event, counted in the table (optionally only those of one option or promo code). */
    async activeBookings(eventId: string, only: { readonly priceOptionId?: string; readonly promoCodeId?: string } = {}): Promise<number> {
      const [row] = await select<{ n: string }>(
        `SELECT COUNT(*) AS n FROM bookings WHERE event_id = :eventId AND status IN ('PENDING_PAYMENT', 'CONFIRMED')
          AND (:optionId IS NULL OR price_option_id = :optionId) AND (:promoId IS NULL OR promo_code_id = :promoId)`,
        { eventId, optionId: only.priceOptionId ?? null, promoId: only.promoCodeId ?? null },
      );
      return Number(row?.n ?? 0);
    },

    async allEventIds(): Promise<string[]> {
      return (await select<{ id: string }>('SELECT id FROM events ORDER BY id', {})).map((r) => r.id);
    },

    /** How many waitlist entries were ever offered seats (to show that a run exercised the offers). */
    async offersMade(): Promise<number> {
      const [row] = await select<{ n: string }>('SELECT COUNT(*) AS n FROM waitlist_entries WHERE offered_at IS NOT NULL', {});
      return Number(row?.n ?? 0);
    },

    async promoUses(promoId: string): Promise<number> {
      const [row] = await select<{ uses_count: number }>('SELECT uses_count FROM promo_codes WHERE id = :promoId', { promoId });
      return Number(row?.uses_count ?? -1);
    },
  };
  return world;
}

export type PgWorld = Awaited<ReturnType<typeof openPgWorld>>;

// A world for the booking and payment use-case tests: a store (in-memory by default, SQL in sqlBookingWorld), the
// sandbox gateway, a fixed clock, and the use cases as createUseCases wires them for every app.
import type { EventRecord, GatewayEvent, GatewayPaymentStatus, IdGenerator, PaymentGateway, PaymentRecord, TxContext, UseCaseContext } from '@aquastream/application';
import { systemActor, type Booking, type EventState, type MemberRole, type PromoCode, type Result, type Role } from '@aquastream/domain';
import { createMemoryStorage, type Storage } from '../../composition/storage.js';
import { composeForTest, sequenceTicketCodes, testSandbox } from '../../composition/use-cases.test-support.js';
import type { SandboxPaymentGateway } from '../../payments/sandbox-gateway.js';
import { FixedClock } from '../../testing/fixed-clock.js';
import { SequenceIdGenerator } from '../../testing/sequence-id-generator.js';

export const T0 = Date.UTC(2026, 11, 1, 10, 0, 0);
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
export const TTL_MINUTES = 30;
export const GRACE_MINUTES = 5;
export const ORG = '00000000-0000-7000-8000-00000000a001';
export const OTHER_ORG = '00000000-0000-7000-8000-00000000a002';
export const OPTION = '00000000-0000-7000-8000-00000000b001';
export const VIP = '00000000-0000-7000-8000-00000000b002';
export const PRICE = 5_000;

export function user(id: string, roles: readonly Role[] = ['USER'], memberships: { organizationId: string; role: MemberRole }[] = []): UseCaseContext {
  return { actor: { kind: 'user', id, roles, memberships }, correlationId: `corr-${id}` };
}
export const guest: UseCaseContext = { actor: { kind: 'guest' }, correlationId: 'corr-guest' };
export const scheduler: UseCaseContext = { actor: systemActor('scheduler'), correlationId: 'corr-job' };
export const gatewayCtx: UseCaseContext = { actor: systemActor('gateway:sandbox'), correlationId: 'corr-webhook' };
export const admin = user('admin-1', ['ADMIN']);
export const owner = user('owner-1', ['ORGANIZER'], [{ organizationId: ORG, role: 'OWNER' }]);
export const manager = user('manager-1', ['ORGANIZER'], [{ organizationId: ORG, role: 'MANAGER' }]);
export const staff = user('staff-1', ['USER'], [{ organizationId: ORG, role: 'STAFF' }]);
export const otherOrganiser = user('owner-2', ['ORGANIZER'], [{ organizationId: OTHER_ORG, role: 'OWNER' }]);
export const alice = user('alice');
export const bob = user('bob');
export const carol = user('carol');

/** The value of an ok Result, or a failed test that says which error came back. */
export function value<T, E extends { type: string }>(result: Result<T, E> | undefined): T {
  if (result === undefined) throw new Error('expected a result, got nothing');
  if (!result.ok) throw new Error(`expected ok, got ${result.error.type}: ${JSON.stringify(result.error)}`);
  return result.value;
}
/** The error of a failed Result. */
export function failure<T, E>(result: Result<T, E> | undefined): E {
  if (result === undefined) throw new Error('expected a result, got nothing');
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value)}`);
  return result.error;
}

let eventSeq = 0;

export function anEventState(overrides: Partial<EventState> = {}): EventState {
  eventSeq += 1;
  return {
    id: `00000000-0000-7000-8000-e${eventSeq.toString(16).padStart(11, '0')}`,
    organizationId: ORG,
    creatorId: 'owner-1',
    title: 'Sunset kayak tour',
    status: 'PUBLISHED',
    startsAt: T0 + 10 * DAY,
    endsAt: null,
    timeZone: 'UTC',
    publishAt: null,
    publishedAt: T0 - DAY,
    capacity: 10,
    seatsTaken: 0,
    currency: 'EUR',
    priceOptions: [
      { id: OPTION, name: 'Seat', price: PRICE, quantity: null, seatsTaken: 0, active: true },
      { id: VIP, name: 'VIP', price: 9_000, quantity: 2, seatsTaken: 0, active: true },
    ],
    bookingDeadlineHours: 24,
    maxTicketsPerBooking: 4,
    refundPolicy: [
      { minHoursBefore: 168, percent: 100 },
      { minHoursBefore: 48, percent: 80 },
      { minHoursBefore: 24, percent: 50 },
    ],
    dynamicPricing: [],
    groupDiscounts: [],
    rescheduledAt: null,
    rejectionReason: null,
    cancelReason: null,
    canceledAt: null,
    completedAt: null,
    crew: { status: 'NONE', request: null, crewId: null, attempts: 0, nextAttemptAt: null, lastError: null },
    ...overrides,
  };
}

/**
 * The sandbox with two switches a test can flip: refunds failing (the provider is down) and status queries failing.
 * Everything else is the real adapter.
 */
export class SwitchableGateway implements PaymentGateway {
  readonly name = 'sandbox';
  refundsDown = false;
  statusDown = false;
  refundCalls = 0;
  constructor(readonly sandbox: SandboxPaymentGateway) {}
  initiate(input: Parameters<PaymentGateway['initiate']>[0]) {
    return this.sandbox.initiate(input);
  }
  verifyWebhook(...args: Parameters<PaymentGateway['verifyWebhook']>) {
    return this.sandbox.verifyWebhook(...args);
  }
  refund(input: Parameters<PaymentGateway['refund']>[0]) {
    this.refundCalls += 1;
    return this.refundsDown ? Promise.reject(new Error('sandbox refunds are down')) : this.sandbox.refund(input);
  }
  queryStatus(reference: string): Promise<GatewayPaymentStatus> {
    return this.statusDown ? Promise.reject(new Error('sandbox status is down')) : this.sandbox.queryStatus(reference);
  }
}

/** The store a world runs on: the in-memory one by default, or an SQL one (see sqlBookingWorld). */
export type BookingStores = Storage & {
  readonly ids: IdGenerator;
  /** Ticket codes must be unique across worlds that share a database. */
  readonly ticketPrefix: string;
  /** Price option ids are keys of their own table in SQL: each seeded event then gets fresh ones. */
  readonly freshOptionIds: boolean;
};

export function memoryStores(): BookingStores {
  return { ...createMemoryStorage(), ids: new SequenceIdGenerator(), ticketPrefix: '', freshOptionIds: false };
}

export function bookingWorld(options: { ttlMinutes?: number; graceMinutes?: number; stores?: BookingStores } = {}) {
  const stores = options.stores ?? memoryStores();
  const { uow: db, events, bookings, payments, promoCodes, waitlist, outbox, audit, ids } = stores;
  const clock = new FixedClock(T0);
  const gateway = new SwitchableGateway(testSandbox());
  const uc = composeForTest(stores, {
    clock, ids, gateway,
    ticketCodes: sequenceTicketCodes(stores.ticketPrefix),
    settings: { bookingTtlMinutes: options.ttlMinutes ?? TTL_MINUTES, bookingGraceMinutes: options.graceMinutes ?? GRACE_MINUTES },
  });
  const { refunds, settlement } = uc.services;

  const world = {
    ctx: { scheduler, gateway: gatewayCtx },
    db, clock, ids, events, bookings, payments, promoCodes, waitlist, outbox, audit, gateway, refunds, settlement,
    create: uc.bookings.create,
    get: uc.bookings.get,
    list: uc.bookings.list,
    cancel: uc.bookings.cancel,
    quote: uc.bookings.refundQuote,
    expire: uc.bookings.expireDue,
    checkIn: uc.bookings.checkIn,
    initiate: uc.payments.initiate,
    getPayment: uc.payments.get,
    handle: uc.payments.handleGatewayEvent,
    refundPayment: uc.payments.refund,
    joinWaitlist: uc.waitlist.join,

    async seedEvent(overrides: Partial<EventState> = {}): Promise<EventState> {
      const seeded = anEventState(overrides);
      const state = stores.freshOptionIds ? { ...seeded, priceOptions: seeded.priceOptions.map((o) => ({ ...o, id: ids.next() })) } : seeded;
      const record: EventRecord = {
        state,
        details: {
          description: null, shortDescription: null, categoryId: null, location: null, imageUrl: null, featured: false,
          priceOptionDescriptions: {},
        },
        avgRating: null, reviewCount: 0, createdAt: T0 - 2 * DAY, updatedAt: T0 - 2 * DAY, version: 1,
      };
      await db.run((tx) => events.insert(tx, record));
      return state;
    },

    async seedPromo(overrides: Partial<PromoCode> = {}): Promise<PromoCode> {
      const promo: PromoCode = {
        id: ids.next(), code: 'SPRING10', organizationId: ORG, eventId: null, discountPercent: 10, discountAmount: null,
        currency: null, startsAt: T0 - DAY, endsAt: null, maxUses: null, usesCount: 0, isActive: true, ...overrides,
      };
      await db.run((tx) => promoCodes.insert(tx, promo));
      return promo;
    },

    async event(id: string): Promise<EventState> {
      const record = await events.findById(null, id);
      if (record === null) throw new Error(`no event ${id}`);
      return record.state;
    },

    async seats(eventId: string): Promise<{ taken: number; byOption: Record<string, number> }> {
      const e = await world.event(eventId);
      return { taken: e.seatsTaken, byOption: Object.fromEntries(e.priceOptions.map((o) => [o.id, o.seatsTaken])) };
    },

    async booking(id: string): Promise<Booking> {
      const b = await bookings.findById(null, id);
      if (b === null) throw new Error(`no booking ${id}`);
      return b;
    },

    async payment(id: string): Promise<PaymentRecord> {
      const p = await payments.findById(null, id);
      if (p === null) throw new Error(`no payment ${id}`);
      return p;
    },

    async book(ctx: UseCaseContext, eventId: string, quantity = 1, extra: { priceOptionId?: string; promoCode?: string } = {}): Promise<Booking> {
      return value(await world.create.execute(ctx, { eventId, quantity, ...extra }));
    },

    /** The buyer pays at the sandbox checkout; returns the verified webhook event (not yet handled). */
    async checkout(ctx: UseCaseContext, bookingId: string, choice: 'succeeded' | 'failed' = 'succeeded'): Promise<{ payment: PaymentRecord; event: GatewayEvent }> {
      const payment = value(await world.initiate.execute(ctx, { bookingId }));
      const hook = gateway.sandbox.checkout(payment.gatewayReference, choice, clock.now());
      if (hook === null) throw new Error('the sandbox lost the payment');
      const verified = gateway.verifyWebhook(hook.rawBody, hook.headers, clock.now());
      if (!verified.ok) throw new Error(verified.error);
      return { payment, event: verified.value };
    },

    /** Book and pay: a CONFIRMED booking. */
    async bookPaid(ctx: UseCaseContext, eventId: string, quantity = 1): Promise<Booking> {
      const booking = await world.book(ctx, eventId, quantity);
      const { event } = await world.checkout(ctx, booking.id);
      value(await world.handle.execute(gatewayCtx, { gateway: 'sandbox', event }));
      return world.booking(booking.id);
    },

    /**
     * Runs `calls` while another transaction holds the store, so that every call reads before any writes (what a
     * race between requests looks like); `change` is what that other transaction writes meanwhile.
     */
    async afterReads<T>(calls: () => Promise<T>[], change: (tx: TxContext) => Promise<void> = () => Promise.resolve()): Promise<T[]> {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const held = db.run(async (tx) => {
        await gate;
        await change(tx);
      });
      const pending = calls();
      await new Promise((resolve) => setImmediate(resolve));
      release();
      await held;
      return Promise.all(pending);
    },

    async messages(type?: string) {
      const { items } = await outbox.list({ page: 1, size: 1000, ...(type ? { type: type as never } : {}) });
      return [...items].reverse();
    },

    async auditOf(entityId: string) {
      const { items } = await audit.query({ entityId, page: 1, size: 1000 });
      return [...items].reverse();
    },
  };
  return world;
}

export type BookingWorld = ReturnType<typeof bookingWorld>;

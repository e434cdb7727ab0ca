// The admin use cases as createUseCases wires them for every app, over one store: the in-memory one, or an SQL one on
// a test database (for the reconcile proof on SQLite and PostgreSQL). Bookings, payments and waitlist entries are
// seeded with the domain and the ports, so these tests do not depend on the booking use cases.
import type { EventRecord, PaymentGateway, UseCaseContext } from '@aquastream/application';
import { createBooking, systemActor, type Booking, type EventState, type MemberRole, type PromoCode, type Role, type WaitlistEntry } from '@aquastream/domain';
import { createMemoryStorage, createSqlStorage, type Storage } from '../../composition/storage.js';
import { composeForTest, testSandbox } from '../../composition/use-cases.test-support.js';
import { FakeCrewClient } from '../../memory/crew-client.fake.js';
import { InMemoryDatabase } from '../../memory/in-memory-database.js';
import { FixedClock } from '../../testing/fixed-clock.js';
import { SequenceIdGenerator } from '../../testing/sequence-id-generator.js';
import type { OpenedTestDatabase } from '../../testing/sql-test-database.js';

export const T0 = Date.UTC(2026, 11, 1, 10, 0, 0);
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const ORG = '00000000-0000-7000-8000-00000000a001';
export const OTHER_ORG = '00000000-0000-7000-8000-00000000a002';

export function user(id: string, roles: readonly Role[] = ['USER'], memberships: { organizationId: string; role: MemberRole }[] = []): UseCaseContext {
  return { actor: { kind: 'user', id, roles, memberships }, correlationId: `corr-${id}` };
}
export const guest: UseCaseContext = { actor: { kind: 'guest' }, correlationId: 'corr-guest' };
export const cli: UseCaseContext = { actor: systemActor('cli:alice'), correlationId: 'corr-cli' };
export const admin = user('admin-1', ['ADMIN']);
export const manager = user('manager-1', ['ORGANIZER'], [{ organizationId: ORG, role: 'MANAGER' }]);
export const staff = user('staff-1', ['USER'], [{ organizationId: ORG, role: 'STAFF' }]);
export const stranger = user('stranger-1', ['ORGANIZER']);

export type Stores = Storage & {
  /** Writes a wrong seat counter behind the application's back. */
  corruptSeats(eventId: string, seatsTaken: number, optionId: string, optionTaken: number): Promise<void>;
  /** Marks an outbox message FAILED as the relay would. */
  failMessage(id: string): Promise<void>;
  close(): Promise<void>;
};

export function memoryStores(): Stores {
  const db = new InMemoryDatabase();
  const storage = createMemoryStorage(db);
  return {
    ...storage,
    // The in-memory store has no SQL: the port's unconditional write is the closest thing to a raw UPDATE.
    corruptSeats: (eventId, seatsTaken, optionId, optionTaken) =>
      db.run((tx) => storage.events.overwriteSeatCounters(tx, eventId, seatsTaken, { [optionId]: optionTaken })),
    failMessage: (id) =>
      db.run((tx) => {
        const rows = db.table<{ status: string }>('outbox_messages', tx);
        const row = rows.get(id);
        if (row) rows.set(id, { ...row, status: 'FAILED' });
        return Promise.resolve();
      }),
    close: () => Promise.resolve(),
  };
}

/** The SQL adapters on a migrated test database, with the two organisations the events belong to. */
export async function sqlStores(opened: OpenedTestDatabase): Promise<Stores> {
  const { db } = opened;
  const storage = createSqlStorage(db);
  await storage.uow.run(async (tx) => {
    for (const [id, slug] of [[ORG, 'org-a'], [OTHER_ORG, 'org-b']] as const) {
      await storage.organizations.insert(tx, { id, name: slug, slug, reviewRequired: false, moderateReviews: false, createdAt: T0 - DAY });
    }
  });
  const raw = async (sql: string, replacements: Record<string, unknown>): Promise<void> => {
    await db.sequelize.query(sql, { replacements });
  };
  return {
    ...storage,
    corruptSeats: async (eventId, seatsTaken, optionId, optionTaken) => {
      await raw('UPDATE events SET seats_taken = :seatsTaken WHERE id = :eventId', { seatsTaken, eventId });
      await raw('UPDATE price_options SET seats_taken = :optionTaken WHERE id = :optionId', { optionTaken, optionId });
    },
    failMessage: (id) => raw("UPDATE outbox_messages SET status = 'FAILED' WHERE id = :id", { id }),
    close: () => opened.close(),
  };
}

/**
 * A gateway whose refunds succeed (or fail on demand) and are remembered, without a payment having gone through it
 * (the tests seed paid bookings directly). Everything else is the sandbox's, unused by the admin use cases.
 */
export class FakeRefunder implements PaymentGateway {
  readonly name = 'sandbox';
  readonly refunds: { gatewayReference: string; amount: number; idempotencyKey: string }[] = [];
  failing = false;
  private readonly sandbox = testSandbox();
  refund(input: { gatewayReference: string; amount: number; idempotencyKey: string }): Promise<{ refundReference: string }> {
    if (this.failing) return Promise.reject(new Error('gateway down'));
    this.refunds.push(input);
    return Promise.resolve({ refundReference: `rf_${input.idempotencyKey}` });
  }
  initiate(input: Parameters<PaymentGateway['initiate']>[0]) {
    return this.sandbox.initiate(input);
  }
  verifyWebhook(...args: Parameters<PaymentGateway['verifyWebhook']>) {
    return this.sandbox.verifyWebhook(...args);
  }
  queryStatus(reference: string) {
    return this.sandbox.queryStatus(reference);
  }
}

export function adminWorld(stores: Stores = memoryStores()) {
  const clock = new FixedClock(T0);
  const ids = new SequenceIdGenerator();
  const crew = new FakeCrewClient();
  const gateway = new FakeRefunder();
  const { uow, events, bookings, payments, waitlist, promoCodes, outbox, audit } = stores;
  const uc = composeForTest(stores, { clock, ids, crew, gateway, settings: { crew: { maxAttempts: 3, baseDelayMs: 60_000, claimMs: 60_000 } } });

  return {
    ...stores,
    clock, ids, crew, gateway, recorder: uc.services.recorder,
    cancel: uc.events.cancel,
    bulkCancel: uc.admin.bulkCancel,
    bulkReschedule: uc.admin.bulkReschedule,
    reconcile: uc.admin.reconcile,
    queryAudit: uc.admin.queryAudit,
    listOutbox: uc.admin.listOutbox,
    outboxStats: uc.admin.outboxStats,
    retryOutbox: uc.admin.retryOutbox,
    popularEvents: uc.admin.popularEvents,

    async seedEvent(overrides: Partial<EventState> = {}): Promise<EventState> {
      const state: EventState = {
        id: ids.next(), organizationId: ORG, creatorId: 'owner-1', title: 'Sunset kayak tour', status: 'PUBLISHED',
        startsAt: T0 + 10 * DAY, endsAt: T0 + 10 * DAY + 3 * HOUR, timeZone: 'UTC', publishAt: null, publishedAt: T0 - DAY,
        capacity: 10, seatsTaken: 0, currency: 'EUR',
        priceOptions: [{ id: ids.next(), name: 'Seat', price: 2_500, quantity: 8, seatsTaken: 0, active: true }],
        bookingDeadlineHours: 24, maxTicketsPerBooking: 4, refundPolicy: [{ minHoursBefore: 0, percent: 50 }],
        dynamicPricing: [], groupDiscounts: [], rescheduledAt: null, rejectionReason: null, cancelReason: null,
        canceledAt: null, completedAt: null,
        crew: { status: 'NONE', request: null, crewId: null, attempts: 0, nextAttemptAt: null, lastError: null },
        ...overrides,
      };
      const record: EventRecord = {
        state,
        details: { description: null, shortDescription: null, categoryId: null, location: null, imageUrl: null, featured: false, priceOptionDescriptions: {} },
        avgRating: null, reviewCount: 0, createdAt: T0 - 2 * DAY, updatedAt: T0 - 2 * DAY, version: 1,
      };
      await uow.run((tx) => events.insert(tx, record));
      return state;
    },

    async seedPromo(eventId: string): Promise<PromoCode> {
      const promo: PromoCode = {
        id: ids.next(), code: `SPRING${ids.next().slice(-4)}`, organizationId: ORG, eventId, discountPercent: 10, discountAmount: null,
        currency: null, startsAt: T0 - DAY, endsAt: null, maxUses: 10, usesCount: 0, isActive: true,
      };
      await uow.run((tx) => promoCodes.insert(tx, promo));
      return promo;
    },

    /** A booking as the booking use cases leave it: seats taken by the conditional update; paid = CONFIRMED + payment. */
    async book(event: EventState, userId: string, quantity: number, opts: { paid?: boolean; promoId?: string } = {}): Promise<Booking> {
      return uow.run(async (tx) => {
        const current = await events.findById(tx, event.id);
        const made = createBooking({
          event: current?.state ?? null, userId, isMemberOfOrganization: false, quantity, priceOptionId: null,
          promoCode: null, promo: null, hasActiveBooking: false, now: clock.now(), bookingId: ids.next(),
          ticketCode: `AQ-${userId}`, ttlMinutes: 30,
        });
        if (!made.ok) throw new Error(made.error.type);
        let booking: Booking = { ...made.value.booking, promoCodeId: opts.promoId ?? null };
        if (opts.paid === true) booking = { ...booking, status: 'CONFIRMED', paidAmount: booking.totalAmount, ticketCode: `AQ-${userId}` };
        const taken = await events.adjustSeats(tx, event.id, { eventDelta: quantity, option: { id: booking.priceOptionId, delta: quantity }, requirePublished: true });
        if (taken !== 'OK') throw new Error(taken);
        await bookings.insert(tx, booking);
        if (opts.promoId !== undefined) await promoCodes.adjustUses(tx, opts.promoId, 1);
        if (opts.paid === true) {
          const paymentId = ids.next();
          await payments.insert(tx, {
            id: paymentId, bookingId: booking.id, amount: booking.totalAmount, currency: booking.currency, status: 'COMPLETED',
            gateway: 'sandbox', gatewayReference: `sbx_${paymentId}`, refundedAmount: 0, createdAt: clock.now(), updatedAt: clock.now(),
            paymentUrl: null,
          });
        }
        return booking;
      });
    },

    /** A waitlist entry; an OFFERED one holds its seats as the offer service leaves it. */
    async enqueue(event: EventState, userId: string, quantity: number, status: 'WAITING' | 'OFFERED'): Promise<WaitlistEntry> {
      const now = clock.now();
      const entry: WaitlistEntry = {
        id: ids.next(), eventId: event.id, userId, quantity, priority: 0, status, joinedAt: now, priceOptionId: null,
        offeredAt: status === 'OFFERED' ? now : null, offerExpiresAt: status === 'OFFERED' ? now + HOUR : null, bookingId: null, updatedAt: now,
      };
      await uow.run(async (tx) => {
        if (status === 'OFFERED') {
          const held = await events.adjustSeats(tx, event.id, { eventDelta: quantity, option: null, requirePublished: true });
          if (held !== 'OK') throw new Error(held);
        }
        await waitlist.insert(tx, entry);
      });
      return entry;
    },

    async event(id: string): Promise<EventState> {
      const record = await events.findById(null, id);
      if (record === null) throw new Error(`no event ${id}`);
      return record.state;
    },

    async booking(id: string): Promise<Booking> {
      const b = await bookings.findById(null, id);
      if (b === null) throw new Error(`no booking ${id}`);
      return b;
    },

    /** Outbox message types, oldest first. */
    async messageTypes(subject?: string): Promise<string[]> {
      const { items } = await outbox.list({ page: 1, size: 100, ...(subject === undefined ? {} : { subject }) });
      return [...items].reverse().map((m) => m.type);
    },

    async auditRows(entity?: 'EVENT' | 'BOOKING' | 'WAITLIST' | 'PAYMENT') {
      const { items } = await audit.query({ page: 1, size: 100, ...(entity === undefined ? {} : { entity }) });
      return [...items].reverse();
    },
  };
}

export type AdminWorld = ReturnType<typeof adminWorld>;

/** The value of an ok Result, or a failure that names the error. */
export function value<T>(r: { ok: true; value: T } | { ok: false; error: { type: string; detail: string } }): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.type}: ${r.error.detail}`);
  return r.value;
}
export function errorType(r: { ok: true } | { ok: false; error: { type: string } }): string {
  if (r.ok) throw new Error('expected an error');
  return r.error.type;
}

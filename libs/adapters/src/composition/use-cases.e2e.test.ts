// One story through the composed use cases only — as the HTTP app, the CLI and the scheduler run them — on the
// in-memory store and on every SQL store. The same assertions on each prove that the adapters agree end to end.
import type { EventView, OutboxMessage, UseCaseContext, VerifiedClaims } from '@aquastream/application';
import { systemActor, type Booking, type Result } from '@aquastream/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeCrewClient } from '../memory/crew-client.fake.js';
import { SandboxPaymentGateway } from '../payments/sandbox-gateway.js';
import { RandomTicketCodeGenerator } from '../system/ticket-code-generator.js';
import { FixedClock } from '../testing/fixed-clock.js';
import { SequenceIdGenerator } from '../testing/sequence-id-generator.js';
import { sqlTestTargets } from '../testing/sql-test-database.js';
import { createMemoryStorage, createSqlStorage, type Storage } from './storage.js';
import { createUseCases, type UseCases } from './use-cases.js';

const T0 = Date.UTC(2026, 5, 1, 9, 0, 0);
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const TTL = 30;
const GRACE = 5;

function value<T, E>(r: Result<T, E>): T {
  if (!r.ok) throw new Error(`expected success, got ${JSON.stringify(r.error)}`);
  return r.value;
}

function describeStory(name: string, open: () => Promise<{ storage: Storage; close(): Promise<void> }>): void {
  describe(`the composed use cases on ${name}`, () => {
    const clock = new FixedClock(T0);
    const sandbox = new SandboxPaymentGateway({ secret: 'e2e-secret', publicBaseUrl: 'http://localhost:8102' });
    let close: () => Promise<void> = () => Promise.resolve();
    let uc: UseCases;
    let request = 0;
    /** A request's context: the actor as `resolveActor` sees it now, and a correlation id of its own. */
    const as = async (claims: VerifiedClaims): Promise<UseCaseContext> => ({
      actor: await uc.access.resolveActor.execute(claims),
      correlationId: `corr-${(request += 1)}`,
    });
    const system = (id: string): UseCaseContext => ({ actor: systemActor(id), correlationId: `corr-${(request += 1)}` });
    const organiser = { sub: 'olga', roles: ['ORGANIZER'] };
    const userA = { sub: 'ann', roles: ['USER'] };
    const userB = { sub: 'ben', roles: ['USER'] };
    const userC = { sub: 'cat', roles: ['USER'] };
    const root = { sub: 'root', roles: ['ADMIN'] };

    // What each step's request was, by the entity ids it touched, for the outbox and audit checks at the end.
    let event: EventView;
    let deck: string;
    let standard: string;
    let bookingA: Booking;
    let bookingB: Booking;
    let bookingC: Booking;
    let paymentId: string;
    let entryId: string;
    const corr: Record<string, string> = {};

    beforeAll(async () => {
      const opened = await open();
      close = () => opened.close();
      uc = createUseCases(opened.storage, {
        clock,
        ids: new SequenceIdGenerator(),
        ticketCodes: new RandomTicketCodeGenerator(),
        gateway: sandbox,
        crew: new FakeCrewClient(),
        settings: { bookingTtlMinutes: TTL, bookingGraceMinutes: GRACE, waitlistOfferMinutes: 30, auditRetainDays: 90 },
      });
    });
    afterAll(() => close());

    it('an organiser founds an organisation and publishes an event with a quota and a promo code', async () => {
      const org = value(await uc.organizations.create.execute(await as(organiser), { name: 'Aqua Club' }));
      const owner = await as(organiser);
      expect(owner.actor).toMatchObject({ kind: 'user', memberships: [{ organizationId: org.id, role: 'OWNER' }] });

      corr.create = owner.correlationId;
      const draft = value(
        await uc.events.create.execute(owner, {
          title: 'Sunset kayak tour',
          startsAt: T0 + 10 * DAY + 60 * MIN,
          capacity: 2,
          currency: 'RUB',
          priceOptions: [{ name: 'Standard', price: 150_000 }, { name: 'Deck', price: 200_000, quantity: 1 }],
        }),
      );
      expect(draft).toMatchObject({ status: 'DRAFT', organizationId: org.id, seatsAvailable: 2 });
      deck = draft.priceOptions.find((o) => o.name === 'Deck')?.id ?? '';
      standard = draft.priceOptions.find((o) => o.name === 'Standard')?.id ?? '';

      const promo = value(await uc.promoCodes.create.execute(await as(organiser), { code: 'spring10', eventId: draft.id, discountPercent: 10, maxUses: 5 }));
      expect(promo).toMatchObject({ code: 'spring10', organizationId: org.id, usesCount: 0 });

      const publisher = await as(organiser);
      corr.publish = publisher.correlationId;
      event = value(await uc.events.publish.execute(publisher, { eventId: draft.id }));
      expect(event.status).toBe('PUBLISHED');
      const listed = value(await uc.events.search.execute(await as(userA), {}));
      expect(listed.data.map((e) => e.id)).toEqual([event.id]);
    });

    it('A books the quota seat with the promo, pays through a signed sandbox webhook and gets a ticket', async () => {
      const a = await as(userA);
      corr.bookA = a.correlationId;
      bookingA = value(await uc.bookings.create.execute(a, { eventId: event.id, quantity: 1, priceOptionId: deck, promoCode: 'Spring10' }));
      expect(bookingA).toMatchObject({ status: 'PENDING_PAYMENT', totalAmount: 180_000, currency: 'RUB', paymentDeadline: clock.now() + TTL * MIN });
      expect(bookingA.pricing).toEqual({
        currency: 'RUB', unitPrice: 200_000, quantity: 1, subtotal: 200_000, dynamicMultiplier: 1, groupDiscount: 0, promoDiscount: 20_000, total: 180_000,
      });
      const pay = await as(userA);
      corr.pay = pay.correlationId;
      const payment = value(await uc.payments.initiate.execute(pay, { bookingId: bookingA.id }));
      paymentId = payment.id;
      expect(payment).toMatchObject({ status: 'INITIATED', amount: 180_000, gateway: 'sandbox', gatewayReference: `sbx_${payment.id}` });

      clock.advance(2 * MIN);
      const hook = sandbox.checkout(payment.gatewayReference, 'succeeded', clock.now());
      if (hook === null) throw new Error('the sandbox lost the payment');
      expect(sandbox.verifyWebhook(hook.rawBody, { 'X-Sandbox-Signature': sandbox.sign(`${hook.rawBody} `, clock.now()) }, clock.now())).toEqual({
        ok: false, error: 'INVALID_SIGNATURE',
      });
      const verified = sandbox.verifyWebhook(hook.rawBody, { 'x-sandbox-signature': sandbox.sign(hook.rawBody, clock.now()) }, clock.now());
      const webhook = system('gateway:sandbox');
      corr.webhook = webhook.correlationId;
      expect(value(await uc.payments.handleGatewayEvent.execute(webhook, { gateway: 'sandbox', event: value(verified) }))).toMatchObject({
        outcome: 'confirmed', paymentId,
      });
      expect(value(await uc.payments.handleGatewayEvent.execute(system('gateway:sandbox'), { gateway: 'sandbox', event: value(verified) })).outcome).toBe('duplicate');

      const confirmed = value(await uc.bookings.get.execute(await as(userA), { bookingId: bookingA.id }));
      expect(confirmed).toMatchObject({ status: 'CONFIRMED', paidAmount: 180_000 });
      expect(confirmed.ticketCode).toMatch(/^AQ-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
      expect(value(await uc.payments.get.execute(await as(userA), { paymentId })).status).toBe('COMPLETED');
    });

    it('B takes the last seat; C finds the event full and joins the waitlist', async () => {
      const b = await as(userB);
      corr.bookB = b.correlationId;
      bookingB = value(await uc.bookings.create.execute(b, { eventId: event.id, quantity: 1, priceOptionId: standard }));
      expect((await seats()).available).toBe(0);

      expect(await uc.bookings.create.execute(await as(userC), { eventId: event.id, quantity: 1 })).toMatchObject({
        ok: false, error: { type: 'EVENT_FULL', waitlistJoinable: true },
      });
      const c = await as(userC);
      corr.join = c.correlationId;
      const entry = value(await uc.waitlist.join.execute(c, { eventId: event.id, quantity: 1 }));
      entryId = entry.id;
      expect(entry).toMatchObject({ status: 'WAITING', position: 1 });
    });

    it('B cancels, C is offered the seat and claims it as a pending booking', async () => {
      const b = await as(userB);
      corr.cancelB = b.correlationId;
      expect(value(await uc.bookings.cancel.execute(b, { bookingId: bookingB.id, reason: 'plans changed' }))).toMatchObject({ status: 'CANCELED', refund: null });
      const [offered] = value(await uc.waitlist.listMine.execute(await as(userC), { page: 1, size: 10 })).data;
      expect(offered).toMatchObject({ id: entryId, status: 'OFFERED', offerExpiresAt: clock.now() + 30 * MIN });
      expect((await seats()).available).toBe(0);

      clock.advance(MIN);
      const c = await as(userC);
      corr.claim = c.correlationId;
      bookingC = value(await uc.waitlist.claim.execute(c, { entryId }));
      expect(bookingC).toMatchObject({ status: 'PENDING_PAYMENT', userId: 'cat', waitlistEntryId: entryId, priceOptionId: standard, totalAmount: 150_000 });
    });

    it('the expiry job expires the unpaid claim once its deadline and grace have passed, and the seat comes back', async () => {
      clock.set(bookingC.paymentDeadline + GRACE * MIN - 1);
      expect(value(await uc.jobs['expire-pending-bookings'](system('scheduler'))).expired).toBe(0);
      clock.advance(2);
      const job = system('scheduler');
      corr.expire = job.correlationId;
      expect(value(await uc.jobs['expire-pending-bookings'](job))).toMatchObject({ expired: 1 });
      expect(value(await uc.jobs['expire-pending-bookings'](system('scheduler'))).expired).toBe(0);
      expect(value(await uc.bookings.get.execute(await as(userC), { bookingId: bookingC.id })).status).toBe('EXPIRED');
      expect(await seats()).toEqual({ available: 1, deck: 0 });
    });

    it('A cancels ten days ahead and gets everything back; the counters reconcile', async () => {
      const a = await as(userA);
      corr.cancelA = a.correlationId;
      expect(value(await uc.bookings.refundQuote.execute(await as(userA), { bookingId: bookingA.id }))).toMatchObject({ percent: 100, amount: 180_000 });
      const canceled = value(await uc.bookings.cancel.execute(a, { bookingId: bookingA.id }));
      expect(canceled.status).toBe('CANCELED');
      const after = value(await uc.bookings.get.execute(await as(userA), { bookingId: bookingA.id }));
      expect(after.refund).toEqual({ amount: 180_000, percent: 100, status: 'COMPLETED' });
      expect(value(await uc.payments.get.execute(await as(userA), { paymentId }))).toMatchObject({ status: 'REFUNDED', refundedAmount: 180_000 });
      expect(sandbox.payment(`sbx_${paymentId}`)?.refunded).toBe(180_000);
      expect(value(await uc.jobs['retry-refunds'](system('scheduler')))).toEqual({ completed: 0, stillPending: 0 });
      expect(await seats()).toEqual({ available: 2, deck: 1 });

      const report = value(await uc.admin.reconcile.execute(await as(root), {}));
      expect(report).toMatchObject({ checked: 1, drifted: [], repaired: 0 });
    });

    it('the outbox holds each subject’s messages in order, numbered from 1, with the correlation id of their request', async () => {
      expect(await messages(event.id)).toEqual([
        ['event.created', 1, corr.create],
        ['event.published', 2, corr.publish],
      ]);
      expect(await messages(bookingA.id)).toEqual([
        ['booking.created', 1, corr.bookA],
        ['booking.confirmed', 2, corr.webhook],
        ['booking.canceled', 3, corr.cancelA],
      ]);
      expect(await messages(paymentId)).toEqual([
        ['payment.initiated', 1, corr.pay],
        ['payment.completed', 2, corr.webhook],
        ['payment.refunded', 3, corr.cancelA],
      ]);
      expect(await messages(bookingB.id)).toEqual([
        ['booking.created', 1, corr.bookB],
        ['booking.canceled', 2, corr.cancelB],
      ]);
      expect(await messages(entryId)).toEqual([
        ['waitlist.joined', 1, corr.join],
        ['waitlist.offered', 2, corr.cancelB],
        ['waitlist.claimed', 3, corr.claim],
      ]);
      expect(await messages(bookingC.id)).toEqual([
        ['booking.created', 1, corr.claim],
        ['booking.expired', 2, corr.expire],
      ]);
      const all = value(await uc.admin.listOutbox.execute(await as(root), { page: 1, size: 100 }));
      expect(all.totalElements).toBe(15);
    });

    it('the audit log has every booking transition with its actor and request', async () => {
      expect(await transitions(bookingA.id)).toEqual([
        [null, 'PENDING_PAYMENT', 'ann', corr.bookA],
        ['PENDING_PAYMENT', 'CONFIRMED', 'gateway:sandbox', corr.webhook],
        ['CONFIRMED', 'CANCELED', 'ann', corr.cancelA],
      ]);
      expect(await transitions(bookingB.id)).toEqual([
        [null, 'PENDING_PAYMENT', 'ben', corr.bookB],
        ['PENDING_PAYMENT', 'CANCELED', 'ben', corr.cancelB],
      ]);
      expect(await transitions(bookingC.id)).toEqual([
        [null, 'PENDING_PAYMENT', 'cat', corr.claim],
        ['PENDING_PAYMENT', 'EXPIRED', 'scheduler', corr.expire],
      ]);
    });

    async function seats(): Promise<{ available: number; deck: number | undefined }> {
      const now = value(await uc.events.get.execute(await as(userA), { eventId: event.id }));
      return { available: now.seatsAvailable, deck: now.priceOptions.find((o) => o.id === deck)?.seatsAvailable ?? undefined };
    }

    async function messages(subject: string): Promise<[string, number, string][]> {
      const page = value(await uc.admin.listOutbox.execute(await as(root), { page: 1, size: 100, subject }));
      return [...page.data].reverse().map((m: OutboxMessage) => [m.type, m.sequence, m.correlationId]);
    }

    async function transitions(bookingId: string): Promise<[string | null, string, string, string][]> {
      const page = value(await uc.admin.queryAudit.execute(await as(root), { entity: 'BOOKING', entityId: bookingId, page: 1, size: 100 }));
      return [...page.data].reverse().map((e) => [e.from, e.to, e.actorId, e.correlationId]);
    }
  });
}

describeStory('the in-memory store', () => Promise.resolve({ storage: createMemoryStorage(), close: () => Promise.resolve() }));

for (const target of sqlTestTargets()) {
  describeStory(target.name, async () => {
    const opened = await target.open();
    return { storage: createSqlStorage(opened.db), close: () => opened.close() };
  });
}

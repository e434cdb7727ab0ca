// A small world for the commands' tests: use cases over the test database, with a clock the test chooses (so that a
// booking can be made "two hours ago"), an organiser with one published event, and users to book it.
import { randomUUID } from 'node:crypto';
import {
  createSqlStorage,
  createUseCases,
  FakeCrewClient,
  RandomTicketCodeGenerator,
  SandboxPaymentGateway,
  SystemClock,
  UuidV7IdGenerator,
  type Database,
  type UseCases,
} from '@aquastream/adapters';
import type { Clock, EventView, UseCaseContext } from '@aquastream/application';
import type { Booking, Result } from '@aquastream/domain';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export function value<T, E>(r: Result<T, E>): T {
  if (!r.ok) throw new Error(`expected success, got ${JSON.stringify(r.error)}`);
  return r.value;
}

export function worldUseCases(db: Database, clock: Clock = new SystemClock()): UseCases {
  return createUseCases(createSqlStorage(db), {
    clock,
    ids: new UuidV7IdGenerator(),
    ticketCodes: new RandomTicketCodeGenerator(),
    gateway: new SandboxPaymentGateway({ secret: 'small-world-secret', publicBaseUrl: 'http://localhost:8102' }),
    crew: new FakeCrewClient(),
    settings: { bookingTtlMinutes: 30, bookingGraceMinutes: 5, waitlistOfferMinutes: 30, auditRetainDays: 90 },
  });
}

export const aUser = (): UseCaseContext => ({
  actor: { kind: 'user', id: `user-${randomUUID()}`, roles: ['USER'], memberships: [] },
  correlationId: `test-${randomUUID()}`,
});

/** A published event of a new organisation, starting in `startsInDays` (from the use cases' clock). */
export async function publishedEvent(uc: UseCases, now: number, options: { readonly capacity?: number; readonly startsInDays?: number } = {}): Promise<EventView> {
  const ownerId = `owner-${randomUUID()}`;
  const founder: UseCaseContext = { actor: { kind: 'user', id: ownerId, roles: ['ORGANIZER'], memberships: [] }, correlationId: 'world' };
  const org = value(await uc.organizations.create.execute(founder, { name: `Club ${ownerId.slice(6, 14)}` }));
  const owner: UseCaseContext = {
    actor: { kind: 'user', id: ownerId, roles: ['ORGANIZER'], memberships: [{ organizationId: org.id, role: 'OWNER' }] },
    correlationId: 'world',
  };
  const draft = value(
    await uc.events.create.execute(owner, {
      organizationId: org.id,
      title: 'Test trip',
      startsAt: now + (options.startsInDays ?? 10) * DAY,
      capacity: options.capacity ?? 10,
      currency: 'RUB',
      priceOptions: [{ name: 'Adult', price: 100_000 }],
    }),
  );
  return value(await uc.events.publish.execute(owner, { eventId: draft.id }));
}

export async function book(uc: UseCases, eventId: string, quantity = 1, who: UseCaseContext = aUser()): Promise<Booking> {
  return value(await uc.bookings.create.execute(who, { eventId, quantity }));
}

/** Rows of a raw query: the tests corrupt and inspect the database as an operator with psql would. */
export async function query(db: Database, sql: string, replacements: Record<string, unknown> = {}): Promise<Record<string, unknown>[]> {
  const [rows] = await db.sequelize.query(sql, { replacements });
  return rows as Record<string, unknown>[];
}

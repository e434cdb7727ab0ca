// A world for the scheduler's job tests: one store (SQLite, PostgreSQL or in-memory), a clock the test moves, the use
// cases as every app wires them, and the job runner over them with its lock — plus helpers that seed events and
// bookings and read what the jobs did straight from the store.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock, UseCaseContext } from '@aquastream/application';
import { systemActor, type Booking, type DomainEventType, type EventState } from '@aquastream/domain';
import { createUseCases } from '../composition/use-cases.js';
import { sequenceTicketCodes, testSandbox } from '../composition/use-cases.test-support.js';
import type { Storage } from '../composition/storage.js';
import { anEventRecord, seedOrganization, T0 } from '../contracts/booking-fixtures.test-support.js';
import { FakeCrewClient } from '../memory/crew-client.fake.js';
import { UuidV7IdGenerator } from '../system/uuid-v7-id-generator.js';
import { FixedClock } from '../testing/fixed-clock.js';
import type { JobLogger } from './job-log.listener.js';
import { createJobRunner } from './job-runtime.js';
import type { JobScheduleInput } from './job-schedule.js';
import { RecordingJobListener } from './recording-job-listener.test-support.js';
import type { RelayBatch } from './scheduled-jobs.js';

export { T0 };
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
export const TTL_MINUTES = 30;
export const GRACE_MINUTES = 5;
export const OFFER_MINUTES = 30;

export const user = (id: string): UseCaseContext => ({ actor: { kind: 'user', id, roles: ['USER'], memberships: [] }, correlationId: `corr-${id}` });
export const scheduler: UseCaseContext = { actor: systemActor('scheduler'), correlationId: 'corr-test-scheduler' };

/** Log lines as `level: message`, for the assertions on what operators grep for. */
export class CapturingLogger implements JobLogger {
  readonly lines: { level: string; message: string; fields: object }[] = [];
  debug(fields: object, message: string): void {
    this.lines.push({ level: 'debug', message, fields });
  }
  info(fields: object, message: string): void {
    this.lines.push({ level: 'info', message, fields });
  }
  warn(fields: object, message: string): void {
    this.lines.push({ level: 'warn', message, fields });
  }
  error(fields: object, message: string): void {
    this.lines.push({ level: 'error', message, fields });
  }
  matching(pattern: RegExp): string[] {
    return this.lines.filter((l) => pattern.test(l.message)).map((l) => `${l.level}: ${l.message}`);
  }
}

export type JobsWorldOptions = {
  /** Needed for PostgreSQL's advisory lock (its own connection). */
  readonly databaseUrl?: string;
  readonly relay?: RelayBatch | null;
  readonly auditRetainDays?: number;
  readonly clock?: FixedClock;
  /** Keeps ticket codes apart when several worlds share one database. */
  readonly ticketPrefix?: string;
  /** The runner's own clock (its loops sleep in real time); the world's clock by default. */
  readonly runnerClock?: Clock;
  readonly intervals?: JobScheduleInput['jobIntervals'];
};

export function jobsWorld(storage: Storage, options: JobsWorldOptions = {}) {
  const clock = options.clock ?? new FixedClock(T0);
  const ids = new UuidV7IdGenerator();
  const crew = new FakeCrewClient();
  const uc = createUseCases(storage, {
    clock,
    ids,
    ticketCodes: sequenceTicketCodes(options.ticketPrefix ?? `${randomBytes(3).toString('hex').toUpperCase()}-`),
    gateway: testSandbox(),
    crew,
    settings: { bookingTtlMinutes: TTL_MINUTES, bookingGraceMinutes: GRACE_MINUTES, waitlistOfferMinutes: OFFER_MINUTES, auditRetainDays: options.auditRetainDays ?? 90 },
  });
  const logger = new CapturingLogger();
  const listener = new RecordingJobListener();
  const { runner, lock } = createJobRunner({
    config: { jobIntervals: options.intervals ?? {}, bookingTtlMs: TTL_MINUTES * MIN, waitlistOfferMs: OFFER_MINUTES * MIN, databaseUrl: options.databaseUrl ?? 'sqlite::memory:' },
    storage,
    jobs: uc.jobs,
    clock: options.runnerClock ?? clock,
    ids,
    logger,
    listeners: [listener],
    relay: options.relay ?? null,
    runnerId: `test-${randomBytes(3).toString('hex')}:${process.pid}`,
  });
  let organizationId: string | null = null;

  const world = {
    storage, clock, uc, crew, logger, listener, runner, lock,

    async organization(): Promise<string> {
      organizationId ??= await seedOrganization(storage);
      return organizationId;
    },

    /** An event stored as given (PUBLISHED, starting 30 days after T0, 20 seats, one option of 50.00 EUR unless told). */
    async event(overrides: Partial<EventState> = {}): Promise<EventState> {
      const record = anEventRecord(await world.organization(), overrides);
      await storage.uow.run((tx) => storage.events.insert(tx, record));
      return record.state;
    },

    /** A free event: its bookings are CONFIRMED at once. */
    freeEvent(overrides: Partial<EventState> = {}): Promise<EventState> {
      return world.event({ priceOptions: [{ id: randomUUID(), name: 'Free', price: 0, quantity: null, seatsTaken: 0, active: true }], ...overrides });
    },

    async book(eventId: string, userId: string = `user-${randomUUID()}`, quantity = 1): Promise<Booking> {
      const result = await uc.bookings.create.execute(user(userId), { eventId, quantity });
      if (!result.ok) throw new Error(`booking failed: ${result.error.type} ${result.error.detail}`);
      return result.value;
    },

    async bookingStatus(id: string): Promise<string | undefined> {
      return (await storage.bookings.findById(null, id))?.status;
    },

    async eventState(id: string): Promise<EventState> {
      const record = await storage.events.findById(null, id);
      if (record === null) throw new Error(`no event ${id}`);
      return record.state;
    },

    /** Outbox messages of a type (the newest 1 000). */
    async messages(type: DomainEventType) {
      return (await storage.outbox.list({ type, page: 1, size: 1_000 })).items;
    },

    async close(): Promise<void> {
      await runner.stop();
      await lock.close();
    },
  };
  return world;
}

export type JobsWorld = ReturnType<typeof jobsWorld>;

import type {
  AuditLog,
  BookingRepository,
  CategoryRepository,
  EventRepository,
  FaqRepository,
  FavoriteRepository,
  IdempotencyStore,
  JobRunRepository,
  OrganizationRepository,
  Outbox,
  OutboxClaims,
  PaymentRepository,
  PromoCodeRepository,
  ReminderLog,
  ReviewRepository,
  UnitOfWork,
  WaitlistRepository,
} from '@aquastream/application';
import { InMemoryAuditLog } from '../memory/audit-log.memory.js';
import { InMemoryBookingRepository } from '../memory/booking.memory-repository.js';
import { InMemoryCategoryRepository } from '../memory/category.memory-repository.js';
import { InMemoryEventRepository } from '../memory/event.memory-repository.js';
import { InMemoryFaqRepository } from '../memory/faq.memory-repository.js';
import { InMemoryFavoriteRepository } from '../memory/favorite.memory-repository.js';
import { InMemoryIdempotencyStore } from '../memory/idempotency-store.memory.js';
import { InMemoryDatabase } from '../memory/in-memory-database.js';
import { InMemoryOrganizationRepository } from '../memory/organization.memory-repository.js';
import { InMemoryOutbox } from '../memory/outbox.memory.js';
import { InMemoryOutboxClaims } from '../memory/outbox-claims.memory.js';
import { InMemoryPaymentRepository } from '../memory/payment.memory-repository.js';
import { InMemoryPromoCodeRepository } from '../memory/promo-code.memory-repository.js';
import { InMemoryReviewRepository } from '../memory/review.memory-repository.js';
import { InMemoryWaitlistRepository } from '../memory/waitlist.memory-repository.js';
import { SqlAuditLog } from '../sql/audit-log.sql.js';
import { SqlBookingRepository } from '../sql/booking.sql-repository.js';
import { SqlCategoryRepository } from '../sql/category.sql-repository.js';
import type { Database } from '../sql/database.js';
import { SqlEventRepository } from '../sql/event.sql-repository.js';
import { SqlFaqRepository } from '../sql/faq.sql-repository.js';
import { SqlFavoriteRepository } from '../sql/favorite.sql-repository.js';
import { SqlIdempotencyStore } from '../sql/idempotency-store.sql.js';
import { SqlOrganizationRepository } from '../sql/organization.sql-repository.js';
import { SqlOutbox } from '../sql/outbox.sql.js';
import { SqlOutboxClaims } from '../sql/outbox-claims.sql.js';
import { SqlPaymentRepository } from '../sql/payment.sql-repository.js';
import { SqlPromoCodeRepository } from '../sql/promo-code.sql-repository.js';
import { SqlReviewRepository } from '../sql/review.sql-repository.js';
import { SqlUnitOfWork } from '../sql/sql-unit-of-work.js';
import { SqlWaitlistRepository } from '../sql/waitlist.sql-repository.js';
import { InMemoryJobRunRepository } from '../jobs/job-run.memory-repository.js';
import { SqlJobRunRepository } from '../jobs/job-run.sql-repository.js';
import { InMemoryReminderLog } from '../jobs/reminder-log.memory.js';
import { SqlReminderLog } from '../jobs/reminder-log.sql.js';

/** Every storage port of the application over one store, with the unit of work whose transactions they share. */
export type Storage = {
  readonly kind: 'sqlite' | 'postgres' | 'memory';
  readonly uow: UnitOfWork;
  readonly events: EventRepository;
  readonly faqs: FaqRepository;
  readonly bookings: BookingRepository;
  readonly payments: PaymentRepository;
  readonly waitlist: WaitlistRepository;
  readonly organizations: OrganizationRepository;
  readonly categories: CategoryRepository;
  readonly promoCodes: PromoCodeRepository;
  readonly reviews: ReviewRepository;
  readonly favorites: FavoriteRepository;
  readonly outbox: Outbox;
  /** The relay's claims on the same outbox table. */
  readonly outboxClaims: OutboxClaims;
  readonly audit: AuditLog;
  readonly idempotency: IdempotencyStore;
  /** The scheduler's: reminders sent (once per booking and window) and the job run records. */
  readonly reminders: ReminderLog;
  readonly jobRuns: JobRunRepository;
};

/** The SQL adapters over an open (and migrated) database: what the apps use. */
export function createSqlStorage(db: Database): Storage {
  return {
    kind: db.dialect,
    uow: new SqlUnitOfWork(db),
    events: new SqlEventRepository(db),
    faqs: new SqlFaqRepository(db),
    bookings: new SqlBookingRepository(db),
    payments: new SqlPaymentRepository(db),
    waitlist: new SqlWaitlistRepository(db),
    organizations: new SqlOrganizationRepository(db),
    categories: new SqlCategoryRepository(db),
    promoCodes: new SqlPromoCodeRepository(db),
    reviews: new SqlReviewRepository(db),
    favorites: new SqlFavoriteRepository(db),
    outbox: new SqlOutbox(db),
    outboxClaims: new SqlOutboxClaims(db),
    audit: new SqlAuditLog(db),
    idempotency: new SqlIdempotencyStore(db),
    reminders: new SqlReminderLog(db),
    jobRuns: new SqlJobRunRepository(db),
  };
}

/** The in-memory adapters over one InMemoryDatabase: the same contracts, for tests and embedding projects. */
export function createMemoryStorage(db: InMemoryDatabase = new InMemoryDatabase()): Storage {
  const events = new InMemoryEventRepository(db);
  return {
    kind: 'memory',
    uow: db,
    events,
    faqs: new InMemoryFaqRepository(db),
    bookings: new InMemoryBookingRepository(db, events),
    payments: new InMemoryPaymentRepository(db),
    waitlist: new InMemoryWaitlistRepository(db),
    organizations: new InMemoryOrganizationRepository(db),
    categories: new InMemoryCategoryRepository(db),
    promoCodes: new InMemoryPromoCodeRepository(db),
    reviews: new InMemoryReviewRepository(db),
    favorites: new InMemoryFavoriteRepository(db),
    outbox: new InMemoryOutbox(db),
    outboxClaims: new InMemoryOutboxClaims(db),
    audit: new InMemoryAuditLog(db),
    idempotency: new InMemoryIdempotencyStore(db),
    reminders: new InMemoryReminderLog(db),
    jobRuns: new InMemoryJobRunRepository(db),
  };
}

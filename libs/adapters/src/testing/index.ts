// Test doubles that behave like the real adapters, for tests in this repository and in projects that embed it.
export { FixedClock } from './fixed-clock.js';
export { SequenceIdGenerator } from './sequence-id-generator.js';
export { postgresTestTarget, sqlTestTargets, type OpenedTestDatabase, type SqlTestTarget } from './sql-test-database.js';
export { InMemoryOutbox } from '../memory/outbox.memory.js';
export { InMemoryAuditLog } from '../memory/audit-log.memory.js';
export { InMemoryOrganizationRepository } from '../memory/organization.memory-repository.js';
export { InMemoryPromoCodeRepository } from '../memory/promo-code.memory-repository.js';
export { InMemoryIdempotencyStore } from '../memory/idempotency-store.memory.js';
export { InMemoryWaitlistRepository } from '../memory/waitlist.memory-repository.js';
export { InMemoryCategoryRepository } from '../memory/category.memory-repository.js';
export { InMemoryReviewRepository } from '../memory/review.memory-repository.js';
export { InMemoryFavoriteRepository } from '../memory/favorite.memory-repository.js';
export { InMemoryBookingRepository } from '../memory/booking.memory-repository.js';
export { InMemoryPaymentRepository } from '../memory/payment.memory-repository.js';
export { InMemoryEventRepository } from '../memory/event.memory-repository.js';
export { InMemoryFaqRepository } from '../memory/faq.memory-repository.js';
export { FakeCrewClient } from '../memory/crew-client.fake.js';

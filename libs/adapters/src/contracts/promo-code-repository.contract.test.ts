import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryDatabase } from '../memory/in-memory-database.js';
import { InMemoryOrganizationRepository } from '../memory/organization.memory-repository.js';
import { InMemoryPromoCodeRepository } from '../memory/promo-code.memory-repository.js';
import { SqlOrganizationRepository } from '../sql/organization.sql-repository.js';
import { SqlPromoCodeRepository } from '../sql/promo-code.sql-repository.js';
import { SqlUnitOfWork } from '../sql/sql-unit-of-work.js';
import { postgresTestTarget, sqlTestTargets, type OpenedTestDatabase } from '../testing/sql-test-database.js';
import { describePromoCodeRepositoryContract } from './promo-code-repository.contract.js';

describePromoCodeRepositoryContract('in-memory', () => {
  const db = new InMemoryDatabase();
  return Promise.resolve({
    repo: new InMemoryPromoCodeRepository(db),
    organizations: new InMemoryOrganizationRepository(db),
    uow: db,
    close: () => Promise.resolve(),
  });
});

for (const target of sqlTestTargets()) {
  describePromoCodeRepositoryContract(target.name, async () => {
    const opened = await target.open();
    return {
      repo: new SqlPromoCodeRepository(opened.db),
      organizations: new SqlOrganizationRepository(opened.db),
      uow: new SqlUnitOfWork(opened.db),
      close: () => opened.close(),
    };
  });
}

// Only PostgreSQL runs transactions truly in parallel; SQLite's are serialised in-process, so there is no race to lose.
const pg = postgresTestTarget({ poolMax: 20 });
describe.skipIf(pg === null)('PromoCodeRepository on PostgreSQL under concurrency', () => {
  let opened: OpenedTestDatabase | null = null;
  beforeAll(async () => {
    opened = pg === null ? null : await pg.open();
  });
  afterAll(async () => {
    await opened?.close();
  });

  it('50 parallel adjustUses(+1) in separate transactions with maxUses 10: exactly 10 succeed', async () => {
    if (opened === null) throw new Error('no database');
    const uow = new SqlUnitOfWork(opened.db);
    const repo = new SqlPromoCodeRepository(opened.db);
    const orgs = new SqlOrganizationRepository(opened.db);
    const orgId = randomUUID();
    const promoId = randomUUID();
    await uow.run(async (tx) => {
      await orgs.insert(tx, { id: orgId, name: 'race', slug: `race-${orgId}`, reviewRequired: false, moderateReviews: false, createdAt: 0 });
      await repo.insert(tx, {
        id: promoId, code: 'RACE', organizationId: orgId, eventId: null, discountPercent: 10, discountAmount: null,
        currency: null, startsAt: 0, endsAt: null, maxUses: 10, usesCount: 0, isActive: true,
      });
    });
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        uow.run(async (tx) => {
          const taken = await repo.adjustUses(tx, promoId, 1);
          // Hold the row lock a little, so that the others really queue behind it.
          await new Promise((r) => setTimeout(r, 2));
          return taken;
        }),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(10);
    expect((await repo.findById(null, promoId))?.usesCount).toBe(10);
  });
});

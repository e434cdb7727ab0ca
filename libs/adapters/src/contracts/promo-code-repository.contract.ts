import { randomUUID } from 'node:crypto';
import {
  ConflictError,
  type Organization,
  type OrganizationRepository,
  type PromoCodeRepository,
  type UnitOfWork,
} from '@aquastream/application';
import type { PromoCode } from '@aquastream/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

export type PromoCodeRepositoryHarness = {
  readonly repo: PromoCodeRepository;
  /** Codes belong to an organisation (a foreign key in SQL), so the suite makes some. */
  readonly organizations: OrganizationRepository;
  readonly uow: UnitOfWork;
  close(): Promise<void>;
};

const T0 = Date.UTC(2026, 2, 1, 12, 0, 0, 250);

/**
 * What every PromoCodeRepository does. The use counter is the point: it moves only through one conditional update,
 * never above `maxUses` and never below 0. One database serves the suite; each case makes its own organisation.
 */
export function describePromoCodeRepositoryContract(name: string, open: () => Promise<PromoCodeRepositoryHarness>): void {
  describe(`PromoCodeRepository contract: ${name}`, () => {
    let h: PromoCodeRepositoryHarness;
    let opened = false;
    beforeAll(async () => {
      h = await open();
      opened = true;
    });
    afterAll(async () => {
      if (opened) await h.close();
    });

    async function anOrganization(): Promise<string> {
      const id = randomUUID();
      const org: Organization = { id, name: `org ${id}`, slug: `org-${id}`, reviewRequired: false, moderateReviews: false, createdAt: T0 };
      await h.uow.run((tx) => h.organizations.insert(tx, org));
      return id;
    }
    const aPromo = (organizationId: string, overrides: Partial<PromoCode> = {}): PromoCode => ({
      id: randomUUID(),
      code: 'Summer10',
      organizationId,
      eventId: null,
      discountPercent: 10,
      discountAmount: null,
      currency: null,
      startsAt: T0,
      endsAt: null,
      maxUses: null,
      usesCount: 0,
      isActive: true,
      ...overrides,
    });
    const save = (p: PromoCode) => h.uow.run((tx) => h.repo.insert(tx, p));
    const adjust = (id: string, delta: number) => h.uow.run((tx) => h.repo.adjustUses(tx, id, delta));
    const uses = async (id: string) => (await h.repo.findById(null, id))?.usesCount;

    it('stores a code and reads every field back', async () => {
      const org = await anOrganization();
      const amount = aPromo(org, {
        code: 'Boat-500',
        eventId: randomUUID(),
        discountPercent: null,
        discountAmount: 50_000,
        currency: 'RUB',
        endsAt: T0 + 86_400_000,
        maxUses: 7,
        usesCount: 2,
        isActive: false,
      });
      const percent = aPromo(org);
      await save(amount);
      await save(percent);
      expect(await h.repo.findById(null, amount.id)).toEqual(amount);
      expect(await h.repo.findById(null, percent.id)).toEqual(percent);
      expect(await h.repo.findById(null, randomUUID())).toBeNull();
    });

    it('finds a code case-insensitively and without surrounding spaces, only in its own organisation', async () => {
      const [org, other] = [await anOrganization(), await anOrganization()];
      const promo = aPromo(org, { code: 'Spring_Sale' });
      await save(promo);
      expect(await h.repo.findByCode(null, org, 'spring_sale')).toEqual(promo);
      expect(await h.repo.findByCode(null, org, '  SPRING_SALE ')).toEqual(promo);
      expect(await h.repo.findByCode(null, other, 'SPRING_SALE')).toBeNull();
      expect(await h.repo.findByCode(null, org, 'SPRING')).toBeNull();
    });

    it('a code is unique per organisation whatever its case (ConflictError promo_code); another organisation may reuse it', async () => {
      const [org, other] = [await anOrganization(), await anOrganization()];
      await save(aPromo(org, { code: 'KAYAK' }));
      const clash = aPromo(org, { code: 'kayak' });
      const failure = await save(clash).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(ConflictError);
      expect((failure as ConflictError).constraint).toBe('promo_code');
      expect(await h.repo.findById(null, clash.id)).toBeNull();
      await expect(save(aPromo(other, { code: 'Kayak' }))).resolves.toBeUndefined();
    });

    it('update writes the definition but never the use counter', async () => {
      const org = await anOrganization();
      const promo = aPromo(org, { maxUses: 5 });
      await save(promo);
      expect(await adjust(promo.id, 2)).toBe(true);
      const edited: PromoCode = {
        ...promo,
        code: 'Autumn15',
        discountPercent: 15,
        eventId: randomUUID(),
        startsAt: T0 + 1000,
        endsAt: T0 + 5000,
        maxUses: 9,
        isActive: false,
        usesCount: 0,
      };
      expect(await h.uow.run((tx) => h.repo.update(tx, edited))).toBe(true);
      expect(await h.repo.findById(null, promo.id)).toEqual({ ...edited, usesCount: 2 });
      expect(await h.repo.findByCode(null, org, 'autumn15')).toEqual({ ...edited, usesCount: 2 });
      expect(await h.repo.findByCode(null, org, 'summer10')).toBeNull();
    });

    it('update refuses a maxUses below the uses already taken, and a code another one of the organisation has', async () => {
      const org = await anOrganization();
      const promo = aPromo(org, { code: 'FIRST', maxUses: 5 });
      const second = aPromo(org, { code: 'SECOND' });
      await save(promo);
      await save(second);
      expect(await adjust(promo.id, 3)).toBe(true);
      expect(await h.uow.run((tx) => h.repo.update(tx, { ...promo, maxUses: 2 }))).toBe(false);
      expect(await h.uow.run((tx) => h.repo.update(tx, { ...promo, maxUses: 3 }))).toBe(true);
      expect(await h.repo.findById(null, promo.id)).toMatchObject({ maxUses: 3, usesCount: 3 });
      const failure = await h.uow.run((tx) => h.repo.update(tx, { ...promo, maxUses: 3, code: 'second' })).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(ConflictError);
      expect((failure as ConflictError).constraint).toBe('promo_code');
      expect(await h.uow.run((tx) => h.repo.update(tx, aPromo(org, { code: 'GHOST' })))).toBe(false);
    });

    it('adjustUses takes uses up to maxUses and refuses the one beyond, changing nothing', async () => {
      const org = await anOrganization();
      const promo = aPromo(org, { maxUses: 3 });
      await save(promo);
      expect(await adjust(promo.id, 2)).toBe(true);
      expect(await adjust(promo.id, 2)).toBe(false);
      expect(await uses(promo.id)).toBe(2);
      expect(await adjust(promo.id, 1)).toBe(true);
      expect(await adjust(promo.id, 1)).toBe(false);
      expect(await uses(promo.id)).toBe(3);
    });

    it('adjustUses gives uses back down to 0 and refuses to go below', async () => {
      const org = await anOrganization();
      const promo = aPromo(org, { maxUses: 3 });
      await save(promo);
      expect(await adjust(promo.id, 1)).toBe(true);
      expect(await adjust(promo.id, -2)).toBe(false);
      expect(await adjust(promo.id, -1)).toBe(true);
      expect(await adjust(promo.id, -1)).toBe(false);
      expect(await uses(promo.id)).toBe(0);
    });

    it('adjustUses without maxUses has no ceiling; on an unknown code it answers false', async () => {
      const org = await anOrganization();
      const promo = aPromo(org);
      await save(promo);
      expect(await adjust(promo.id, 1000)).toBe(true);
      expect(await uses(promo.id)).toBe(1000);
      expect(await adjust(randomUUID(), 1)).toBe(false);
    });

    it('a use taken before the limit dropped below it can still be given back', async () => {
      const org = await anOrganization();
      const promo = aPromo(org, { maxUses: 2, usesCount: 4 });
      await save(promo);
      expect(await adjust(promo.id, 1)).toBe(false);
      expect(await adjust(promo.id, -1)).toBe(true);
      expect(await uses(promo.id)).toBe(3);
    });

    it('releaseUses gives back several codes\' uses at once, each never below 0, ignoring unknown codes', async () => {
      const org = await anOrganization();
      const a = aPromo(org, { code: `A${randomUUID().slice(0, 6)}`, maxUses: 2, usesCount: 5 });
      const b = aPromo(org, { code: `B${randomUUID().slice(0, 6)}`, usesCount: 2 });
      await save(a);
      await save(b);
      await h.uow.run((tx) => h.repo.releaseUses(tx, { [a.id]: 2, [b.id]: 3, [randomUUID()]: 1 }));
      expect(await uses(a.id)).toBe(3);
      expect(await uses(b.id)).toBe(0);
      await h.uow.run((tx) => h.repo.releaseUses(tx, {}));
      expect(await uses(a.id)).toBe(3);
    });

    it('adjustUses is undone with its transaction', async () => {
      const org = await anOrganization();
      const promo = aPromo(org, { maxUses: 1 });
      await save(promo);
      const failure = await h.uow
        .run(async (tx) => {
          expect(await h.repo.adjustUses(tx, promo.id, 1)).toBe(true);
          expect((await h.repo.findById(tx, promo.id))?.usesCount).toBe(1);
          throw new Error('rollback');
        })
        .catch((e: unknown) => e);
      expect(failure).toEqual(new Error('rollback'));
      expect(await uses(promo.id)).toBe(0);
    });

    it('list: by code case-insensitively, paged, filtered by organisations and event', async () => {
      const [org, other] = [await anOrganization(), await anOrganization()];
      const event = randomUUID();
      const codes = [
        aPromo(org, { code: 'delta' }),
        aPromo(org, { code: 'ALPHA', eventId: event }),
        aPromo(org, { code: 'Charlie', eventId: event }),
        aPromo(org, { code: 'bravo' }),
      ];
      const foreign = aPromo(other, { code: 'ECHO', eventId: event });
      for (const p of [...codes, foreign]) await save(p);

      const first = await h.repo.list({ page: 1, size: 3, organizationIds: [org] });
      expect(first.total).toBe(4);
      expect(first.items.map((p) => p.code)).toEqual(['ALPHA', 'bravo', 'Charlie']);
      expect((await h.repo.list({ page: 2, size: 3, organizationIds: [org] })).items.map((p) => p.code)).toEqual(['delta']);

      const byEvent = await h.repo.list({ page: 1, size: 10, eventId: event });
      expect(byEvent.items.map((p) => p.code)).toEqual(['ALPHA', 'Charlie', 'ECHO']);
      const both = await h.repo.list({ page: 1, size: 10, organizationIds: [org, other], eventId: event });
      expect(both.total).toBe(3);
      expect(await h.repo.list({ page: 1, size: 10, organizationIds: [] })).toEqual({ items: [], total: 0 });
    });
  });
}

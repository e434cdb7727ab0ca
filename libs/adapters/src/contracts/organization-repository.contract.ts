import { randomUUID } from 'node:crypto';
import { ConflictError, type Organization, type OrganizationRepository, type UnitOfWork } from '@aquastream/application';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

export type OrganizationRepositoryHarness = {
  readonly repo: OrganizationRepository;
  readonly uow: UnitOfWork;
  close(): Promise<void>;
};

const T0 = Date.UTC(2026, 0, 10, 9, 30, 0, 123);

/**
 * What every OrganizationRepository does, whatever stores it. One database serves the whole suite, so each case
 * makes its own organisations (random slugs and users) and never counts rows it did not write.
 */
export function describeOrganizationRepositoryContract(name: string, open: () => Promise<OrganizationRepositoryHarness>): void {
  describe(`OrganizationRepository contract: ${name}`, () => {
    let h: OrganizationRepositoryHarness;
    let opened = false;
    beforeAll(async () => {
      h = await open();
      opened = true;
    });
    afterAll(async () => {
      if (opened) await h.close();
    });

    const anOrg = (overrides: Partial<Organization> = {}): Organization => {
      const id = randomUUID();
      return { id, name: `org ${id}`, slug: `org-${id}`, reviewRequired: false, moderateReviews: false, createdAt: T0, ...overrides };
    };
    const save = (org: Organization) => h.uow.run((tx) => h.repo.insert(tx, org));
    const user = () => `user-${randomUUID()}`;

    it('stores an organisation and reads it back by id and by slug, to the millisecond', async () => {
      const org = anOrg({ reviewRequired: true, moderateReviews: true });
      await save(org);
      expect(await h.repo.findById(null, org.id)).toEqual(org);
      expect(await h.repo.findBySlug(null, org.slug)).toEqual(org);
      expect(await h.repo.findById(null, randomUUID())).toBeNull();
      expect(await h.repo.findBySlug(null, `missing-${randomUUID()}`)).toBeNull();
    });

    it('refuses a second organisation with the same slug as ConflictError(organization_slug), and keeps nothing of it', async () => {
      const first = anOrg();
      await save(first);
      const clash = anOrg({ slug: first.slug });
      const failure = await save(clash).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(ConflictError);
      expect((failure as ConflictError).constraint).toBe('organization_slug');
      expect(await h.repo.findById(null, clash.id)).toBeNull();
    });

    it('update writes name, slug and policies but not createdAt; a taken slug is a conflict', async () => {
      const org = anOrg();
      const other = anOrg();
      await save(org);
      await save(other);
      const changed = { ...org, name: 'renamed', slug: `renamed-${org.id}`, reviewRequired: true, moderateReviews: true };
      await h.uow.run((tx) => h.repo.update(tx, { ...changed, createdAt: T0 + 999 }));
      expect(await h.repo.findById(null, org.id)).toEqual(changed);
      const failure = await h.uow.run((tx) => h.repo.update(tx, { ...changed, slug: other.slug })).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(ConflictError);
      expect((failure as ConflictError).constraint).toBe('organization_slug');
      expect(await h.repo.findById(null, org.id)).toEqual(changed);
    });

    it('a transaction that throws leaves nothing behind, and its own reads see its writes', async () => {
      const org = anOrg();
      const u = user();
      const failure = await h.uow
        .run(async (tx) => {
          await h.repo.insert(tx, org);
          await h.repo.addMember(tx, { organizationId: org.id, userId: u, role: 'OWNER', createdAt: T0 });
          expect(await h.repo.findById(tx, org.id)).toEqual(org);
          expect(await h.repo.membershipsOf(tx, u)).toEqual([{ organizationId: org.id, role: 'OWNER' }]);
          throw new Error('boom');
        })
        .catch((e: unknown) => e);
      expect(failure).toEqual(new Error('boom'));
      expect(await h.repo.findById(null, org.id)).toBeNull();
      expect(await h.repo.membershipsOf(null, u)).toEqual([]);
    });

    it('members: add, find, change role, remove; a user is a member once', async () => {
      const org = anOrg();
      await save(org);
      const u = user();
      const member = { organizationId: org.id, userId: u, role: 'STAFF' as const, createdAt: T0 };
      await h.uow.run((tx) => h.repo.addMember(tx, member));
      expect(await h.repo.findMember(null, org.id, u)).toEqual(member);

      const failure = await h.uow.run((tx) => h.repo.addMember(tx, { ...member, role: 'MANAGER' })).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(ConflictError);
      expect((failure as ConflictError).constraint).toBe('organization_member');

      expect(await h.uow.run((tx) => h.repo.updateMemberRole(tx, org.id, u, 'MANAGER'))).toBe(true);
      expect(await h.repo.findMember(null, org.id, u)).toEqual({ ...member, role: 'MANAGER' });
      expect(await h.uow.run((tx) => h.repo.updateMemberRole(tx, org.id, user(), 'MANAGER'))).toBe(false);

      expect(await h.uow.run((tx) => h.repo.removeMember(tx, org.id, u))).toBe(true);
      expect(await h.repo.findMember(null, org.id, u)).toBeNull();
      expect(await h.uow.run((tx) => h.repo.removeMember(tx, org.id, u))).toBe(false);
    });

    it('listMembers: the organisation’s members, oldest first', async () => {
      const org = anOrg();
      const elsewhere = anOrg();
      await save(org);
      await save(elsewhere);
      const [a, b, c] = [user(), user(), user()];
      await h.uow.run(async (tx) => {
        await h.repo.addMember(tx, { organizationId: org.id, userId: a, role: 'STAFF', createdAt: T0 + 2000 });
        await h.repo.addMember(tx, { organizationId: org.id, userId: b, role: 'OWNER', createdAt: T0 });
        await h.repo.addMember(tx, { organizationId: elsewhere.id, userId: c, role: 'OWNER', createdAt: T0 + 1000 });
      });
      const members = await h.repo.listMembers(org.id);
      expect(members.map((m) => [m.userId, m.role])).toEqual([
        [b, 'OWNER'],
        [a, 'STAFF'],
      ]);
    });

    it('membershipsOf: every organisation of the user with the role there, and nobody else’s', async () => {
      const [x, y] = [anOrg(), anOrg()];
      await save(x);
      await save(y);
      const u = user();
      await h.uow.run(async (tx) => {
        await h.repo.addMember(tx, { organizationId: x.id, userId: u, role: 'OWNER', createdAt: T0 });
        await h.repo.addMember(tx, { organizationId: y.id, userId: u, role: 'STAFF', createdAt: T0 });
        await h.repo.addMember(tx, { organizationId: y.id, userId: user(), role: 'OWNER', createdAt: T0 });
      });
      const memberships = await h.repo.membershipsOf(null, u);
      expect([...memberships].sort((p, q) => (p.organizationId < q.organizationId ? -1 : 1))).toEqual(
        [
          { organizationId: x.id, role: 'OWNER' },
          { organizationId: y.id, role: 'STAFF' },
        ].sort((p, q) => (p.organizationId < q.organizationId ? -1 : 1)),
      );
      expect(await h.repo.membershipsOf(null, user())).toEqual([]);
    });

    it('list: by name then id, paged, with the total; filtered to the organisations of a member', async () => {
      const u = user();
      const tag = randomUUID().slice(0, 8);
      const orgs = ['charlie', 'alpha', 'bravo', 'delta'].map((n) => anOrg({ name: `${tag} ${n}` }));
      const notMine = anOrg({ name: `${tag} echo` });
      await h.uow.run(async (tx) => {
        for (const o of [...orgs, notMine]) await h.repo.insert(tx, o);
        for (const o of orgs) await h.repo.addMember(tx, { organizationId: o.id, userId: u, role: 'STAFF', createdAt: T0 });
      });
      const first = await h.repo.list({ page: 1, size: 3 }, { memberUserId: u });
      expect(first.total).toBe(4);
      expect(first.items.map((o) => o.name)).toEqual([`${tag} alpha`, `${tag} bravo`, `${tag} charlie`]);
      const second = await h.repo.list({ page: 2, size: 3 }, { memberUserId: u });
      expect(second.items).toEqual([orgs[3]]);
      expect(await h.repo.list({ page: 1, size: 5 }, { memberUserId: user() })).toEqual({ items: [], total: 0 });

      const all = await h.repo.list({ page: 1, size: 100 });
      expect(all.total).toBeGreaterThanOrEqual(5);
      expect(all.items.map((o) => o.id)).toEqual(expect.arrayContaining([notMine.id]));
    });
  });
}

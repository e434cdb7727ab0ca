import {
  ConflictError,
  offsetOf,
  type Organization,
  type OrganizationFilter,
  type OrganizationMember,
  type OrganizationRepository,
  type PageRequest,
  type TxContext,
} from '@aquastream/application';
import type { MemberRole, Membership } from '@aquastream/domain';
import type { InMemoryDatabase } from './in-memory-database.js';

// A refused write rejects the promise (as a driver would) instead of throwing before it exists.
const attempt = <T>(work: () => T): Promise<T> => new Promise((resolve) => resolve(work()));

const ORGS = 'organizations';
const MEMBERS = 'organization_members';

const memberKey = (organizationId: string, userId: string): string => `${organizationId}\u0000${userId}`;
const byName = (a: Organization, b: Organization): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** Organisations and their members on the in-memory database; same rules as the SQL adapter (unique slug, one membership per user). */
export class InMemoryOrganizationRepository implements OrganizationRepository {
  constructor(private readonly db: InMemoryDatabase) {}

  private orgs(tx: TxContext | null): Map<string, Organization> {
    return this.db.table<Organization>(ORGS, tx);
  }

  private members(tx: TxContext | null): Map<string, OrganizationMember> {
    return this.db.table<OrganizationMember>(MEMBERS, tx);
  }

  private assertSlugFree(tx: TxContext, slug: string, exceptId: string): void {
    for (const o of this.orgs(tx).values()) {
      if (o.slug === slug && o.id !== exceptId) throw new ConflictError('organization_slug');
    }
  }

  insert(tx: TxContext, org: Organization): Promise<void> {
    return attempt(() => {
      if (this.orgs(tx).has(org.id)) throw new ConflictError('organization_pkey');
      this.assertSlugFree(tx, org.slug, org.id);
      this.orgs(tx).set(org.id, structuredClone(org));
    });
  }

  findById(tx: TxContext | null, id: string): Promise<Organization | null> {
    const org = this.orgs(tx).get(id);
    return Promise.resolve(org ? structuredClone(org) : null);
  }

  findBySlug(tx: TxContext | null, slug: string): Promise<Organization | null> {
    const org = [...this.orgs(tx).values()].find((o) => o.slug === slug);
    return Promise.resolve(org ? structuredClone(org) : null);
  }

  update(tx: TxContext, org: Organization): Promise<void> {
    return attempt(() => {
      const current = this.orgs(tx).get(org.id);
      if (!current) return;
      this.assertSlugFree(tx, org.slug, org.id);
      this.orgs(tx).set(org.id, { ...structuredClone(org), createdAt: current.createdAt });
    });
  }

  list(page: PageRequest, filter: OrganizationFilter = {}): Promise<{ items: Organization[]; total: number }> {
    const { memberUserId } = filter;
    const memberOf =
      memberUserId === undefined
        ? null
        : new Set([...this.members(null).values()].filter((m) => m.userId === memberUserId).map((m) => m.organizationId));
    const all = [...this.orgs(null).values()].filter((o) => memberOf === null || memberOf.has(o.id)).sort(byName);
    const start = offsetOf(page);
    return Promise.resolve({ items: all.slice(start, start + page.size).map((o) => structuredClone(o)), total: all.length });
  }

  addMember(tx: TxContext, member: OrganizationMember): Promise<void> {
    return attempt(() => {
      // Foreign key, as the SQL table has: a member of an organisation that does not exist is a caller bug.
      if (!this.orgs(tx).has(member.organizationId)) throw new Error(`organization ${member.organizationId} does not exist`);
      const key = memberKey(member.organizationId, member.userId);
      if (this.members(tx).has(key)) throw new ConflictError('organization_member');
      this.members(tx).set(key, structuredClone(member));
    });
  }

  findMember(tx: TxContext | null, organizationId: string, userId: string): Promise<OrganizationMember | null> {
    const m = this.members(tx).get(memberKey(organizationId, userId));
    return Promise.resolve(m ? structuredClone(m) : null);
  }

  updateMemberRole(tx: TxContext, organizationId: string, userId: string, role: MemberRole): Promise<boolean> {
    const key = memberKey(organizationId, userId);
    const m = this.members(tx).get(key);
    if (!m) return Promise.resolve(false);
    this.members(tx).set(key, { ...m, role });
    return Promise.resolve(true);
  }

  removeMember(tx: TxContext, organizationId: string, userId: string): Promise<boolean> {
    return Promise.resolve(this.members(tx).delete(memberKey(organizationId, userId)));
  }

  listMembers(organizationId: string): Promise<OrganizationMember[]> {
    const list = [...this.members(null).values()]
      .filter((m) => m.organizationId === organizationId)
      .sort((a, b) => a.createdAt - b.createdAt || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
    return Promise.resolve(list.map((m) => structuredClone(m)));
  }

  membershipsOf(tx: TxContext | null, userId: string): Promise<Membership[]> {
    const list = [...this.members(tx).values()]
      .filter((m) => m.userId === userId)
      .sort((a, b) => (a.organizationId < b.organizationId ? -1 : a.organizationId > b.organizationId ? 1 : 0))
      .map((m) => ({ organizationId: m.organizationId, role: m.role }));
    return Promise.resolve(list);
  }
}

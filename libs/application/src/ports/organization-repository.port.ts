import type { Instant, MemberRole, Membership } from '@aquastream/domain';
import type { PageRequest } from '../shared/pagination.js';
import type { TxContext } from './unit-of-work.port.js';

export type Organization = {
  readonly id: string;
  readonly name: string;
  /** Unique across the service; derived from the name at creation. */
  readonly slug: string;
  /** Publishing needs an admin's approval (DESIGN §3.1 submit/approve). */
  readonly reviewRequired: boolean;
  /** New reviews of its events wait as `PENDING` until an admin decides (DESIGN §3.7). */
  readonly moderateReviews: boolean;
  readonly createdAt: Instant;
};

export type OrganizationMember = {
  readonly organizationId: string;
  readonly userId: string;
  readonly role: MemberRole;
  readonly createdAt: Instant;
};

export type OrganizationFilter = {
  /** Only organisations this user is a member of (any role). */
  readonly memberUserId?: string;
};

export interface OrganizationRepository {
  /** A slug already in use surfaces as `ConflictError('organization_slug')`. */
  insert(tx: TxContext, org: Organization): Promise<void>;
  findById(tx: TxContext | null, id: string): Promise<Organization | null>;
  findBySlug(tx: TxContext | null, slug: string): Promise<Organization | null>;
  /** Writes name, slug and the two policies; `ConflictError('organization_slug')` on a slug clash. */
  update(tx: TxContext, org: Organization): Promise<void>;
  /** Ordered by name, then id. */
  list(page: PageRequest, filter?: OrganizationFilter): Promise<{ readonly items: readonly Organization[]; readonly total: number }>;
  /** A user already in the organisation surfaces as `ConflictError('organization_member')`. */
  addMember(tx: TxContext, member: OrganizationMember): Promise<void>;
  findMember(tx: TxContext | null, organizationId: string, userId: string): Promise<OrganizationMember | null>;
  /** False when the user is not a member. */
  updateMemberRole(tx: TxContext, organizationId: string, userId: string, role: MemberRole): Promise<boolean>;
  /** False when the user was not a member. */
  removeMember(tx: TxContext, organizationId: string, userId: string): Promise<boolean>;
  /** Oldest membership first. */
  listMembers(organizationId: string): Promise<readonly OrganizationMember[]>;
  /** Every organisation the user belongs to, with the role; read on every authenticated request (indexed by user). */
  membershipsOf(tx: TxContext | null, userId: string): Promise<readonly Membership[]>;
}

import type { Instant, MemberRole } from '@aquastream/domain';
import type { Organization, OrganizationMember } from '../ports/organization-repository.port.js';

/** DESIGN §4 "An organisation"; instants are epoch ms here and rendered as ISO 8601 by the apps. */
export type OrganizationView = {
  readonly id: string;
  readonly name: string;
  readonly slug: string;
  readonly reviewRequired: boolean;
  readonly moderateReviews: boolean;
  readonly createdAt: Instant;
};

export type OrganizationMemberView = {
  readonly organizationId: string;
  readonly userId: string;
  readonly role: MemberRole;
  readonly createdAt: Instant;
};

export const toOrganizationView = (o: Organization): OrganizationView => ({
  id: o.id,
  name: o.name,
  slug: o.slug,
  reviewRequired: o.reviewRequired,
  moderateReviews: o.moderateReviews,
  createdAt: o.createdAt,
});

export const toMemberView = (m: OrganizationMember): OrganizationMemberView => ({
  organizationId: m.organizationId,
  userId: m.userId,
  role: m.role,
  createdAt: m.createdAt,
});

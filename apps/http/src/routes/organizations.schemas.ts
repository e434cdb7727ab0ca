import { z } from '@hono/zod-openapi';
import type { OrganizationMemberView, OrganizationView } from '@aquastream/application';
import { Instant, PageQuery, pageSchema, UuidParam } from '../openapi/common.schemas.js';
import { iso } from '../openapi/iso.js';

const Slug = z
  .string()
  .max(100)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case letters, digits and single hyphens')
  .openapi({ example: 'blue-lagoon-kayaks' });
const OrgName = z.string().trim().min(1).max(200).openapi({ example: 'Blue Lagoon Kayaks' });
const MemberRoleSchema = z
  .enum(['OWNER', 'MANAGER', 'STAFF'])
  .openapi('MemberRole', { description: 'OWNER and MANAGER manage events and promo codes; STAFF list bookings and check tickets in' });
/** A user id is the token's `sub`: not always a UUID (development tokens, other identity providers). */
const UserId = z.string().trim().min(1).max(255).openapi({ example: '01936f7a-8c2e-7d3b-9a41-5f0e2c1d4b6a' });

export const OrganizationSchema = z
  .object({
    id: z.string().uuid(),
    name: z.string().openapi({ example: 'Blue Lagoon Kayaks' }),
    slug: z.string().openapi({ example: 'blue-lagoon-kayaks' }),
    reviewRequired: z.boolean().openapi({ description: 'events go through an admin review (submit → approve) instead of publish' }),
    moderateReviews: z.boolean().openapi({ description: 'new reviews of its events are PENDING until an admin accepts them' }),
    createdAt: Instant,
  })
  .openapi('Organization');

export const OrganizationPageSchema = pageSchema(OrganizationSchema, 'OrganizationPage');

export const MemberSchema = z
  .object({
    organizationId: z.string().uuid(),
    userId: z.string(),
    role: MemberRoleSchema,
    createdAt: Instant,
  })
  .openapi('OrganizationMember');

export const MemberPageSchema = pageSchema(MemberSchema, 'OrganizationMemberPage');

export const CreateOrganizationBody = z
  .object({
    name: OrgName,
    slug: Slug.optional().openapi({ description: 'omitted: derived from the name, numbered when taken; given and taken: 409' }),
    reviewRequired: z.boolean().optional().openapi({ description: 'admins only (default false)' }),
    moderateReviews: z.boolean().optional().openapi({ description: 'admins only (default false)' }),
    ownerUserId: UserId.optional().openapi({ description: 'admins only: found it for someone else, who becomes its OWNER' }),
  })
  .openapi('CreateOrganizationRequest');

export const UpdateOrganizationBody = z
  .object({
    name: OrgName.optional().openapi({ description: 'owners and admins' }),
    slug: Slug.optional().openapi({ description: 'owners and admins; renaming keeps the slug unless a new one is given' }),
    reviewRequired: z.boolean().optional().openapi({ description: 'admins only' }),
    moderateReviews: z.boolean().optional().openapi({ description: 'admins only' }),
  })
  .openapi('UpdateOrganizationRequest');

export const AddMemberBody = z.object({ userId: UserId, role: MemberRoleSchema }).openapi('AddMemberRequest');
export const ChangeMemberBody = z.object({ role: MemberRoleSchema }).openapi('ChangeMemberRoleRequest');

export const OrganizationListQuery = PageQuery.extend({
  scope: z.enum(['mine', 'all']).optional().openapi({
    param: { name: 'scope', in: 'query' },
    description: 'admins see every organisation by default; `mine` limits them to their own. Others always see their own.',
  }),
});

export const MemberParams = z.object({
  id: UuidParam.openapi({ param: { name: 'id', in: 'path' } }),
  userId: UserId.openapi({ param: { name: 'userId', in: 'path' } }),
});

export const organizationView = (o: OrganizationView) => ({
  id: o.id,
  name: o.name,
  slug: o.slug,
  reviewRequired: o.reviewRequired,
  moderateReviews: o.moderateReviews,
  createdAt: iso(o.createdAt),
});

export const memberView = (m: OrganizationMemberView) => ({
  organizationId: m.organizationId,
  userId: m.userId,
  role: m.role,
  createdAt: iso(m.createdAt),
});

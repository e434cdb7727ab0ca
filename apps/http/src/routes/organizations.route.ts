import { createRoute, OpenAPIHono, type z } from '@hono/zod-openapi';
import { pageOf, type OrganizationMemberView } from '@aquastream/application';
import { ok } from '@aquastream/domain';
import { API_PREFIX } from '../api-prefix.js';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { IdParams, PageQuery, problemResponses } from '../openapi/common.schemas.js';
import { validationHook } from '../openapi/validation-hook.js';
import { respond } from '../respond.js';
import {
  AddMemberBody,
  ChangeMemberBody,
  CreateOrganizationBody,
  MemberPageSchema,
  MemberParams,
  MemberSchema,
  memberView,
  OrganizationListQuery,
  OrganizationPageSchema,
  OrganizationSchema,
  organizationView,
  UpdateOrganizationBody,
} from './organizations.schemas.js';

const tags = ['Organizations'];
const security = [{ bearer: [] }];
const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const body = <T extends z.ZodTypeAny>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });

const create = createRoute({
  method: 'post',
  path: '/organizations',
  tags,
  summary: 'Found an organisation',
  description:
    'Organisers and admins. The caller becomes its OWNER (an admin may name another owner with `ownerUserId`). Events, promo ' +
    'codes and staff belong to an organisation; an organiser who belongs to exactly one may leave `organizationId` out elsewhere.',
  security,
  request: { body: body(CreateOrganizationBody) },
  responses: {
    201: json(OrganizationSchema, 'the organisation; `Location` names it'),
    ...problemResponses({
      400: ['VALIDATION_FAILED', 'MALFORMED_JSON'],
      401: ['NOT_AUTHENTICATED'],
      403: ['FORBIDDEN (not an organiser; policies or ownerUserId set by a non-admin)'],
      409: ['ORGANIZATION_SLUG_TAKEN'],
      422: ['INVALID_REQUEST'],
    }),
  },
});

const list = createRoute({
  method: 'get',
  path: '/organizations',
  tags,
  summary: 'My organisations (admins: all)',
  description: 'The organisations the caller is a member of, in any role; admins see every one unless `scope=mine`.',
  security,
  request: { query: OrganizationListQuery },
  responses: {
    200: json(OrganizationPageSchema, 'a page of organisations'),
    ...problemResponses({ 400: ['VALIDATION_FAILED'], 401: ['NOT_AUTHENTICATED'] }),
  },
});

const get = createRoute({
  method: 'get',
  path: '/organizations/{id}',
  tags,
  summary: 'An organisation',
  description: 'Its members and admins; for anyone else it does not exist (404).',
  security,
  request: { params: IdParams },
  responses: {
    200: json(OrganizationSchema, 'the organisation'),
    ...problemResponses({ 400: ['VALIDATION_FAILED'], 401: ['NOT_AUTHENTICATED'], 404: ['ORGANIZATION_NOT_FOUND'] }),
  },
});

const update = createRoute({
  method: 'patch',
  path: '/organizations/{id}',
  tags,
  summary: 'Rename an organisation or set its policies',
  description:
    'Any subset. `name` and `slug`: its owners and admins; `reviewRequired` and `moderateReviews`: admins only. Sending a ' +
    'value it already has is not a change and needs no right.',
  security,
  request: { params: IdParams, body: body(UpdateOrganizationBody) },
  responses: {
    200: json(OrganizationSchema, 'the organisation as it is now'),
    ...problemResponses({
      400: ['VALIDATION_FAILED', 'MALFORMED_JSON'],
      401: ['NOT_AUTHENTICATED'],
      403: ['FORBIDDEN'],
      404: ['ORGANIZATION_NOT_FOUND'],
      409: ['ORGANIZATION_SLUG_TAKEN'],
      422: ['INVALID_REQUEST'],
    }),
  },
});

const listMembers = createRoute({
  method: 'get',
  path: '/organizations/{id}/members',
  tags,
  summary: 'Members of an organisation',
  description: 'Oldest first; visible to its members and admins.',
  security,
  request: { params: IdParams, query: PageQuery },
  responses: {
    200: json(MemberPageSchema, 'a page of members'),
    ...problemResponses({ 400: ['VALIDATION_FAILED'], 401: ['NOT_AUTHENTICATED'], 404: ['ORGANIZATION_NOT_FOUND'] }),
  },
});

const addMember = createRoute({
  method: 'post',
  path: '/organizations/{id}/members',
  tags,
  summary: 'Add a member',
  description: 'Owners (and admins) add MANAGERs and STAFF; only admins add OWNERs. `userId` is the user’s token subject.',
  security,
  request: { params: IdParams, body: body(AddMemberBody) },
  responses: {
    201: json(MemberSchema, 'the membership; `Location` names it'),
    ...problemResponses({
      400: ['VALIDATION_FAILED', 'MALFORMED_JSON'],
      401: ['NOT_AUTHENTICATED'],
      403: ['FORBIDDEN'],
      404: ['ORGANIZATION_NOT_FOUND'],
      409: ['ALREADY_MEMBER'],
      422: ['INVALID_REQUEST'],
    }),
  },
});

const changeMember = createRoute({
  method: 'patch',
  path: '/organizations/{id}/members/{userId}',
  tags,
  summary: 'Change a member’s role',
  description: 'Owners change managers and staff; only admins make or unmake owners.',
  security,
  request: { params: MemberParams, body: body(ChangeMemberBody) },
  responses: {
    200: json(MemberSchema, 'the membership with its new role'),
    ...problemResponses({
      400: ['VALIDATION_FAILED', 'MALFORMED_JSON'],
      401: ['NOT_AUTHENTICATED'],
      403: ['FORBIDDEN'],
      404: ['ORGANIZATION_NOT_FOUND', 'MEMBER_NOT_FOUND'],
    }),
  },
});

const removeMember = createRoute({
  method: 'delete',
  path: '/organizations/{id}/members/{userId}',
  tags,
  summary: 'Remove a member',
  description: 'Owners remove managers and staff; only admins remove owners. The member loses access at once.',
  security,
  request: { params: MemberParams },
  responses: {
    204: { description: 'removed' },
    ...problemResponses({
      400: ['VALIDATION_FAILED'],
      401: ['NOT_AUTHENTICATED'],
      403: ['FORBIDDEN'],
      404: ['ORGANIZATION_NOT_FOUND', 'MEMBER_NOT_FOUND'],
    }),
  },
});

// `respond` answers a plain Response, which zod-openapi's typed-response check cannot see through (hence `as never`);
// the route schemas still document every shape.

/** DESIGN §3.8 and §4: organisations and their members. */
export function organizationsRoute(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const { organizations } = deps.useCases;

  app.openapi(create, async (c) => {
    const input = c.req.valid('json');
    const result = await organizations.create.execute(c.get('ctx'), {
      name: input.name,
      ...(input.slug !== undefined ? { slug: input.slug } : {}),
      ...(input.reviewRequired !== undefined ? { reviewRequired: input.reviewRequired } : {}),
      ...(input.moderateReviews !== undefined ? { moderateReviews: input.moderateReviews } : {}),
      ...(input.ownerUserId !== undefined ? { ownerUserId: input.ownerUserId } : {}),
    });
    if (result.ok) c.header('Location', `${API_PREFIX}/organizations/${result.value.id}`);
    return respond(c, result, 201, organizationView) as never;
  });

  app.openapi(list, async (c) => {
    const { page, size, scope } = c.req.valid('query');
    const result = await organizations.list.execute(c.get('ctx'), { page, size, ...(scope !== undefined ? { scope } : {}) });
    return respond(c, result, 200, (p) => ({ ...p, data: p.data.map(organizationView) })) as never;
  });

  app.openapi(get, async (c) => {
    const { id } = c.req.valid('param');
    return respond(c, await organizations.get.execute(c.get('ctx'), { organizationId: id }), 200, organizationView) as never;
  });

  app.openapi(update, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const result = await organizations.update.execute(c.get('ctx'), {
      organizationId: id,
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.slug !== undefined ? { slug: input.slug } : {}),
      ...(input.reviewRequired !== undefined ? { reviewRequired: input.reviewRequired } : {}),
      ...(input.moderateReviews !== undefined ? { moderateReviews: input.moderateReviews } : {}),
    });
    return respond(c, result, 200, organizationView) as never;
  });

  app.openapi(listMembers, async (c) => {
    const { id } = c.req.valid('param');
    const { page, size } = c.req.valid('query');
    const result = await organizations.listMembers.execute(c.get('ctx'), { organizationId: id });
    if (!result.ok) return respond(c, result) as never;
    // An organisation has a handful of members: the use case gives them all and the page is cut here.
    const all: readonly OrganizationMemberView[] = result.value;
    const start = (page - 1) * size;
    return respond(c, ok(pageOf(all.slice(start, start + size).map(memberView), all.length, { page, size }))) as never;
  });

  app.openapi(addMember, async (c) => {
    const { id } = c.req.valid('param');
    const { userId, role } = c.req.valid('json');
    const result = await organizations.addMember.execute(c.get('ctx'), { organizationId: id, userId, role });
    if (result.ok) c.header('Location', `${API_PREFIX}/organizations/${id}/members/${encodeURIComponent(result.value.userId)}`);
    return respond(c, result, 201, memberView) as never;
  });

  app.openapi(changeMember, async (c) => {
    const { id, userId } = c.req.valid('param');
    const { role } = c.req.valid('json');
    const result = await organizations.changeMemberRole.execute(c.get('ctx'), { organizationId: id, userId, role });
    return respond(c, result, 200, memberView) as never;
  });

  app.openapi(removeMember, async (c) => {
    const { id, userId } = c.req.valid('param');
    const result = await organizations.removeMember.execute(c.get('ctx'), { organizationId: id, userId });
    if (!result.ok) return respond(c, result);
    return c.body(null, 204);
  });

  return app;
}

import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { appError } from '@aquastream/application';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { problemResponses } from '../openapi/common.schemas.js';
import { validationHook } from '../openapi/validation-hook.js';
import { errorResponse } from '../respond.js';

const MeSchema = z
  .object({
    id: z.string().openapi({ description: 'the token’s subject', example: '01936f7a-8c2e-7d3b-9a41-5f0e2c1d4b6a' }),
    roles: z.array(z.enum(['USER', 'ORGANIZER', 'ADMIN'])).openapi({ description: 'from the token, upper-case', example: ['ORGANIZER'] }),
    memberships: z
      .array(z.object({ organizationId: z.string().uuid(), role: z.enum(['OWNER', 'MANAGER', 'STAFF']) }))
      .openapi({ description: 'the organisations the caller belongs to, read from the database on every request' }),
  })
  .openapi('Me');

const me = createRoute({
  method: 'get',
  path: '/me',
  tags: ['Me'],
  summary: 'Who the service thinks I am',
  description:
    'Any signed-in user: the id and roles of the token and the organisation memberships of the database — what every ' +
    'authorisation decision of this API is made on. A frontend can use it to show or hide organiser and admin screens.',
  security: [{ bearer: [] }],
  responses: {
    200: { content: { 'application/json': { schema: MeSchema } }, description: 'the caller' },
    ...problemResponses({ 401: ['NOT_AUTHENTICATED'], 503: ['AUTH_UNAVAILABLE'] }),
  },
});

/** DESIGN §4 `GET /me`: the actor the authentication middleware resolved, so there is no use case to call. */
export function meRoute(deps: AppDeps): OpenAPIHono<AppEnv> {
  void deps;
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.openapi(me, (c) => {
    const { actor } = c.get('ctx');
    if (actor.kind !== 'user') return errorResponse(c, appError('NOT_AUTHENTICATED', 'sign in to see yourself')) as never;
    return c.json({
      id: actor.id,
      roles: [...actor.roles],
      memberships: actor.memberships.map((m) => ({ organizationId: m.organizationId, role: m.role })),
    }) as never;
  });
  return app;
}

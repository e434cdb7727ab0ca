import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { CategoryNode, CategoryView } from '@aquastream/application';
import { API_PREFIX } from '../api-prefix.js';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { IdParams, Instant, problemResponses, UuidParam } from '../openapi/common.schemas.js';
import { iso } from '../openapi/iso.js';
import { validationHook } from '../openapi/validation-hook.js';
import { respond } from '../respond.js';

const tags = ['Categories'];
const security = [{ bearer: [] }];
const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const body = <T extends z.ZodTypeAny>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });

const categoryFields = {
  id: z.string().uuid(),
  name: z.string().openapi({ example: 'Kayaking' }),
  slug: z.string().openapi({ example: 'kayaking', description: 'from the name when created; never changes' }),
  parentId: z.string().uuid().nullable().openapi({ description: 'null for a root' }),
  position: z.number().int().openapi({ description: 'order among its siblings (then by name)', example: 0 }),
  createdAt: Instant,
  updatedAt: Instant,
};

export const CategorySchema = z.object(categoryFields).openapi('Category');

type Node = z.infer<typeof CategorySchema> & { children: Node[] };
export const CategoryNodeSchema: z.ZodType<Node> = z
  .object({ ...categoryFields, children: z.array(z.lazy(() => CategoryNodeSchema)).openapi({ description: 'sub-categories in display order' }) })
  .openapi('CategoryNode');

const CategoryTreeSchema = z.object({ data: z.array(CategoryNodeSchema).openapi({ description: 'the roots' }) }).openapi('CategoryTree');

const Name = z.string().trim().min(1).max(120).openapi({ example: 'Kayaking' });
const Position = z.number().int().min(-1_000_000).max(1_000_000).openapi({ example: 0 });

const CreateCategoryBody = z
  .object({
    name: Name,
    parentId: UuidParam.nullable().optional().openapi({ description: 'the parent; omitted or null: a root' }),
    position: Position.optional().openapi({ description: 'default 0' }),
  })
  .openapi('CreateCategoryRequest');

const UpdateCategoryBody = z
  .object({
    name: Name.optional(),
    parentId: UuidParam.nullable().optional().openapi({ description: 'move under another category; null makes it a root' }),
    position: Position.optional(),
  })
  .openapi('UpdateCategoryRequest');

/** A category by id or by slug, so that catalogue links can be readable (`/categories/kayaking`). */
const IdOrSlugParams = z.object({
  id: z
    .union([z.string().uuid(), z.string().max(100).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)])
    .openapi({ param: { name: 'id', in: 'path' }, description: 'the category’s id or its slug', example: 'kayaking' }),
});

const categoryView = (c: CategoryView) => ({
  id: c.id,
  name: c.name,
  slug: c.slug,
  parentId: c.parentId,
  position: c.position,
  createdAt: iso(c.createdAt),
  updatedAt: iso(c.updatedAt),
});
const nodeView = (n: CategoryNode): unknown => ({ ...categoryView(n), children: n.children.map(nodeView) });

const list = createRoute({
  method: 'get',
  path: '/categories',
  tags,
  summary: 'The category tree',
  description: 'Public. Every category, as a forest: roots in display order, each with its `children`.',
  responses: {
    200: json(CategoryTreeSchema, 'the roots, each with its sub-categories'),
    ...problemResponses({ 401: ['NOT_AUTHENTICATED (an invalid token; no token is fine)'] }),
  },
});

const get = createRoute({
  method: 'get',
  path: '/categories/{id}',
  tags,
  summary: 'A category and its sub-tree',
  description: 'Public. By id or slug.',
  request: { params: IdOrSlugParams },
  responses: {
    200: json(CategoryNodeSchema, 'the category with its children'),
    ...problemResponses({
      400: ['VALIDATION_FAILED'],
      401: ['NOT_AUTHENTICATED (an invalid token; no token is fine)'],
      404: ['CATEGORY_NOT_FOUND'],
    }),
  },
});

const create = createRoute({
  method: 'post',
  path: '/categories',
  tags,
  summary: 'Create a category (admins)',
  description: 'The slug comes from the name (numbered when taken).',
  security,
  request: { body: body(CreateCategoryBody) },
  responses: {
    201: json(CategorySchema, 'the category; `Location` names it'),
    ...problemResponses({
      400: ['VALIDATION_FAILED', 'MALFORMED_JSON'],
      401: ['NOT_AUTHENTICATED'],
      403: ['FORBIDDEN'],
      404: ['CATEGORY_NOT_FOUND (the parent)'],
      422: ['INVALID_REQUEST'],
    }),
  },
});

const update = createRoute({
  method: 'patch',
  path: '/categories/{id}',
  tags,
  summary: 'Rename, move or reorder a category (admins)',
  description: 'Any subset. Moving a category under itself or one of its descendants is 422 CATEGORY_CYCLE.',
  security,
  request: { params: IdParams, body: body(UpdateCategoryBody) },
  responses: {
    200: json(CategorySchema, 'the category as it is now'),
    ...problemResponses({
      400: ['VALIDATION_FAILED', 'MALFORMED_JSON'],
      401: ['NOT_AUTHENTICATED'],
      403: ['FORBIDDEN'],
      404: ['CATEGORY_NOT_FOUND'],
      422: ['CATEGORY_CYCLE', 'INVALID_REQUEST'],
    }),
  },
});

/** DESIGN §4: the category tree (`parentId`), public to read, admins to change. */
export function categoriesRoute(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const { categories } = deps.useCases;

  app.openapi(list, async (c) => respond(c, await categories.list.execute(), 200, (roots) => ({ data: roots.map(nodeView) })) as never);

  app.openapi(get, async (c) => {
    const { id } = c.req.valid('param');
    return respond(c, await categories.get.execute({ idOrSlug: id }), 200, nodeView) as never;
  });

  app.openapi(create, async (c) => {
    const input = c.req.valid('json');
    const result = await categories.create.execute(c.get('ctx'), {
      name: input.name,
      ...(input.parentId !== undefined ? { parentId: input.parentId } : {}),
      ...(input.position !== undefined ? { position: input.position } : {}),
    });
    if (result.ok) c.header('Location', `${API_PREFIX}/categories/${result.value.id}`);
    return respond(c, result, 201, categoryView) as never;
  });

  app.openapi(update, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const result = await categories.update.execute(c.get('ctx'), {
      categoryId: id,
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.parentId !== undefined ? { parentId: input.parentId } : {}),
      ...(input.position !== undefined ? { position: input.position } : {}),
    });
    return respond(c, result, 200, categoryView) as never;
  });

  return app;
}

import { createRoute, OpenAPIHono, type z } from '@hono/zod-openapi';
import { API_PREFIX } from '../api-prefix.js';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { IdParams, problemResponses } from '../openapi/common.schemas.js';
import { validationHook } from '../openapi/validation-hook.js';
import { respond } from '../respond.js';
import {
  CodeParams,
  CreatePromoCodeBody,
  PromoCodeListQuery,
  PromoCodePageSchema,
  PromoCodeSchema,
  promoCodeView,
  PromoValidationSchema,
  promoValidationView,
  UpdatePromoCodeBody,
  ValidatePromoBody,
} from './promo-codes.schemas.js';

const tags = ['Promo codes'];
const security = [{ bearer: [] }];
const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const body = <T extends z.ZodTypeAny>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });

const create = createRoute({
  method: 'post',
  path: '/promo-codes',
  tags,
  summary: 'Create a promo code',
  description:
    'Owners and managers of the organisation, and admins. A percent (1–100) or a fixed amount (minor units, in `currency`), ' +
    'valid from `startsAt` until `endsAt`, optionally limited to `maxUses` and to one event.',
  security,
  request: { body: body(CreatePromoCodeBody) },
  responses: {
    201: json(PromoCodeSchema, 'the code; `Location` names it'),
    ...problemResponses({
      400: ['VALIDATION_FAILED', 'MALFORMED_JSON'],
      401: ['NOT_AUTHENTICATED'],
      403: ['FORBIDDEN (staff, or not an organiser of the organisation)'],
      404: ['EVENT_NOT_FOUND', 'ORGANIZATION_NOT_FOUND'],
      409: ['PROMO_CODE_TAKEN'],
      422: ['INVALID_PROMO_DEFINITION (both or no discount, endsAt before startsAt, …)', 'ORGANIZATION_REQUIRED', 'INVALID_REQUEST'],
    }),
  },
});

const list = createRoute({
  method: 'get',
  path: '/promo-codes',
  tags,
  summary: 'Promo codes of my organisations',
  description:
    'The codes of the organisations the caller owns or manages (every code for admins), optionally by organisation and ' +
    'event. Filtering by an organisation the caller does not organise gives an empty page.',
  security,
  request: { query: PromoCodeListQuery },
  responses: {
    200: json(PromoCodePageSchema, 'a page of codes'),
    ...problemResponses({ 400: ['VALIDATION_FAILED'], 401: ['NOT_AUTHENTICATED'] }),
  },
});

const get = createRoute({
  method: 'get',
  path: '/promo-codes/{id}',
  tags,
  summary: 'A promo code',
  security,
  request: { params: IdParams },
  responses: {
    200: json(PromoCodeSchema, 'the code'),
    ...problemResponses({
      400: ['VALIDATION_FAILED'],
      401: ['NOT_AUTHENTICATED'],
      403: ['FORBIDDEN (staff of the organisation)'],
      404: ['PROMO_CODE_NOT_FOUND'],
    }),
  },
});

const update = createRoute({
  method: 'patch',
  path: '/promo-codes/{id}',
  tags,
  summary: 'Change a promo code',
  description: 'Any subset; `null` clears an optional field. The organisation and `usesCount` never change.',
  security,
  request: { params: IdParams, body: body(UpdatePromoCodeBody) },
  responses: {
    200: json(PromoCodeSchema, 'the code as it is now'),
    ...problemResponses({
      400: ['VALIDATION_FAILED', 'MALFORMED_JSON'],
      401: ['NOT_AUTHENTICATED'],
      403: ['FORBIDDEN'],
      404: ['PROMO_CODE_NOT_FOUND', 'EVENT_NOT_FOUND'],
      409: ['PROMO_CODE_TAKEN'],
      422: ['INVALID_PROMO_DEFINITION', 'INVALID_REQUEST'],
    }),
  },
});

const validate = createRoute({
  method: 'post',
  path: '/promo-codes/{code}/validate',
  tags,
  summary: 'Check a promo code against a booking',
  description:
    'Any signed-in user. Whether the code would apply to a booking of `quantity` seats of this event now, and the price ' +
    'breakdown the booking would have. Reserves nothing: a valid answer does not promise the last use is still there later. ' +
    'An unknown code is `valid: false, reason: UNKNOWN` (200), not 404.',
  security,
  request: { params: CodeParams, body: body(ValidatePromoBody) },
  responses: {
    200: json(PromoValidationSchema, 'the verdict and the breakdown'),
    ...problemResponses({
      400: ['VALIDATION_FAILED', 'MALFORMED_JSON'],
      401: ['NOT_AUTHENTICATED'],
      404: ['EVENT_NOT_FOUND'],
      422: ['QUANTITY_LIMIT', 'INVALID_PRICE_OPTION'],
    }),
  },
});

/** DESIGN §3.6 and §4: promo codes for organisers, and the check a checkout page makes. */
export function promoCodesRoute(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const { promoCodes } = deps.useCases;

  app.openapi(create, async (c) => {
    const input = c.req.valid('json');
    const result = await promoCodes.create.execute(c.get('ctx'), input);
    if (result.ok) c.header('Location', `${API_PREFIX}/promo-codes/${result.value.id}`);
    return respond(c, result, 201, promoCodeView) as never;
  });

  app.openapi(list, async (c) => {
    const { page, size, organizationId, eventId } = c.req.valid('query');
    const result = await promoCodes.list.execute(c.get('ctx'), {
      page,
      size,
      ...(organizationId !== undefined ? { organizationId } : {}),
      ...(eventId !== undefined ? { eventId } : {}),
    });
    return respond(c, result, 200, (p) => ({ ...p, data: p.data.map(promoCodeView) })) as never;
  });

  app.openapi(get, async (c) => {
    const { id } = c.req.valid('param');
    return respond(c, await promoCodes.get.execute(c.get('ctx'), { promoCodeId: id }), 200, promoCodeView) as never;
  });

  app.openapi(update, async (c) => {
    const { id } = c.req.valid('param');
    const result = await promoCodes.update.execute(c.get('ctx'), { promoCodeId: id, ...c.req.valid('json') });
    return respond(c, result, 200, promoCodeView) as never;
  });

  app.openapi(validate, async (c) => {
    const { code } = c.req.valid('param');
    const { eventId, quantity, priceOptionId } = c.req.valid('json');
    const result = await promoCodes.validate.execute(c.get('ctx'), { code, eventId, quantity, priceOptionId: priceOptionId ?? null });
    return respond(c, result, 200, promoValidationView) as never;
  });

  return app;
}

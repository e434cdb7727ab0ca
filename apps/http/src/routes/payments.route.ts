import { PaymentGatewayError } from '@aquastream/adapters';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { idempotency } from '../idempotency.middleware.js';
import { IdParams, problemResponses, UuidParam } from '../openapi/common.schemas.js';
import { validationHook } from '../openapi/validation-hook.js';
import { problem, sendProblem } from '../problem.js';
import { respond } from '../respond.js';
import { PaymentRefundResultSchema, PaymentSchema, paymentView, refundView } from './payments.views.js';
import { receiveWebhook } from './payments.webhook.js';
import { IdempotencyHeader } from './bookings.schemas.js';

const tags = ['Payments'];
const security = [{ bearer: [] }];

const InitiatePaymentBody = z
  .object({
    bookingId: UuidParam,
    method: z.string().min(1).max(32).optional().openapi({ description: 'how the buyer pays; the sandbox gateway offers one method and ignores it', example: 'card' }),
    returnUrl: z
      .string()
      .max(2048)
      .regex(/^https?:\/\/[^\s]+$/i, 'an http(s) URL')
      .nullable()
      .optional()
      .openapi({ description: 'where the checkout page links back to once the buyer paid or declined', example: 'https://shop.example/bookings/done' }),
  })
  .openapi('InitiatePayment');

const RefundPaymentBody = z
  .object({
    amount: z.number().int().min(1).nullable().optional().openapi({ description: 'minor units; left out = everything still refundable', example: 1000 }),
    reason: z.string().trim().min(1).max(500).openapi({ example: 'goodwill: the boat was late' }),
  })
  .openapi('RefundPayment');

export const SandboxWebhookSchema = z
  .object({
    id: z.string().openapi({ description: "the provider's event id; a repeated delivery carries the same id and is a no-op", example: 'evt_5d1c2b7e' }),
    type: z.enum(['payment.succeeded', 'payment.failed', 'refund.succeeded']),
    data: z.object({
      reference: z.string().openapi({ description: 'the payment’s gatewayReference (the refund’s for refund.succeeded)', example: 'sbx_01936f7a-8c2e-7d3b-9a41-5f0e2c1d4b6a' }),
      amount: z.number().int().openapi({ description: 'minor units; must equal the payment’s amount', example: 3998 }),
      currency: z.string().openapi({ example: 'RUB' }),
    }),
  })
  .openapi('SandboxWebhook');

const WebhookReceivedSchema = z
  .object({
    received: z.literal(true),
    duplicate: z.boolean().openapi({ description: 'true when this event id was already processed (nothing changed)' }),
    outcome: z.string().openapi({ description: 'confirmed | reinstated | refunded | unchanged | failed | duplicate | refund_completed | ignored', example: 'confirmed' }),
    paymentId: z.string().uuid().nullable(),
  })
  .openapi('WebhookReceived');

const initiate = (deps: AppDeps) =>
  createRoute({
    method: 'post',
    path: '/payments',
    tags,
    security,
    summary: 'Pay for a booking',
    description:
      'The booking’s owner opens a payment at the gateway and sends the buyer to `paymentUrl` (with the sandbox gateway, a checkout ' +
      'page of this app with Pay and Decline buttons). One open payment per booking: asking again while one is `INITIATED` returns ' +
      'it with 200. The booking becomes `CONFIRMED` when the gateway’s webhook reports the payment. Accepts `Idempotency-Key`.',
    middleware: [idempotency(deps.storage.idempotency, 'POST /payments', () => deps.clock.now())] as const,
    request: {
      headers: IdempotencyHeader,
      body: { content: { 'application/json': { schema: InitiatePaymentBody } }, required: true },
    },
    responses: {
      201: { content: { 'application/json': { schema: PaymentSchema } }, description: 'a new payment, `INITIATED`' },
      200: { content: { 'application/json': { schema: PaymentSchema } }, description: 'the payment already open for this booking' },
      ...problemResponses({
        400: ['VALIDATION_FAILED', 'MALFORMED_JSON'],
        401: ['NOT_AUTHENTICATED'],
        403: ['FORBIDDEN (not the booking’s owner)'],
        404: ['BOOKING_NOT_FOUND'],
        409: ['NOTHING_TO_PAY (confirmed or free)', 'INVALID_BOOKING_TRANSITION (canceled or expired)', 'IDEMPOTENCY_KEY_IN_PROGRESS'],
        422: ['IDEMPOTENCY_KEY_REUSED'],
        503: ['PAYMENT_GATEWAY_UNAVAILABLE'],
      }),
    },
  });

const getPayment = createRoute({
  method: 'get',
  path: '/payments/{id}',
  tags,
  security,
  summary: 'A payment',
  description: 'The booking’s owner and admins.',
  request: { params: IdParams },
  responses: {
    200: { content: { 'application/json': { schema: PaymentSchema } }, description: 'the payment' },
    ...problemResponses({ 400: ['VALIDATION_FAILED'], 401: ['NOT_AUTHENTICATED'], 404: ['PAYMENT_NOT_FOUND'] }),
  },
});

const refund = (deps: AppDeps) =>
  createRoute({
    method: 'post',
    path: '/payments/{id}/refund',
    tags,
    security,
    summary: 'Refund a payment (in part or in full)',
    description:
      'Organisers of the event’s organisation and admins, for goodwill or partial refunds without canceling the booking. Never more ' +
      'than was paid: several partial refunds add up. Accepts `Idempotency-Key`.',
    middleware: [idempotency(deps.storage.idempotency, 'POST /payments/{id}/refund', () => deps.clock.now())] as const,
    request: {
      params: IdParams,
      headers: IdempotencyHeader,
      body: { content: { 'application/json': { schema: RefundPaymentBody } }, required: true },
    },
    responses: {
      200: { content: { 'application/json': { schema: PaymentRefundResultSchema } }, description: 'the payment after the refund, and the refund' },
      ...problemResponses({
        400: ['VALIDATION_FAILED', 'MALFORMED_JSON'],
        401: ['NOT_AUTHENTICATED'],
        403: ['FORBIDDEN (the buyer, staff)'],
        404: ['PAYMENT_NOT_FOUND'],
        409: ['PAYMENT_NOT_REFUNDABLE (not paid, or already refunded in full; currentStatus)', 'IDEMPOTENCY_KEY_IN_PROGRESS'],
        422: ['REFUND_EXCEEDS_PAYMENT (with refundable)', 'INVALID_REFUND_AMOUNT', 'IDEMPOTENCY_KEY_REUSED'],
      }),
    },
  });

const webhook = createRoute({
  method: 'post',
  path: '/payments/webhooks/{gateway}',
  tags,
  summary: 'Payment gateway notifications',
  description:
    'Called by the payment provider, not by users (no token); only the gateway selected by `PAYMENT_GATEWAY` answers (another is 404). ' +
    '`sandbox`: the raw body is verified with `X-Sandbox-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(PAYMENT_SANDBOX_SECRET, ' +
    '"<t>.<raw body>")>`. `stripe`: Stripe\'s `Stripe-Signature` is verified with `STRIPE_WEBHOOK_SECRET` (the Stripe SDK\'s ' +
    '`constructEvent`); `checkout.session.completed` (paid) and `checkout.session.async_payment_succeeded` are a success, ' +
    '`checkout.session.expired` and `checkout.session.async_payment_failed` a failure, `refund.created|updated` and `charge.refunded` ' +
    'a refund that succeeded; other Stripe events are acknowledged with `outcome: ignored`. A wrong signature or one more than ' +
    '5 minutes away is 400. A success confirms the booking (or refunds in full when it can no longer be confirmed), a failure leaves ' +
    'it waiting for another attempt, a refund event completes a refund. An amount or currency that does not match the payment is ' +
    '400 and changes nothing; a repeated event id is a 200 no-op.',
  request: {
    params: z.object({
      gateway: z.string().min(1).max(32).openapi({ param: { name: 'gateway', in: 'path' }, description: 'sandbox | stripe', example: 'sandbox' }),
    }),
    headers: z.object({
      'x-sandbox-signature': z.string().optional().openapi({ description: 't=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>', example: 't=1764572400,v1=5f2b…' }),
      'stripe-signature': z.string().optional().openapi({ description: "Stripe's signature header (gateway `stripe`)", example: 't=1764572400,v1=5f2b…' }),
    }),
    // Documented, not validated: the signature covers the raw bytes, which a JSON validator would re-read.
    body: { content: { 'application/json': { schema: { $ref: '#/components/schemas/SandboxWebhook' } } }, required: true },
  },
  responses: {
    200: { content: { 'application/json': { schema: WebhookReceivedSchema } }, description: 'processed, or a duplicate that changed nothing' },
    ...problemResponses({
      400: ['INVALID_SIGNATURE', 'STALE_SIGNATURE', 'MALFORMED_WEBHOOK', 'PAYMENT_MISMATCH (amount or currency; nothing changed)'],
      404: ['UNKNOWN_GATEWAY', 'PAYMENT_NOT_FOUND (the provider retries)'],
      415: ['UNSUPPORTED_MEDIA_TYPE'],
    }),
  },
});

// `respond` answers a plain Response, which zod-openapi's typed-response check cannot see through (hence `as never`);
// the route schemas still document every shape.
export function paymentsRoute(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const uc = deps.useCases.payments;
  app.openAPIRegistry.register('SandboxWebhook', SandboxWebhookSchema);

  app.openapi(initiate(deps), async (c) => {
    const body = c.req.valid('json');
    // Only to tell "opened now" (201) from "already open" (200); the use case decides everything else.
    const openBefore = await deps.storage.payments.findOpenForBooking(null, body.bookingId);
    const result = await uc.initiate.execute(c.get('ctx'), { bookingId: body.bookingId, returnUrl: body.returnUrl ?? null }).catch((error: unknown) => {
      if (error instanceof PaymentGatewayError) return error;
      throw error;
    });
    if (result instanceof PaymentGatewayError) {
      // Not the client's fault, and nothing was saved: a 503 they may retry (5xx answers are not kept for Idempotency-Key).
      (c.get('logger') ?? deps.logger).error({ err: result, gateway: result.gateway }, 'payment gateway failed to open a payment');
      return sendProblem(
        c,
        problem(503, 'PAYMENT_GATEWAY_UNAVAILABLE', 'Payment gateway unavailable', `the ${result.gateway} gateway could not open the payment; try again later`),
      ) as never;
    }
    const created = result.ok && result.value.id !== openBefore?.id;
    if (created) c.header('Location', `${c.req.path}/${result.value.id}`);
    return respond(c, result, created ? 201 : 200, paymentView) as never;
  });

  app.openapi(getPayment, async (c) => respond(c, await uc.get.execute(c.get('ctx'), { paymentId: c.req.valid('param').id }), 200, paymentView) as never);

  app.openapi(refund(deps), async (c) => {
    const body = c.req.valid('json');
    const result = await uc.refund.execute(c.get('ctx'), { paymentId: c.req.valid('param').id, amount: body.amount ?? null, reason: body.reason });
    return respond(c, result, 200, (v) => ({ payment: paymentView(v.payment), refund: refundView(v.refund) })) as never;
  });

  app.openapi(webhook, async (c) => {
    const received = await receiveWebhook(deps, {
      gateway: c.req.valid('param').gateway,
      rawBody: await c.req.text(),
      headers: c.req.header(),
      correlationId: c.get('correlationId'),
    });
    if (!received.ok) return sendProblem(c, received.error) as never;
    const { outcome, paymentId } = received.value;
    return c.json({ received: true as const, duplicate: outcome === 'duplicate', outcome, paymentId }, 200);
  });

  return app;
}

// The checkout page behind a sandbox payment's `paymentUrl` (DESIGN §4 "Payment webhooks"): a person sees the amount and
// presses Pay or Decline; the server then plays the provider — it records the choice in the sandbox, signs the webhook
// with the sandbox secret (which never reaches the page) and delivers it through the same verification and handler as
// a webhook the provider posts. Mounted outside /api/v1: it is a page for buyers, not part of the JSON API.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { UseCaseContext } from '@aquastream/application';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { validationHook } from '../openapi/validation-hook.js';
import { receiveWebhook } from './payments.webhook.js';
import { CHECKOUT_CSP, checkoutPage, messagePage, type CheckoutView } from './sandbox-checkout.html.js';

const tags = ['Sandbox checkout'];
const ReferenceParams = z.object({
  reference: z
    .string()
    .regex(/^sbx_[A-Za-z0-9-]{1,100}$/, 'a sandbox payment reference')
    .openapi({ param: { name: 'reference', in: 'path' }, example: 'sbx_01936f7a-8c2e-7d3b-9a41-5f0e2c1d4b6a' }),
});
const html = (description: string) => ({ content: { 'text/html': { schema: z.string() } }, description });

const page = createRoute({
  method: 'get',
  path: '/checkout/{reference}',
  tags,
  summary: 'The sandbox checkout page (HTML)',
  description: 'Where `paymentUrl` points with the sandbox gateway: the amount, the booking, and Pay / Decline buttons; once settled, the outcome and the booking’s status.',
  request: { params: ReferenceParams },
  responses: { 200: html('the page'), 404: html('no such sandbox payment') },
});

const choose = (choice: 'pay' | 'decline') =>
  createRoute({
    method: 'post',
    path: `/checkout/{reference}/${choice}`,
    tags,
    summary: choice === 'pay' ? 'Press Pay on the sandbox checkout page' : 'Press Decline on the sandbox checkout page',
    description:
      'Posted by the page’s form. The server signs the `payment.succeeded` / `payment.failed` webhook and delivers it to itself, then ' +
      'redirects (303) to the page, which shows the outcome. The first choice sticks, as with a real provider.',
    request: { params: ReferenceParams },
    responses: { 303: { description: 'back to the page, which shows the outcome' }, 404: html('no such sandbox payment'), 400: html('the webhook was refused') },
  });

/** The provider acts: audit rows and messages name the gateway, and it may read the payment and booking it serves. */
const gatewayCtx = (c: Context<AppEnv>): UseCaseContext => ({ actor: { kind: 'system', id: 'gateway:sandbox' }, correlationId: c.get('correlationId') });

function send(c: Context<AppEnv>, body: string, status: ContentfulStatusCode = 200): Response {
  c.header('Content-Security-Policy', CHECKOUT_CSP);
  c.header('Cache-Control', 'no-store');
  return c.html(body, status);
}

const unknownPayment = (c: Context<AppEnv>) =>
  send(c, messagePage('Unknown payment', 'The sandbox knows no payment with this reference (it forgets open payments when the service restarts).'), 404);

export function sandboxCheckoutRoute(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const uc = deps.useCases;

  async function view(c: Context<AppEnv>, reference: string): Promise<CheckoutView | null> {
    const known = deps.sandbox?.payment(reference) ?? null;
    if (known === null) return null;
    const ctx = gatewayCtx(c);
    const stored = await uc.payments.get.execute(ctx, { paymentId: known.paymentId });
    const booking = stored.ok ? await uc.bookings.get.execute(ctx, { bookingId: stored.value.bookingId }) : null;
    const event = booking?.ok ? await uc.events.get.execute(ctx, { eventId: booking.value.eventId }) : null;
    // The stored payment is the truth: a webhook the provider posted directly settles it without the sandbox's page.
    const status = !stored.ok
      ? known.status
      : stored.value.status === 'INITIATED'
        ? 'PENDING'
        : stored.value.status === 'FAILED'
          ? 'FAILED'
          : 'SUCCEEDED';
    return {
      reference,
      status,
      amount: known.amount,
      currency: known.currency,
      bookingId: booking?.ok ? booking.value.id : null,
      bookingStatus: booking?.ok ? booking.value.status : null,
      quantity: booking?.ok ? booking.value.quantity : null,
      eventTitle: event?.ok ? event.value.title : null,
      returnUrl: known.returnUrl,
      action: c.req.path.replace(/\/(pay|decline)$/, ''),
    };
  }

  app.openapi(page, async (c) => {
    const found = await view(c, c.req.valid('param').reference);
    return found === null ? unknownPayment(c) : send(c, checkoutPage(found));
  });

  for (const choice of ['pay', 'decline'] as const) {
    app.openapi(choose(choice), async (c) => {
      const { reference } = c.req.valid('param');
      const signed = deps.sandbox?.checkout(reference, choice === 'pay' ? 'succeeded' : 'failed', deps.clock.now()) ?? null;
      if (signed === null) return unknownPayment(c);
      const received = await receiveWebhook(deps, { gateway: 'sandbox', rawBody: signed.rawBody, headers: signed.headers, correlationId: c.get('correlationId') });
      if (!received.ok) {
        c.get('logger').warn({ reference, code: received.error.code }, 'sandbox checkout: the webhook was refused');
        return send(c, messagePage('Payment not recorded', received.error.detail), received.error.status as ContentfulStatusCode);
      }
      return c.redirect(c.req.path.replace(/\/(pay|decline)$/, ''), 303);
    });
  }

  return app;
}

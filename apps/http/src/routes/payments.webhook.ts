// The one path a gateway's notification takes, whether the provider posted it (POST /payments/webhooks/{gateway}) or
// the sandbox checkout page played the provider: verify the signature over the raw body, then settle.
import type { GatewayEvent, HandledGatewayEvent, WebhookRejection } from '@aquastream/application';
import { err, ok, type Instant, type Result } from '@aquastream/domain';
import type { AppDeps } from '../deps.js';
import { domainErrorProblem } from '../errors/domain-error-status.js';
import { problem, type Problem } from '../problem.js';

export type IncomingWebhook = {
  readonly gateway: string;
  /** Exactly the bytes the provider signed: never a re-serialised body. */
  readonly rawBody: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly correlationId: string;
};

const rejections = (header: string, shape: string) =>
  ({
    INVALID_SIGNATURE: problem(400, 'INVALID_SIGNATURE', 'Invalid signature', `the ${header} header is missing or does not match the body`),
    STALE: problem(400, 'STALE_SIGNATURE', 'Stale signature', 'the signature timestamp is more than 5 minutes away from now'),
    MALFORMED: problem(400, 'MALFORMED_WEBHOOK', 'Malformed webhook', `the body is not ${shape}`),
  }) as const satisfies Record<WebhookRejection, Problem>;

/** One gateway's webhook reading: an event to handle, `null` for one the provider may send but nobody acts on. */
type WebhookReader = {
  readonly name: string;
  readonly rejections: Record<WebhookRejection, Problem>;
  read(rawBody: string, headers: IncomingWebhook['headers'], now: Instant): Result<GatewayEvent | null, WebhookRejection>;
};

function readerFor(deps: AppDeps, gateway: string): WebhookReader | null {
  const { sandbox, stripe } = deps;
  if (gateway === 'sandbox' && sandbox !== null) {
    return {
      name: sandbox.name,
      rejections: rejections('X-Sandbox-Signature', 'a payment event { id, type, data: { reference, amount, currency } }'),
      read: (raw, headers, now) => sandbox.verifyWebhook(raw, headers, now),
    };
  }
  if (gateway === 'stripe' && stripe !== undefined && stripe !== null) {
    return {
      name: stripe.name,
      rejections: rejections('Stripe-Signature', 'a Stripe event'),
      read: (raw, headers, now) => {
        const read = stripe.readWebhook(raw, headers, now);
        if (!read.ok) return read;
        // Stripe re-sends anything not answered 2xx for days: events nobody acts on are acknowledged, not refused.
        return ok(read.value.kind === 'event' ? read.value.event : null);
      },
    };
  }
  return null;
}

/**
 * Verifies and handles one notification. Unknown gateways are 404; a bad or stale signature or a malformed body is
 * 400; a report whose amount or currency does not match is 400 and changes nothing; a repeated delivery is a no-op.
 * The gateway is the actor, so audit rows and messages say who moved the money.
 */
export async function receiveWebhook(deps: AppDeps, input: IncomingWebhook): Promise<Result<HandledGatewayEvent, Problem>> {
  const reader = readerFor(deps, input.gateway);
  if (reader === null) return err(problem(404, 'UNKNOWN_GATEWAY', 'Unknown gateway', `no payment gateway named "${input.gateway}" is configured`));
  const verified = reader.read(input.rawBody, input.headers, deps.clock.now());
  if (!verified.ok) return err(reader.rejections[verified.error]);
  if (verified.value === null) return ok({ outcome: 'ignored', paymentId: null });
  const handled = await deps.useCases.payments.handleGatewayEvent.execute(
    { actor: { kind: 'system', id: `gateway:${reader.name}` }, correlationId: input.correlationId },
    { gateway: reader.name, event: verified.value },
  );
  return handled.ok ? ok(handled.value) : err(domainErrorProblem(handled.error));
}

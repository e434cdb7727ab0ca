// The one path a gateway's notification takes, whether the provider posted it (POST /payments/webhooks/{gateway}) or
// the sandbox checkout page played the provider: verify the signature over the raw body, then settle.
import type { HandledGatewayEvent, WebhookRejection } from '@aquastream/application';
import { err, ok, type Result } from '@aquastream/domain';
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

const REJECTIONS = {
  INVALID_SIGNATURE: problem(400, 'INVALID_SIGNATURE', 'Invalid signature', 'the X-Sandbox-Signature header is missing or does not match the body'),
  STALE: problem(400, 'STALE_SIGNATURE', 'Stale signature', 'the signature timestamp is more than 5 minutes away from now'),
  MALFORMED: problem(400, 'MALFORMED_WEBHOOK', 'Malformed webhook', 'the body is not a payment event { id, type, data: { reference, amount, currency } }'),
} as const satisfies Record<WebhookRejection, Problem>;

/**
 * Verifies and handles one notification. Unknown gateways are 404; a bad or stale signature or a malformed body is
 * 400; a report whose amount or currency does not match is 400 and changes nothing; a repeated delivery is a no-op.
 * The gateway is the actor, so audit rows and messages say who moved the money.
 */
export async function receiveWebhook(deps: AppDeps, input: IncomingWebhook): Promise<Result<HandledGatewayEvent, Problem>> {
  const verifier = input.gateway === 'sandbox' ? deps.sandbox : null;
  if (verifier === null) return err(problem(404, 'UNKNOWN_GATEWAY', 'Unknown gateway', `no payment gateway named "${input.gateway}" is configured`));
  const verified = verifier.verifyWebhook(input.rawBody, input.headers, deps.clock.now());
  if (!verified.ok) return err(REJECTIONS[verified.error]);
  const handled = await deps.useCases.payments.handleGatewayEvent.execute(
    { actor: { kind: 'system', id: `gateway:${verifier.name}` }, correlationId: input.correlationId },
    { gateway: verifier.name, event: verified.value },
  );
  return handled.ok ? ok(handled.value) : err(domainErrorProblem(handled.error));
}

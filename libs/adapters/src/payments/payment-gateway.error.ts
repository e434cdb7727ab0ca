/**
 * A payment provider could not be reached or refused a call. Adapters translate their SDK's errors into this one, so
 * callers (the HTTP app answers 503 PAYMENT_GATEWAY_UNAVAILABLE) need not know which provider is configured.
 */
export class PaymentGatewayError extends Error {
  override readonly name = 'PaymentGatewayError';

  constructor(
    message: string,
    /** The gateway's name (`stripe`). */
    readonly gateway: string,
    /** True when trying again later may succeed (connection failures, the provider's 5xx, rate limits). */
    readonly transient: boolean,
    options?: { readonly cause?: unknown },
  ) {
    super(message, options);
  }
}

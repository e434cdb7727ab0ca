// A local HTTP server standing in for the Stripe API, for the Stripe gateway's tests: the real SDK talks to it over
// HTTP (its `host`/`port`/`protocol` options) with the real wire format (form-encoded requests, JSON answers, Stripe's
// error envelope, Idempotency-Key replays). It knows the few endpoints the gateway uses, plays the buyer (pay,
// expire) and emits webhook events signed with the SDK's own `generateTestHeaderString`.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

export const FAKE_STRIPE_KEY = 'sk_test_aquastream_fake';
export const FAKE_WEBHOOK_SECRET = 'whsec_aquastream_fake';

type Json = Record<string, unknown>;
type FakeSession = Json & { id: string; amount_total: number; currency: string; status: string; payment_status: string; payment_intent: string | null };
type FakeRefund = Json & { id: string; amount: number; payment_intent: string; status: string };
export type RecordedRequest = { readonly method: string; readonly path: string; readonly params: Json; readonly idempotencyKey: string | null };

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

export class FakeStripeServer {
  readonly sessions = new Map<string, FakeSession>();
  readonly refunds = new Map<string, FakeRefund>();
  readonly requests: RecordedRequest[] = [];
  private readonly replays = new Map<string, { body: string; status: number; answer: Json }>();
  private failures: { status: number; remaining: number } | null = null;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeStripeServer> {
    let fake: FakeStripeServer | null = null;
    const server = createServer((req, res) => {
      if (fake === null) throw new Error('request before start');
      void fake.handle(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new FakeStripeServer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return fake;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve, reject) => this.server.close((e) => (e ? reject(e) : resolve())));
  }

  reset(): void {
    this.sessions.clear();
    this.refunds.clear();
    this.requests.length = 0;
    this.replays.clear();
    this.failures = null;
  }

  /** Stripe keeps idempotency keys for 24 hours only: this is the day after. */
  forgetIdempotencyKeys(): void {
    this.replays.clear();
  }

  /** The next `times` API requests answer `status` (an outage: 500, 503; or 429). */
  failNext(times: number, status = 503): void {
    this.failures = { status, remaining: times };
  }

  /** The buyer pays: the session completes with a PaymentIntent. Answers the session as a webhook would carry it. */
  pay(sessionId: string): FakeSession {
    const s = this.session(sessionId);
    if (s.status === 'open') Object.assign(s, { status: 'complete', payment_status: 'paid', payment_intent: id('pi') });
    return { ...s };
  }

  /** The buyer never pays (or cancels and the session runs out): the session expires. */
  expire(sessionId: string): FakeSession {
    const s = this.session(sessionId);
    if (s.status === 'open') Object.assign(s, { status: 'expired' });
    return { ...s };
  }

  /** A webhook event as Stripe posts it (pretty-printed JSON), signed for `now` with the webhook secret. */
  webhook(type: string, object: Json, now: number, secret = FAKE_WEBHOOK_SECRET): { rawBody: string; headers: Record<string, string> } {
    const event = {
      id: id('evt'),
      object: 'event',
      api_version: Stripe.API_VERSION,
      created: Math.floor(now / 1000),
      data: { object },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    };
    const rawBody = JSON.stringify(event, null, 2);
    return { rawBody, headers: { 'Stripe-Signature': this.sign(rawBody, now, secret) } };
  }

  sign(rawBody: string, now: number, secret = FAKE_WEBHOOK_SECRET): string {
    return Stripe.webhooks.generateTestHeaderString({ payload: rawBody, secret, timestamp: Math.floor(now / 1000) });
  }

  private session(sessionId: string): FakeSession {
    const s = this.sessions.get(sessionId);
    if (s === undefined) throw new Error(`the fake Stripe knows no session ${sessionId}`);
    return s;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    const params = parseForm(req.method === 'GET' ? url.search.slice(1) : body);
    const idempotencyKey = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : null;
    this.requests.push({ method: req.method ?? '', path: url.pathname, params, idempotencyKey });
    const send = (status: number, answer: Json) => {
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': id('req') });
      res.end(JSON.stringify(answer));
    };
    if (req.headers.authorization !== `Bearer ${FAKE_STRIPE_KEY}`) return send(401, error('invalid_request_error', 'Invalid API Key provided'));
    if (this.failures !== null && this.failures.remaining > 0) {
      this.failures.remaining -= 1;
      return send(this.failures.status, error('api_error', 'the fake Stripe is told to fail'));
    }
    if (req.method === 'POST' && idempotencyKey !== null) {
      const earlier = this.replays.get(idempotencyKey);
      if (earlier !== undefined && earlier.body !== body) {
        return send(400, error('idempotency_error', `Keys for idempotent requests can only be used with the same parameters (${idempotencyKey})`));
      }
      if (earlier !== undefined) return send(earlier.status, earlier.answer);
      const [status, answer] = this.route(req.method, url.pathname, params);
      this.replays.set(idempotencyKey, { body, status, answer });
      return send(status, answer);
    }
    const [status, answer] = this.route(req.method ?? '', url.pathname, params);
    return send(status, answer);
  }

  private route(method: string, path: string, params: Json): [number, Json] {
    const sessionPath = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path);
    if (method === 'POST' && path === '/v1/checkout/sessions') return [200, this.createSession(params)];
    if (method === 'GET' && sessionPath?.[1] !== undefined) {
      const s = this.sessions.get(decodeURIComponent(sessionPath[1]));
      return s === undefined ? [404, error('invalid_request_error', `No such checkout.session: '${sessionPath[1]}'`, 'resource_missing')] : [200, s];
    }
    if (method === 'POST' && path === '/v1/refunds') return this.createRefund(params);
    if (method === 'GET' && path === '/v1/refunds') {
      const data = [...this.refunds.values()].filter((r) => r.payment_intent === params['payment_intent']).reverse();
      return [200, { object: 'list', data, has_more: false, url: '/v1/refunds' }];
    }
    return [404, error('invalid_request_error', `Unrecognized request URL (${method}: ${path})`)];
  }

  private createSession(p: Json): FakeSession {
    const items = Object.values((p['line_items'] ?? {}) as Record<string, Json>);
    const amount = items.reduce((sum, item) => sum + Number((item['price_data'] as Json)['unit_amount']) * Number(item['quantity']), 0);
    const currency = (items[0]?.['price_data'] as { currency?: string } | undefined)?.currency ?? '';
    const sid = id('cs_test');
    const session: FakeSession = {
      id: sid,
      object: 'checkout.session',
      amount_subtotal: amount,
      amount_total: amount,
      client_reference_id: p['client_reference_id'] ?? null,
      currency,
      expires_at: Number(p['expires_at']),
      metadata: p['metadata'] ?? {},
      mode: p['mode'],
      payment_intent: null,
      payment_status: 'unpaid',
      status: 'open',
      success_url: p['success_url'],
      cancel_url: p['cancel_url'],
      url: `${this.url}/c/pay/${sid}#fidkdWxOYHwnPyd1blpxYHZxWjA0`,
    };
    this.sessions.set(sid, session);
    return session;
  }

  private createRefund(p: Json): [number, Json] {
    const pi = String(p['payment_intent']);
    const paid = [...this.sessions.values()].find((s) => s.payment_intent === pi);
    if (paid === undefined) return [404, error('invalid_request_error', `No such payment_intent: '${pi}'`, 'resource_missing')];
    const refunded = [...this.refunds.values()].filter((r) => r.payment_intent === pi).reduce((sum, r) => sum + r.amount, 0);
    const amount = p['amount'] === undefined ? paid.amount_total - refunded : Number(p['amount']);
    if (refunded >= paid.amount_total) return [400, error('invalid_request_error', `Charge for ${pi} has already been refunded.`, 'charge_already_refunded')];
    if (amount > paid.amount_total - refunded) return [400, error('invalid_request_error', 'Refund amount is greater than unrefunded amount on charge', 'amount_too_large')];
    const refund: FakeRefund = { id: id('re'), object: 'refund', amount, currency: paid.currency, metadata: p['metadata'] ?? {}, payment_intent: pi, status: 'succeeded' };
    this.refunds.set(refund.id, refund);
    return [200, refund];
  }
}

function error(type: string, message: string, code?: string): Json {
  return { error: { type, message, ...(code === undefined ? {} : { code }) } };
}

/** `a[b][0][c]=1` → `{ a: { b: { 0: { c: '1' } } } }`: enough of Stripe's form encoding for the fake. */
function parseForm(text: string): Json {
  const out: Json = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const path = key.replace(/]/g, '').split('[');
    let node = out;
    path.forEach((segment, i) => {
      if (i === path.length - 1) node[segment] = value;
      else node = (node[segment] ??= {}) as Json;
    });
  }
  return out;
}

import { beforeEach, describe, expect, it } from 'vitest';
import {
  booked,
  event,
  ISO,
  member,
  organiser,
  paid,
  PAYMENT_KEYS,
  person,
  postWebhook,
  signSandbox,
  succeeded,
  world,
  type Organiser,
  type Person,
  type World,
} from './bookings.fixtures.test-support.js';

let w: World;
let org: Organiser;
let user: Person;
let booking: { id: string };

beforeEach(async () => {
  w = world();
  org = await organiser(w);
  user = await person(w);
  booking = await booked(w, user, (await event(w, org)).id, 2);
});

const initiate = (who: Person | undefined, body: unknown, headers: Record<string, string> = {}) =>
  w.call('POST', '/api/v1/payments', { ...(who ? { token: who.token } : {}), body, headers });
const bookingOf = async (id: string): Promise<{ status: string; ticketCode: string | null }> =>
  (await w.call('GET', `/api/v1/bookings/${id}`, { token: user.token })).json as { status: string; ticketCode: string | null };

describe('POST /payments', () => {
  it('opens a payment (201, Location, contract shape); asking again while it is open returns it (200)', async () => {
    const res = await initiate(user, { bookingId: booking.id, method: 'card', returnUrl: 'https://shop.example/done' });
    expect(res.status).toBe(201);
    expect(Object.keys(res.json).sort()).toEqual(PAYMENT_KEYS);
    expect(res.headers.get('location')).toBe(`/api/v1/payments/${res.json.id}`);
    expect(res.json).toMatchObject({ bookingId: booking.id, amount: 3998, currency: 'RUB', status: 'INITIATED', gateway: 'sandbox', refundedAmount: 0 });
    expect(res.json.gatewayReference).toMatch(/^sbx_/);
    expect(res.json.paymentUrl).toBe(`http://localhost:8102/sandbox/checkout/${res.json.gatewayReference}`);
    expect(res.json.createdAt).toMatch(ISO);
    const again = await initiate(user, { bookingId: booking.id });
    expect(again.status).toBe(200);
    expect(again.json.id).toBe(res.json.id);
  });

  it('only the owner pays: the organisation sees the booking but is refused, strangers do not see it', async () => {
    expect((await initiate(org, { bookingId: booking.id })).json).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect((await initiate(await person(w), { bookingId: booking.id })).json).toMatchObject({ status: 404, code: 'BOOKING_NOT_FOUND' });
    expect((await initiate(undefined, { bookingId: booking.id })).status).toBe(401);
  });

  it('nothing to pay once confirmed; a canceled booking cannot be paid; bad input is 400', async () => {
    await paid(w, user, booking.id);
    expect((await initiate(user, { bookingId: booking.id })).json).toMatchObject({ status: 409, code: 'NOTHING_TO_PAY' });
    const other = await booked(w, user, (await event(w, org)).id);
    await w.call('POST', `/api/v1/bookings/${other.id}/cancel`, { token: user.token });
    expect((await initiate(user, { bookingId: other.id })).json).toMatchObject({ status: 409, code: 'INVALID_BOOKING_TRANSITION' });
    for (const body of [{}, { bookingId: 'x' }, { bookingId: booking.id, returnUrl: 'javascript:alert(1)' }, { bookingId: booking.id, method: 3 }]) {
      const res = await initiate(user, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.code).toBe('VALIDATION_FAILED');
    }
  });

  it('Idempotency-Key replays the first answer', async () => {
    const headers = { 'Idempotency-Key': 'pay-once-0001' };
    const first = await initiate(user, { bookingId: booking.id }, headers);
    const again = await initiate(user, { bookingId: booking.id }, headers);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.json).toEqual(first.json);
  });
});

describe('GET /payments/{id}', () => {
  it('the owner and admins read it; the organisation and strangers get 404', async () => {
    const p = (await initiate(user, { bookingId: booking.id })).json;
    for (const who of [user, await person(w, ['ADMIN'])]) {
      const res = await w.call('GET', `/api/v1/payments/${p.id}`, { token: who.token });
      expect(res.status).toBe(200);
      expect(res.json).toEqual(p);
    }
    for (const who of [org, await person(w)]) {
      expect((await w.call('GET', `/api/v1/payments/${p.id}`, { token: who.token })).json).toMatchObject({ status: 404, code: 'PAYMENT_NOT_FOUND' });
    }
    expect((await w.call('GET', `/api/v1/payments/${p.id}`)).status).toBe(401);
    expect((await w.call('GET', '/api/v1/payments/42', { token: user.token })).status).toBe(400);
  });
});

describe('POST /payments/{id}/refund', () => {
  it('organisers refund in part, then the rest; never more than was paid', async () => {
    const p = await paid(w, user, booking.id);
    const path = `/api/v1/payments/${p.id}/refund`;
    const part = await w.call('POST', path, { token: org.token, body: { amount: 1000, reason: 'the boat was late' } });
    expect(part.status).toBe(200);
    expect(Object.keys(part.json).sort()).toEqual(['payment', 'refund']);
    expect(Object.keys(part.json.payment).sort()).toEqual(PAYMENT_KEYS);
    expect(part.json.payment).toMatchObject({ status: 'PARTIALLY_REFUNDED', refundedAmount: 1000 });
    expect(part.json.refund).toMatchObject({ paymentId: p.id, bookingId: booking.id, amount: 1000, reason: 'the boat was late' });
    expect((await w.call('POST', path, { token: org.token, body: { amount: 5000, reason: 'too much' } })).json).toMatchObject({
      status: 422,
      code: 'REFUND_EXCEEDS_PAYMENT',
      refundable: 2998,
    });
    const rest = await w.call('POST', path, { token: (await person(w, ['ADMIN'])).token, body: { reason: 'the rest' } });
    expect(rest.json.payment).toMatchObject({ status: 'REFUNDED', refundedAmount: 3998 });
    expect((await w.call('POST', path, { token: org.token, body: { reason: 'again' } })).json).toMatchObject({ status: 409, code: 'PAYMENT_NOT_REFUNDABLE' });
  });

  it('the buyer and staff may not refund; an unpaid payment is not refundable; reason is required', async () => {
    const p = (await initiate(user, { bookingId: booking.id })).json;
    const path = `/api/v1/payments/${p.id}/refund`;
    expect((await w.call('POST', path, { token: org.token, body: { reason: 'x' } })).json).toMatchObject({ status: 409, code: 'PAYMENT_NOT_REFUNDABLE' });
    expect((await w.call('POST', path, { token: user.token, body: { reason: 'x' } })).json).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    const staff = await member(w, org, 'STAFF');
    expect((await w.call('POST', path, { token: staff.token, body: { reason: 'x' } })).json).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect((await w.call('POST', path, { token: (await organiser(w)).token, body: { reason: 'x' } })).status).toBe(404);
    for (const body of [{}, { reason: '' }, { reason: 'x', amount: 0 }, { reason: 'x', amount: 1.5 }]) {
      expect((await w.call('POST', path, { token: org.token, body })).status, JSON.stringify(body)).toBe(400);
    }
  });
});

describe('POST /payments/webhooks/{gateway}', () => {
  it('a signed payment.succeeded confirms the booking; the same event again is a no-op', async () => {
    const p = (await initiate(user, { bookingId: booking.id })).json;
    const evt = succeeded(p);
    const res = await postWebhook(w, evt);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ received: true, duplicate: false, outcome: 'confirmed', paymentId: p.id });
    const confirmed = await bookingOf(booking.id);
    expect(confirmed.status).toBe('CONFIRMED');
    expect(confirmed.ticketCode).toMatch(/^[A-Z0-9-]{8,}$/);
    const again = await postWebhook(w, evt);
    expect(again.json).toMatchObject({ received: true, duplicate: true });
    expect((await bookingOf(booking.id)).ticketCode).toBe(confirmed.ticketCode);
    expect((await w.call('GET', `/api/v1/payments/${p.id}`, { token: user.token })).json.status).toBe('COMPLETED');
  });

  it('the sandbox gateway’s own signature is accepted too', async () => {
    const p = (await initiate(user, { bookingId: booking.id })).json;
    const signed = w.deps.sandbox!.webhook({ id: 'evt_own', type: 'payment.succeeded', reference: p.gatewayReference, amount: p.amount, currency: p.currency }, w.clock.now());
    const res = await w.call('POST', '/api/v1/payments/webhooks/sandbox', { body: signed.rawBody, headers: { 'content-type': 'application/json', ...signed.headers } });
    expect(res.status).toBe(200);
    expect((await bookingOf(booking.id)).status).toBe('CONFIRMED');
  });

  it('a declined payment leaves the booking waiting for another one', async () => {
    const p = (await initiate(user, { bookingId: booking.id })).json;
    const res = await postWebhook(w, { ...succeeded(p), type: 'payment.failed' });
    expect(res.json.outcome).toBe('failed');
    expect((await bookingOf(booking.id)).status).toBe('PENDING_PAYMENT');
    const next = await initiate(user, { bookingId: booking.id });
    expect(next.status).toBe(201);
    expect(next.json.id).not.toBe(p.id);
  });

  it('a wrong, missing or stale signature and a malformed body are 400 problems and change nothing', async () => {
    const p = (await initiate(user, { bookingId: booking.id })).json;
    const evt = succeeded(p);
    const raw = JSON.stringify(evt);
    const cases: [string, Awaited<ReturnType<typeof postWebhook>>][] = [
      ['INVALID_SIGNATURE', await postWebhook(w, evt, { signature: signSandbox(raw, Math.floor(w.clock.now() / 1000), 'wrong-secret') })],
      ['INVALID_SIGNATURE', await postWebhook(w, evt, { signature: 'garbage' })],
      ['INVALID_SIGNATURE', await postWebhook(w, evt, { signature: signSandbox(`${raw} `) })],
      ['STALE_SIGNATURE', await postWebhook(w, evt, { t: Math.floor(w.clock.now() / 1000) - 301 })],
      ['MALFORMED_WEBHOOK', await postWebhook(w, null, { raw: '{"id":' })],
      ['MALFORMED_WEBHOOK', await postWebhook(w, { ...evt, type: 'payment.maybe' })],
    ];
    for (const [code, res] of cases) {
      expect(res.status, code).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.json.code).toBe(code);
    }
    const unsigned = await w.call('POST', '/api/v1/payments/webhooks/sandbox', { body: raw });
    expect(unsigned.status).toBe(400);
    expect((await bookingOf(booking.id)).status).toBe('PENDING_PAYMENT');
  });

  it('an amount or currency that does not match is 400 and nothing changes, not even the event id', async () => {
    const p = (await initiate(user, { bookingId: booking.id })).json;
    const evt = succeeded(p, { amount: 1 });
    const res = await postWebhook(w, evt);
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('PAYMENT_MISMATCH');
    expect((await postWebhook(w, succeeded(p, { currency: 'EUR' }))).json.code).toBe('PAYMENT_MISMATCH');
    expect((await bookingOf(booking.id)).status).toBe('PENDING_PAYMENT');
    expect((await w.call('GET', `/api/v1/payments/${p.id}`, { token: user.token })).json.status).toBe('INITIATED');
    const fixed = await postWebhook(w, { ...evt, data: { ...evt.data, amount: p.amount } });
    expect(fixed.json).toMatchObject({ duplicate: false, outcome: 'confirmed' });
  });

  it('unknown gateways and payments are 404', async () => {
    const p = (await initiate(user, { bookingId: booking.id })).json;
    expect((await postWebhook(w, succeeded(p), { gateway: 'stripe' })).json).toMatchObject({ status: 404, code: 'UNKNOWN_GATEWAY' });
    expect((await postWebhook(w, succeeded({ ...p, gatewayReference: 'sbx_unknown' }))).json).toMatchObject({ status: 404, code: 'PAYMENT_NOT_FOUND' });
  });

  it('is documented with its body and signature header', async () => {
    const doc = (await w.call('GET', '/api/v1/openapi.json')).json;
    const op = doc.paths['/api/v1/payments/webhooks/{gateway}'].post;
    expect(op.security).toBeUndefined();
    expect((op.parameters as { name: string }[]).map((x) => x.name)).toEqual(expect.arrayContaining(['gateway', 'x-sandbox-signature']));
    expect(op.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/SandboxWebhook');
    expect(doc.components.schemas.SandboxWebhook.properties.data.properties).toHaveProperty('reference');
    for (const path of ['/api/v1/payments', '/api/v1/payments/{id}', '/api/v1/payments/{id}/refund', '/api/v1/bookings', '/api/v1/bookings/{id}/ticket', '/api/v1/tickets/{ticketCode}/check-in']) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
  });
});

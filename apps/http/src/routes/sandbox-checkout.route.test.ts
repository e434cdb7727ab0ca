import { beforeEach, describe, expect, it } from 'vitest';
import { TEST_SANDBOX_SECRET } from '../testing/test-app.test-support.js';
import { booked, contextOf, organiser, person, postWebhook, succeeded, world, type Person, type World } from './bookings.fixtures.test-support.js';
import { escapeHtml, formatMoney } from './sandbox-checkout.html.js';

let w: World;
let user: Person;
let booking: { id: string };
let payment: { id: string; gatewayReference: string; paymentUrl: string; amount: number; currency: string };

const TITLE = `Sunset <script>alert("x")</script> & "friends"`;

beforeEach(async () => {
  w = world();
  const org = await organiser(w);
  user = await person(w);
  const ctx = await contextOf(w, org);
  const created = await w.deps.useCases.events.create.execute(ctx, {
    organizationId: org.orgId,
    title: TITLE,
    startsAt: w.clock.now() + 240 * 3_600_000,
    capacity: 4,
    currency: 'RUB',
    priceOptions: [{ name: 'Standard', price: 199_950 }],
    bookingDeadlineHours: 0,
  });
  if (!created.ok) throw new Error(created.error.detail);
  await w.deps.useCases.events.publish.execute(ctx, { eventId: created.value.id });
  booking = await booked(w, user, created.value.id, 2);
  payment = (await w.call('POST', '/api/v1/payments', { token: user.token, body: { bookingId: booking.id, returnUrl: 'https://shop.example/done?a=1&b=2' } })).json;
});

const pagePath = () => new URL(payment.paymentUrl).pathname;
const bookingStatus = async (): Promise<string> => (await w.call('GET', `/api/v1/bookings/${booking.id}`, { token: user.token })).json.status as string;

describe('GET /sandbox/checkout/{reference}', () => {
  it('shows the amount, the booking and Pay / Decline buttons, everything escaped, under a strict CSP', async () => {
    expect(pagePath()).toBe(`/sandbox/checkout/${payment.gatewayReference}`);
    const res = await w.call('GET', pagePath());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('content-security-policy')).toContain("form-action 'self'");
    expect(res.text).toContain('3,999.00 RUB');
    expect(res.text).toContain(booking.id);
    expect(res.text).toContain(`action="${pagePath()}/pay"`);
    expect(res.text).toContain(`action="${pagePath()}/decline"`);
    expect(res.text).toContain(escapeHtml(TITLE));
    expect(res.text).not.toContain('<script>');
    expect(res.text).not.toContain(TEST_SANDBOX_SECRET);
  });

  it('an unknown reference is a 404 page; a malformed one a 400', async () => {
    const unknown = await w.call('GET', '/sandbox/checkout/sbx_00000000-0000-0000-0000-000000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('Unknown payment');
    expect((await w.call('GET', '/sandbox/checkout/not-a-reference')).status).toBe(400);
    expect((await w.call('POST', '/sandbox/checkout/sbx_00000000-0000-0000-0000-000000000000/pay')).status).toBe(404);
  });
});

describe('POST /sandbox/checkout/{reference}/pay · /decline', () => {
  it('Pay delivers a signed webhook through the webhook path, then the page shows the outcome', async () => {
    const res = await w.app.request(`${pagePath()}/pay`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(pagePath());
    expect(await bookingStatus()).toBe('CONFIRMED');
    const after = await w.call('GET', pagePath());
    expect(after.text).toContain('Payment received');
    expect(after.text).toContain('CONFIRMED');
    expect(after.text).toContain('href="https://shop.example/done?a=1&amp;b=2"');
    expect(after.text).not.toContain('/pay"');
    // The first choice sticks: Decline afterwards changes nothing.
    await w.app.request(`${pagePath()}/decline`, { method: 'POST' });
    expect(await bookingStatus()).toBe('CONFIRMED');
  });

  it('Decline fails the payment; the booking keeps waiting', async () => {
    const res = await w.app.request(`${pagePath()}/decline`, { method: 'POST' });
    expect(res.status).toBe(303);
    const after = await w.call('GET', pagePath());
    expect(after.text).toContain('Payment declined');
    expect(after.text).toContain('PENDING_PAYMENT');
    expect(await bookingStatus()).toBe('PENDING_PAYMENT');
    expect((await w.call('GET', `/api/v1/payments/${payment.id}`, { token: user.token })).json.status).toBe('FAILED');
  });

  it('a payment the provider settled by webhook shows as paid', async () => {
    expect((await postWebhook(w, succeeded(payment))).status).toBe(200);
    const page = await w.call('GET', pagePath());
    expect(page.text).toContain('Payment received');
    expect(page.text).not.toContain('/pay"');
  });
});

describe('formatMoney', () => {
  it('uses the currency’s own minor units', () => {
    expect(formatMoney(199_900, 'RUB')).toBe('1,999.00 RUB');
    expect(formatMoney(1500, 'JPY')).toBe('1,500 JPY');
    expect(formatMoney(5, 'KWD')).toBe('0.005 KWD');
  });
});

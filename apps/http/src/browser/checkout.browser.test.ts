// The sandbox checkout walked as a person would: the real app listens on a port, a headless Chromium opens the
// payment's `paymentUrl`, clicks Pay, and the booking is then CONFIRMED through the API. `.ci/run` installs Debian's
// chromium; without it the suite is skipped and its name says why.
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { event, organiser, person, world, type Person, type World } from '../routes/bookings.fixtures.test-support.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const SUITE = 'sandbox checkout in headless Chromium';

describe.skipIf(!hasChromium)(hasChromium ? SUITE : `${SUITE} (skipped: ${CHROMIUM} not installed — apt-get install chromium)`, () => {
  let w: World;
  let server: ServerType;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    w = world();
    const port = await new Promise<number>((resolve) => {
      server = serve({ fetch: w.app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve(info.port));
    });
    base = `http://127.0.0.1:${port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  async function api(method: string, path: string, who: Person, body?: unknown): Promise<{ status: number; json: any }> {
    const res = await fetch(base + path, {
      method,
      headers: { authorization: `Bearer ${who.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, json: await res.json() };
  }

  /** Books two seats and opens a payment over HTTP; answers the booking id and the checkout URL on this server. */
  async function checkoutFor(user: Person): Promise<{ bookingId: string; url: string }> {
    const ev = await event(w, await organiser(w));
    const booking = await api('POST', '/api/v1/bookings', user, { eventId: ev.id, quantity: 2 });
    expect(booking.status).toBe(201);
    const payment = await api('POST', '/api/v1/payments', user, { bookingId: booking.json.id });
    expect(payment.status).toBe(201);
    // paymentUrl carries PUBLIC_BASE_URL; the page is served by this test's server.
    const url = new URL(payment.json.paymentUrl);
    return { bookingId: booking.json.id, url: base + url.pathname };
  }

  it('clicking Pay confirms the booking and shows the confirmation', async () => {
    const user = await person(w);
    const { bookingId, url } = await checkoutFor(user);
    const page = await browser.newPage();
    try {
      await page.goto(url);
      await expect.poll(() => page.textContent('[data-field="amount"]')).toBe('39.98 RUB');
      expect(await page.textContent('body')).toContain(bookingId);
      await page.getByRole('button', { name: 'Pay' }).click();
      await page.waitForSelector('[data-outcome="paid"]');
      expect(new URL(page.url()).pathname).toBe(new URL(url).pathname);
      expect(await page.textContent('h1')).toBe('Payment received');
      expect(await page.textContent('[data-field="booking-status"]')).toBe('CONFIRMED');
    } finally {
      await page.close();
    }
    const booking = await api('GET', `/api/v1/bookings/${bookingId}`, user);
    expect(booking.json.status).toBe('CONFIRMED');
    expect(booking.json.ticketCode).toMatch(/^[A-Z0-9-]{8,}$/);
  }, 60_000);

  it('clicking Decline leaves the booking waiting for payment', async () => {
    const user = await person(w);
    const { bookingId, url } = await checkoutFor(user);
    const page = await browser.newPage();
    try {
      await page.goto(url);
      await page.getByRole('button', { name: 'Decline' }).click();
      await page.waitForSelector('[data-outcome="declined"]');
      expect(await page.textContent('[data-field="booking-status"]')).toBe('PENDING_PAYMENT');
    } finally {
      await page.close();
    }
    expect((await api('GET', `/api/v1/bookings/${bookingId}`, user)).json.status).toBe('PENDING_PAYMENT');
  }, 60_000);
});

import { describe, expect, it } from 'vitest';
import { testApp } from './testing/test-app.test-support.js';

describe('health', () => {
  it('/health/live answers 200', async () => {
    const { call } = testApp();
    const res = await call('GET', '/health/live');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: 'UP' });
  });

  it('/health/ready lists its checks and answers 503 when a required one is down', async () => {
    const up = await testApp({ healthChecks: [{ name: 'database', required: true, probe: () => Promise.resolve() }] }).call('GET', '/health/ready');
    expect(up.status).toBe(200);
    expect(up.json).toEqual({ status: 'UP', checks: { database: { status: 'UP', required: true } } });
    const down = await testApp({
      healthChecks: [{ name: 'database', required: true, probe: () => Promise.reject(new Error('refused')) }],
    }).call('GET', '/health/ready');
    expect(down.status).toBe(503);
    expect(down.json).toMatchObject({ status: 'DOWN', checks: { database: { status: 'DOWN', error: 'refused' } } });
  });
});

describe('correlation ids', () => {
  it('echoes a given id and mints one when absent or unacceptable', async () => {
    const { call } = testApp();
    expect((await call('GET', '/health/live', { headers: { 'X-Correlation-ID': 'abc-123' } })).headers.get('x-correlation-id')).toBe('abc-123');
    expect((await call('GET', '/health/live')).headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    const hostile = await call('GET', '/health/live', { headers: { 'X-Correlation-ID': 'a b\u0001<script>' } });
    expect(hostile.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('errors are problem documents', () => {
  it('an unknown route is a 404 problem with a code', async () => {
    const res = await testApp().call('GET', '/nowhere');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.json).toMatchObject({ status: 404, code: 'NOT_FOUND', title: 'Not Found' });
  });

  it('a thrown error is a 500 problem without internals, carrying the correlation id', async () => {
    const { app, call } = testApp();
    app.get('/boom', () => {
      throw new Error('secret connection string postgres://user:pw@db');
    });
    const res = await call('GET', '/boom', { headers: { 'X-Correlation-ID': 'corr-1' } });
    expect(res.status).toBe(500);
    expect(res.headers.get('x-correlation-id')).toBe('corr-1');
    expect(res.text).not.toContain('postgres://');
    expect(res.json).toMatchObject({ code: 'INTERNAL_ERROR', correlationId: 'corr-1' });
  });

  it('a bad token is 401 even on a public route; no token is a guest', async () => {
    const { call } = testApp();
    const res = await call('GET', '/api/v1/nothing-here', { token: 'not.a.jwt' });
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject({ code: 'NOT_AUTHENTICATED' });
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('a body over 1 MB is 413, a non-JSON body on an API write is 415', async () => {
    const { call } = testApp();
    const big = await call('POST', '/api/v1/bookings', { body: JSON.stringify({ pad: 'x'.repeat(1_100_000) }) });
    expect(big.status).toBe(413);
    expect(big.json).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    const form = await call('POST', '/api/v1/bookings', { body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
  });
});

describe('documentation', () => {
  it('serves an OpenAPI 3.1 document and the docs page', async () => {
    const { call } = testApp();
    const doc = await call('GET', '/api/v1/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.json.openapi).toBe('3.1.0');
    const docs = await call('GET', '/docs');
    expect(docs.status).toBe(200);
    expect(docs.text).toMatch(/<html/i);
  });

  it('serves Prometheus metrics', async () => {
    const { call } = testApp();
    await call('GET', '/health/live');
    const res = await call('GET', '/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toContain('http_request_duration_seconds_bucket');
    expect(res.text).toContain('aquastream_outbox_pending');
  });
});

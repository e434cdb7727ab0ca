import { CheckReadinessUseCase, type HealthCheck } from '@aquastream/application';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createApp } from './app.js';

const silent = pino({ level: 'silent' });
const appWith = (checks: HealthCheck[] = []) => createApp({ readiness: new CheckReadinessUseCase(checks, 50), logger: silent });

describe('health', () => {
  it('/health/live answers 200', async () => {
    const res = await appWith().request('/health/live');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'UP' });
  });

  it('/health/ready lists its checks and answers 503 when a required one is down', async () => {
    const up = await appWith([{ name: 'database', required: true, probe: () => Promise.resolve() }]).request('/health/ready');
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ status: 'UP', checks: { database: { status: 'UP', required: true } } });

    const down = await appWith([{ name: 'database', required: true, probe: () => Promise.reject(new Error('refused')) }]).request(
      '/health/ready',
    );
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ status: 'DOWN', checks: { database: { status: 'DOWN', error: 'refused' } } });
  });
});

describe('correlation ids', () => {
  it('echoes a given id and mints one when absent or unacceptable', async () => {
    const app = appWith();
    const given = await app.request('/health/live', { headers: { 'X-Correlation-ID': 'abc-123' } });
    expect(given.headers.get('x-correlation-id')).toBe('abc-123');
    const minted = await app.request('/health/live');
    expect(minted.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    const hostile = await app.request('/health/live', { headers: { 'X-Correlation-ID': 'a b\u0001<script>' } });
    expect(hostile.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('errors are problem documents', () => {
  it('an unknown route is a 404 problem with a code', async () => {
    const res = await appWith().request('/nowhere');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 404, code: 'NOT_FOUND', title: 'Not Found' });
  });

  it('a thrown error is a 500 problem without internals, carrying the correlation id', async () => {
    const app = appWith();
    app.get('/boom', () => {
      throw new Error('secret connection string postgres://user:pw@db');
    });
    const res = await app.request('/boom', { headers: { 'X-Correlation-ID': 'corr-1' } });
    expect(res.status).toBe(500);
    expect(res.headers.get('x-correlation-id')).toBe('corr-1');
    const body = await res.text();
    expect(body).not.toContain('postgres://');
    expect(JSON.parse(body)).toMatchObject({ code: 'INTERNAL_ERROR', correlationId: 'corr-1' });
  });
});

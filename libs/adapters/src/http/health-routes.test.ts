import { CheckReadinessUseCase } from '@aquastream/application';
import { describe, expect, it } from 'vitest';
import { healthRoutes } from './health-routes.js';

describe('healthRoutes', () => {
  it('answers live, and ready with 200 or 503 by the readiness of required checks', async () => {
    const ok = healthRoutes(new CheckReadinessUseCase([]));
    expect((await ok.request('/live')).status).toBe(200);
    expect((await ok.request('/ready')).status).toBe(200);
    const down = healthRoutes(new CheckReadinessUseCase([{ name: 'database', required: true, probe: () => Promise.reject(new Error('x')) }]));
    const res = await down.request('/ready');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'DOWN', checks: { database: { status: 'DOWN' } } });
  });
});

import { describe, expect, it } from 'vitest';
import type { HealthCheck } from '../ports/health-check.port.js';
import { CheckReadinessUseCase } from './check-readiness.use-case.js';

const check = (name: string, required: boolean, probe: () => Promise<void>): HealthCheck => ({ name, required, probe });

describe('CheckReadinessUseCase', () => {
  it('is UP with no dependencies and when every dependency answers', async () => {
    expect(await new CheckReadinessUseCase([]).execute()).toEqual({ status: 'UP', checks: {} });
    const ready = await new CheckReadinessUseCase([check('database', true, () => Promise.resolve())]).execute();
    expect(ready).toEqual({ status: 'UP', checks: { database: { status: 'UP', required: true } } });
  });

  it('is DOWN when a required dependency fails, and says why', async () => {
    const r = await new CheckReadinessUseCase([
      check('database', true, () => Promise.reject(new Error('connection refused'))),
      check('broker', false, () => Promise.resolve()),
    ]).execute();
    expect(r.status).toBe('DOWN');
    expect(r.checks['database']).toEqual({ status: 'DOWN', required: true, error: 'connection refused' });
  });

  it('stays UP when only an optional dependency is down', async () => {
    const r = await new CheckReadinessUseCase([check('broker', false, () => Promise.reject(new Error('x')))]).execute();
    expect(r.status).toBe('UP');
    expect(r.checks['broker']?.status).toBe('DOWN');
  });

  it('bounds a hanging probe by the timeout', async () => {
    const hang = check('database', true, () => new Promise<void>(() => undefined));
    const r = await new CheckReadinessUseCase([hang], 20).execute();
    expect(r.checks['database']).toEqual({ status: 'DOWN', required: true, error: 'no answer within 20 ms' });
  });
});

import type { CheckReadinessUseCase } from '@aquastream/application';
import { Hono } from 'hono';

/** `/health/live`: the process answers. `/health/ready`: its required dependencies answer too (503 otherwise). */
export function healthRoutes(readiness: CheckReadinessUseCase): Hono {
  const route = new Hono();
  route.get('/live', (c) => c.json({ status: 'UP' }));
  route.get('/ready', async (c) => {
    const result = await readiness.execute();
    return c.json(result, result.status === 'UP' ? 200 : 503);
  });
  return route;
}

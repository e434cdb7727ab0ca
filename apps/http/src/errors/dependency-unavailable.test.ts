import { openDatabase } from '@aquastream/adapters';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { dependencyUnavailableProblem } from './dependency-unavailable.js';

describe('dependencyUnavailableProblem', () => {
  it('is a 503 DATABASE_UNAVAILABLE problem for a database that cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const address = closed.address();
    await new Promise((resolve) => closed.close(resolve));
    const port = typeof address === 'object' && address !== null ? address.port : 1;
    const db = openDatabase(`postgres://postgres@127.0.0.1:${port}/none`, { connectTimeoutMs: 500 });
    const error: unknown = await db.sequelize.query('SELECT 1').catch((e: unknown) => e);
    await db.sequelize.close();
    expect(dependencyUnavailableProblem(error)).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE', type: 'https://aquastream.dev/problems/database-unavailable' });
  });

  it('is null for anything else (a bug stays a logged 500)', () => {
    expect(dependencyUnavailableProblem(new Error('boom'))).toBeNull();
  });
});

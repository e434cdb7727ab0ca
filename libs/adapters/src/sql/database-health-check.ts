import type { HealthCheck } from '@aquastream/application';
import type { Database } from './database.js';

/** `/health/ready`'s database probe: one trivial query through the pool (so a pool exhausted or a server gone shows). */
export class DatabaseHealthCheck implements HealthCheck {
  readonly name = 'database';
  readonly required = true;
  constructor(private readonly db: Database) {}

  async probe(): Promise<void> {
    await this.db.sequelize.query('SELECT 1');
  }
}

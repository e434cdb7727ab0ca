import { describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';
import { DatabaseHealthCheck } from './database-health-check.js';

describe('DatabaseHealthCheck', () => {
  it('answers while the database does, and fails once it is gone', async () => {
    const db = openDatabase('sqlite::memory:');
    const check = new DatabaseHealthCheck(db);
    await expect(check.probe()).resolves.toBeUndefined();
    await db.sequelize.close();
    await expect(check.probe()).rejects.toThrow();
  });
});

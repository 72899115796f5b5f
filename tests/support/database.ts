// A fresh, migrated database per test file on the run's shared PostgreSQL server.
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createOrm, migrate, type Orm } from '../../db/orm';
import { ensureDatabase, withDatabase } from '../../scripts/services';

export async function createTestDatabase(): Promise<Orm> {
  const server = inject('databaseServerUrl');
  const name = `dunwell_test_${randomBytes(6).toString('hex')}`;
  await ensureDatabase(server, name);
  const orm = await createOrm(withDatabase(server, name), { poolMax: 20 });
  await migrate(orm);
  return orm;
}

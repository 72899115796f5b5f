import { MikroORM } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { ENTITY_SCHEMAS } from './entities';
import { migrationsList } from './migrations';

export type Orm = MikroORM;

export async function createOrm(databaseUrl: string, options: { poolMax?: number; connect?: boolean } = {}): Promise<Orm> {
  return MikroORM.init({
    clientUrl: databaseUrl,
    entities: ENTITY_SCHEMAS,
    extensions: [Migrator],
    migrations: { migrationsList, transactional: true, allOrNothing: true },
    pool: { min: 0, max: options.poolMax ?? 10 },
    // Start even while the database is down: requests then answer 503 until it is back.
    connect: options.connect ?? true,
    discovery: { warnWhenNoEntities: false },
    // Each request and activity forks its own EntityManager; the global one is never used.
    allowGlobalContext: false,
    debug: false,
  });
}

export async function migrate(orm: Orm): Promise<void> {
  await orm.getMigrator().up();
}

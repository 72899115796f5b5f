// Applies pending migrations to DATABASE_URL (production deploys run this before the API starts).
import { createOrm, migrate } from '../db/orm';

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const orm = await createOrm(url);
  await migrate(orm);
  await orm.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

// The two Temporal servers the benchmark measures on, each with the PostgreSQL Dunwell uses
// beside it. dev: the Temporal CLI dev server (one process, SQLite in WAL mode, as `npm start`
// runs it) and an embedded PostgreSQL. cluster: the production topology of cluster/ (the real
// Temporal server as four processes, persistence and visibility on PostgreSQL, Dunwell's database
// on the same PostgreSQL), with no Dunwell processes of its own: the bench starts the same one
// worker and one API process on both servers, so the comparison is the server.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startCluster } from '../cluster/topology';
import { CLUSTER_VERSIONS, HISTORY_SHARDS } from '../cluster/versions';
import { TEMPORAL_DATABASES } from '../cluster/temporal-config';
import { ensureDatabase, freePort, startEmbeddedPostgres, startTemporalDevServer, withDatabase } from '../scripts/services';
import type { ServerKind } from './config';

export interface BenchServer {
  kind: ServerKind;
  /** One line for the report: what this server is. */
  description: string;
  temporalAddress: string;
  /** Dunwell's database (migrated by the bench). */
  databaseUrl: string;
  /** The Temporal server's own processes (their CPU time is read in the spike). */
  temporalPids(): number[];
  /** What the Temporal server keeps on disk, MB. */
  temporalStoreMb(): Promise<number>;
  stop(): Promise<void>;
}

async function databaseMb(url: string, names: string[]): Promise<number> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const { rows } = await db.query('select coalesce(sum(pg_database_size(datname)), 0) n from pg_database where datname = any($1)', [names]);
    return Number(rows[0].n) / 2 ** 20;
  } finally {
    await db.end();
  }
}

async function startDev(dir: string): Promise<BenchServer> {
  const sqlite = path.join(dir, 'temporal.sqlite');
  const temporal = await startTemporalDevServer({ port: await freePort(), dbFile: sqlite, logFile: path.join(dir, 'temporal.log') });
  try {
    const pgServer = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await freePort(), database: 'postgres' });
    const server = process.env.DATABASE_URL ? withDatabase(process.env.DATABASE_URL, 'postgres') : pgServer!.url;
    await ensureDatabase(server, 'dunwell_bench');
    return {
      kind: 'dev',
      description: 'dev: Temporal CLI dev server (one process, SQLite file in WAL mode) and PostgreSQL for Dunwell',
      temporalAddress: temporal.address,
      databaseUrl: withDatabase(server, 'dunwell_bench'),
      temporalPids: () => [temporal.pid],
      temporalStoreMb: async () => ['', '-wal'].map((s) => (fs.existsSync(sqlite + s) ? fs.statSync(sqlite + s).size : 0)).reduce((a, b) => a + b, 0) / 2 ** 20,
      stop: async () => {
        await temporal.stop();
        await pgServer?.stop();
      },
    };
  } catch (err) {
    await temporal.stop();
    throw err;
  }
}

async function startClusterServer(dir: string, log: (line: string) => void): Promise<BenchServer> {
  // Always its own embedded PostgreSQL: Temporal's databases on a shared server would carry one
  // run's workflows into the next.
  const cluster = await startCluster({
    dir, apiPort: await freePort(), uiPort: await freePort(), frontendPort: await freePort(),
    workers: 0, apis: 0, env: {}, log,
  });
  return {
    kind: 'cluster',
    description: `cluster: Temporal server ${CLUSTER_VERSIONS.temporalServer} as four processes (frontend, history, matching, worker; ${HISTORY_SHARDS} history shards), persistence and visibility on PostgreSQL, Dunwell's database on the same PostgreSQL`,
    temporalAddress: cluster.temporalAddress,
    databaseUrl: cluster.databaseUrl,
    temporalPids: () => Object.values(cluster.temporal).map((s) => s.pid()).filter((p): p is number => p !== undefined),
    temporalStoreMb: () => databaseMb(cluster.databaseUrl, [TEMPORAL_DATABASES.default, TEMPORAL_DATABASES.visibility]),
    stop: () => cluster.stop(),
  };
}

export async function startServer(kind: ServerKind, dir: string, log: (line: string) => void): Promise<BenchServer> {
  fs.mkdirSync(dir, { recursive: true });
  return kind === 'dev' ? startDev(dir) : startClusterServer(dir, log);
}

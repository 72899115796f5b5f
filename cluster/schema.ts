// Sets up Temporal's two databases on PostgreSQL with its own temporal-sql-tool (idempotent: a
// database already at the latest version is left as it is), then the namespace and Dunwell's
// search attributes once the frontend answers.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { ensureDatabase, withDatabase } from '../scripts/services';
import { INVOICE_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';
import type { ClusterBinaries } from './binaries';
import { TEMPORAL_DATABASES, parsePostgresUrl } from './temporal-config';

const run = promisify(execFile);

async function hasSchema(serverUrl: string, database: string): Promise<boolean> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: withDatabase(serverUrl, database) });
  await client.connect();
  try {
    const found = await client.query("select 1 from information_schema.tables where table_name = 'schema_version'");
    return (found.rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}

/** `serverUrl`: any database on the PostgreSQL server Temporal is to use, with a user that may create databases. */
export async function setupTemporalSchemas(bin: ClusterBinaries, serverUrl: string): Promise<void> {
  const pg = parsePostgresUrl(serverUrl);
  for (const [kind, database] of [['temporal', TEMPORAL_DATABASES.default], ['visibility', TEMPORAL_DATABASES.visibility]] as const) {
    await ensureDatabase(serverUrl, database);
    const tool = (...args: string[]) => run(bin.sqlTool, ['--plugin', 'postgres12', '--ep', pg.host, '-p', String(pg.port), '-u', pg.user, '--pw', pg.password, '--db', database, ...args]);
    if (!(await hasSchema(serverUrl, database))) await tool('setup-schema', '-v', '0.0');
    await tool('update-schema', '-d', path.join(bin.schemaDir, kind, 'versioned'));
  }
}

// temporal.api.enums.v1.IndexedValueType, by the SDK's names for the same types.
const TYPES: Record<string, number> = { TEXT: 1, KEYWORD: 2, INT: 3, DOUBLE: 4, BOOL: 5, DATETIME: 6, KEYWORD_LIST: 7 };

/** The `default` namespace and the invoice search attributes, unless they are there already. */
export async function registerNamespace(address: string, namespace = 'default'): Promise<void> {
  const { status } = await import('@grpc/grpc-js');
  const wanted = Object.fromEntries(INVOICE_SEARCH_ATTRIBUTES.map((a) => [a.name, TYPES[a.type]]));
  // The frontend answers "not healthy yet" for a while after its port opens, and a namespace just
  // registered reaches every service's cache within seconds: retry the whole step until it sticks.
  const deadline = Date.now() + 120_000;
  for (;;) {
    let connection: Connection | undefined;
    try {
      connection = await Connection.connect({ address, connectTimeout: 5000 });
      try {
        await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('30 days') });
      } catch (err) {
        if ((err as { code?: number }).code !== status.ALREADY_EXISTS) throw err;
      }
      const existing = await connection.operatorService.listSearchAttributes({ namespace });
      const missing = Object.fromEntries(Object.entries(wanted).filter(([name]) => !(name in (existing.customAttributes ?? {}))));
      if (Object.keys(missing).length) await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: missing });
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 1000));
    } finally {
      await connection?.close();
    }
  }
}

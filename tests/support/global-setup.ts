// Starts the real servers once per test run and hands their addresses to every test file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DefaultLogger } from '@temporalio/worker';
import { writeWorkflowBundle } from '../../scripts/bundle-workflows';
import type { TestProject } from 'vitest/node';
import { freePort, startEmbeddedPostgres, startTemporalDevServer, withDatabase, type RunningService } from '../../scripts/services';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL server URL whose role may create databases; each test file makes its own. */
    databaseServerUrl: string;
    temporalAddress: string;
    workflowBundlePath: string;
  }
}

const quietLogger = new DefaultLogger('WARN');

export default async function setup(project: TestProject) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dunwell-test-'));
  // Readable by the 'postgres' user that embedded PostgreSQL runs as when we are root.
  fs.chmodSync(scratch, 0o755);
  const services: RunningService[] = [];

  const stopAll = () => Promise.all(services.map((s) => s.stop().catch(() => {})));
  const started = await Promise.allSettled([
    writeWorkflowBundle(path.join(scratch, 'workflow-bundle.js'), quietLogger),
    startTemporalDevServer({ port: await freePort(), logFile: path.join(scratch, 'temporal.log') }).then((t) => {
      services.push(t);
      return t;
    }),
    process.env.DATABASE_URL
      ? Promise.resolve(withDatabase(process.env.DATABASE_URL, 'postgres'))
      : startEmbeddedPostgres({ dataDir: path.join(scratch, 'postgres'), port: await freePort(), database: 'postgres' }).then((pg) => {
          services.push(pg);
          return pg.url;
        }),
  ]);
  const failed = started.find((r) => r.status === 'rejected');
  if (failed) {
    // Leave nothing running behind a failed start, or the test runner never exits.
    await stopAll();
    throw (failed as PromiseRejectedResult).reason;
  }
  const [workflowBundlePath, temporal, databaseServerUrl] = started.map((r) => (r as PromiseFulfilledResult<unknown>).value) as [
    string,
    Awaited<ReturnType<typeof startTemporalDevServer>>,
    string,
  ];

  project.provide('databaseServerUrl', databaseServerUrl);
  project.provide('temporalAddress', temporal.address);
  project.provide('workflowBundlePath', workflowBundlePath);

  return async () => {
    await stopAll();
    fs.rmSync(scratch, { recursive: true, force: true });
  };
}

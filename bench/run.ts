// `npm run bench`: Dunwell against bare Temporal on the same server in the same run, so the
// ratios hold on a noisy machine, on the Temporal dev server and on the production cluster, one
// after the other (BENCH_SERVERS). The API and the worker run as their own processes, as deployed.
// Prints one table: a column group per server, the goals, and whether each server met them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode, DefaultLogger, Runtime } from '@temporalio/worker';
import { writeWorkflowBundle } from '../scripts/bundle-workflows';
import { readKnobs, type Knobs, type Part, type ServerKind } from './config';
import { createPart } from './parts/create';
import { latenessPart } from './parts/lateness';
import { openPart } from './parts/open';
import { outgoingPart } from './parts/outgoing';
import { spikePart } from './parts/spike';
import { webhookPart } from './parts/webhook';
import { startServer, type BenchServer } from './servers';
import { printTable, type Figure } from './table';
import { startTarget, type Target } from './target';

const PARTS: Record<Part, (t: Target, k: Knobs, out: Figure[]) => Promise<void>> = {
  create: createPart, webhook: webhookPart, lateness: latenessPart, open: openPart, spike: spikePart, outgoing: outgoingPart,
};

const log = (line: string) => console.log(`[bench] ${line}`);
let scratchDir: string | undefined;

async function measureOn(kind: ServerKind, k: Knobs, scratch: string, bundles: { worker: string; bare: { code: string } }, out: Figure[]): Promise<string> {
  const dir = path.join(scratch, kind);
  log(`${kind}: starting the server…`);
  const started = Date.now();
  let server: BenchServer | null = null;
  let target: Target | null = null;
  try {
    server = await startServer(kind, dir, (line) => log(`${kind}: ${line}`));
    // The shipped email rate while invoices are created (their emails queue behind the burst, as
    // in production); otherwise BENCH_EMAIL_RATE, so queued emails settle quickly.
    target = await startTarget(server, { dir, workflowBundlePath: bundles.worker, bareBundle: bundles.bare, emailRate: k.only.has('create') ? k.shippedEmailRate : k.emailRate });
    log(`${kind}: ready in ${Math.round((Date.now() - started) / 1000)} s`);
    for (const part of k.only) {
      const partStarted = Date.now();
      log(`${kind}: ${part}…`);
      await PARTS[part](target, k, out);
      log(`${kind}: ${part} done in ${Math.round((Date.now() - partStarted) / 1000)} s`);
    }
    return server.description;
  } finally {
    log(`${kind}: stopping…`);
    await target?.stop().catch((err) => console.error(`${kind}: stopping Dunwell: ${String(err)}`));
    await server?.stop().catch((err) => console.error(`${kind}: stopping the server: ${String(err)}`));
  }
}

async function main() {
  const k = readKnobs();
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const scratch = (scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dunwell-bench-')));
  // Readable by the 'postgres' user that embedded PostgreSQL runs as when we are root.
  fs.chmodSync(scratch, 0o755);
  console.log(`scratch: ${scratch} (process logs there, one folder per server)`);
  // Bundled ahead once for every worker of the run, as in production (the Dockerfile does the same).
  const bundles = {
    worker: await writeWorkflowBundle(path.join(scratch, 'workflow-bundle.js')),
    bare: await bundleWorkflowCode({ workflowsPath: require.resolve('./workflows'), logger: new DefaultLogger('WARN') }),
  };
  const figures = new Map<ServerKind, Figure[]>();
  const described: string[] = [];
  const failures: string[] = [];
  for (const kind of k.servers) {
    const out: Figure[] = [];
    figures.set(kind, out);
    try {
      described.push(await measureOn(kind, k, scratch, bundles, out));
    } catch (err) {
      console.error(err);
      failures.push(`${kind}: failed (${(err as Error).message}); its figures up to the failure are in the table`);
    }
  }

  console.log(`\nDunwell benchmarks: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; ${k.seconds} s per load step, ${k.webhooks} webhooks, email rate ${k.shippedEmailRate}/s while creating, then ${k.emailRate}/s, spike at ${k.spikeEmailRate}/s, outgoing webhooks' steady pace ${k.outgoingRate} invoices/s; on each server one Dunwell worker and one API process, as their own processes\n`);
  for (const line of [...described, ...failures]) console.log(`  ${line}`);
  console.log('');
  printTable(k.servers, figures);

  // Kept after a failure: its logs say why.
  if (!k.keep && !failures.length) fs.rmSync(scratch, { recursive: true, force: true });
  else console.log(`\nscratch kept: ${scratch}`);
  process.exit(failures.length ? 1 : 0);
}

// Ctrl-C or a kill: exit, and the exit hooks of everything started take it down with us.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n[bench] ${signal}: stopping everything${scratchDir ? `; scratch kept: ${scratchDir}` : ''}`);
    process.exit(130);
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

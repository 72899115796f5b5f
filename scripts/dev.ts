// `npm start`: the whole of Dunwell on one machine. Starts (or reuses) Temporal and PostgreSQL,
// migrates, runs the worker and the API, and prints where everything is. Ctrl-C stops it all.
import { spawn, type ChildProcess } from 'node:child_process';
import { workerNodeOptions } from '../worker/node-options';
import fs from 'node:fs';
import path from 'node:path';
import { createOrm, migrate } from '../db/orm';
import { devSecrets } from './dev-secrets';
import { startEmbeddedPostgres, startTemporalDevServer, type RunningService } from './services';

const root = path.resolve(__dirname, '..');
const dataDir = path.join(root, '.data');

function runChild(name: string, script: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), [script], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (line: string) => `${name.padEnd(6)} | ${line}\n`;
  const pipe = (stream: NodeJS.ReadableStream, to: NodeJS.WriteStream) => {
    let buffer = '';
    stream.on('data', (chunk) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) to.write(prefix(line));
    });
  };
  pipe(child.stdout!, process.stdout);
  pipe(child.stderr!, process.stderr);
  return child;
}

async function main() {
  if (fs.existsSync(path.join(root, '.env'))) process.loadEnvFile(path.join(root, '.env'));
  fs.mkdirSync(dataDir, { recursive: true });
  const services: RunningService[] = [];
  const children: ChildProcess[] = [];
  let stopping = false;

  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping Dunwell…');
    await Promise.all(children.map((c) => new Promise<void>((resolve) => {
      if (c.exitCode !== null || c.signalCode !== null) return resolve();
      c.once('exit', () => resolve());
      c.kill('SIGTERM');
    })));
    await Promise.all(services.map((service) => service.stop().catch(() => {})));
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  const port = Number(process.env.PORT ?? 3000);
  const production = process.env.NODE_ENV === 'production';
  // Secrets from the environment are the user's: used, never printed. Only those npm start makes
  // (kept in .data/) are shown, and only in development.
  const secrets = devSecrets(dataDir, production);
  const { DUNWELL_API_KEY: apiKey, STRIPE_WEBHOOK_SECRET: stripeSecret, PAYMENTS_WEBHOOK_SECRET: paymentsSecret, RESEND_WEBHOOK_SECRET: resendWebhookSecret } = secrets.values;
  const { shown, made } = secrets;

  let temporalAddress = process.env.TEMPORAL_ADDRESS;
  let temporalUi = process.env.TEMPORAL_UI_URL ?? null;
  if (!temporalAddress) {
    console.log('Starting the Temporal dev server…');
    const temporal = await startTemporalDevServer({
      port: Number(process.env.TEMPORAL_PORT ?? 7233),
      uiPort: Number(process.env.TEMPORAL_UI_PORT ?? 8233),
      dbFile: path.join(dataDir, 'temporal.sqlite'),
      logFile: path.join(dataDir, 'temporal.log'),
    });
    services.push(temporal);
    temporalAddress = temporal.address;
    temporalUi = temporal.uiUrl;
  }

  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.log('Starting embedded PostgreSQL…');
    const pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), port: Number(process.env.PGPORT ?? 5433), database: 'dunwell' });
    services.push(pg);
    databaseUrl = pg.url;
    if (pg.dataDir !== path.join(dataDir, 'postgres')) console.log(`PostgreSQL keeps its data in ${pg.dataDir}: the 'postgres' user it runs as cannot enter ${dataDir}.`);
  }

  const orm = await createOrm(databaseUrl);
  await migrate(orm);
  await orm.close();

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DUNWELL_API_KEY: apiKey,
    STRIPE_WEBHOOK_SECRET: stripeSecret,
    PAYMENTS_WEBHOOK_SECRET: paymentsSecret,
    RESEND_WEBHOOK_SECRET: resendWebhookSecret,
    TEMPORAL_ADDRESS: temporalAddress,
    DATABASE_URL: databaseUrl,
    // Fewer glibc malloc arenas: the worker's many threads otherwise keep ~100 MB more resident.
    MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2',
  };
  for (const [name, script] of [['worker', 'worker/main.ts'], ['api', 'api/main.ts']] as const) {
    const child = runChild(name, script, name === 'worker' ? { ...env, NODE_OPTIONS: workerNodeOptions(env.NODE_OPTIONS) } : env);
    child.on('exit', (code) => {
      if (!stopping) {
        console.error(`${name} exited (${code}); stopping everything.`);
        void stopAll(1);
      }
    });
    children.push(child);
  }

  // The first start compiles the TypeScript on the fly: print the addresses once the API answers.
  const deadline = Date.now() + 180_000;
  while (!stopping && Date.now() < deadline) {
    const up = await fetch(`http://127.0.0.1:${port}/healthz`).then(() => true, () => false);
    if (up) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  if (stopping) return;

  const api = process.env.PUBLIC_URL ?? `http://localhost:${port}`;
  const outbox = process.env.RESEND_API_KEY ? '(sending through Resend: RESEND_API_KEY is set)'
    : production ? '(off in production)' : `${api}/outbox   (log in with any user name and the API key as password)`;
  const docsOn = process.env.API_DOCS ? process.env.API_DOCS === 'true' : !production;
  const docs = docsOn ? `${api}/docs   (OpenAPI: ${api}/openapi.json)` : '(off: API_DOCS=false, or production)';
  console.log(`
Dunwell is running. Ctrl-C stops everything; data stays in .data/ for the next start.

  API            ${api}/v1
  API docs       ${docs}
  Health         ${api}/healthz
  Temporal UI    ${temporalUi ?? '(external Temporal at ' + temporalAddress + ')'}
  Email outbox   ${outbox}
  PostgreSQL     ${databaseUrl.replace(/:[^:@/]+@/, ':***@')}

  API key                 ${shown('DUNWELL_API_KEY')}
  Stripe webhook secret   ${shown('STRIPE_WEBHOOK_SECRET')}
  Payments webhook secret ${shown('PAYMENTS_WEBHOOK_SECRET')}   (Standard Webhooks, /v1/webhooks/payments)
  Resend webhook secret   ${shown('RESEND_WEBHOOK_SECRET')}   (/v1/webhooks/resend)

${made.has('DUNWELL_API_KEY') ? 'Try:  export DUNWELL_API_KEY=$(cat .data/dev-api-key)   and' : 'Try:  with your DUNWELL_API_KEY,'} follow "Try it" in README.md.
`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

// `npm run start:cluster`: Dunwell as production runs it, on one machine. PostgreSQL; Temporal's
// four services as separate processes on it; the Web UI; two workers; two API processes behind
// a load balancer on the same port `npm start` uses, so README's "Try it" works unchanged.
// Ctrl-C stops all of it; the data stays in .data/cluster/ for the next start.
import fs from 'node:fs';
import path from 'node:path';
import { devSecrets } from '../scripts/dev-secrets';
import { startCluster } from './topology';
import { CLUSTER_VERSIONS, HISTORY_SHARDS } from './versions';

const root = path.resolve(__dirname, '..');
const dataDir = path.join(root, '.data');

async function main() {
  if (fs.existsSync(path.join(root, '.env'))) process.loadEnvFile(path.join(root, '.env'));
  const production = process.env.NODE_ENV === 'production';
  const secrets = devSecrets(dataDir, production);
  const apiPort = Number(process.env.PORT ?? 3000);
  const passThrough = Object.fromEntries(Object.entries(process.env).filter(([k, v]) => v !== undefined && /^(RESEND_|EMAIL_|PUBLIC_URL|METRICS_TOKEN|API_DOCS|TRUST_PROXY|RATE_LIMIT_|AUDIT_|WORKER_MAX_CACHED|NODE_ENV)/.test(k))) as Record<string, string>;
  console.log(`Starting the cluster (Temporal server ${CLUSTER_VERSIONS.temporalServer}, UI ${CLUSTER_VERSIONS.uiServer}); the first start builds them (some minutes)…`);
  const cluster = await startCluster({
    dir: path.join(dataDir, 'cluster'),
    apiPort,
    uiPort: Number(process.env.TEMPORAL_UI_PORT ?? 8233),
    frontendPort: Number(process.env.TEMPORAL_PORT ?? 7233),
    pgPort: Number(process.env.PGPORT ?? 5434),
    databaseUrl: process.env.DATABASE_URL,
    workers: Number(process.env.CLUSTER_WORKERS ?? 2),
    apis: Number(process.env.CLUSTER_APIS ?? 2),
    env: { ...passThrough, ...secrets.values },
    log: (line) => console.log(`  ${line}`),
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the cluster…');
    await cluster.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  const api = process.env.PUBLIC_URL ?? `http://localhost:${apiPort}`;
  const logs = path.join(dataDir, 'cluster', 'logs');
  const pids = (list: { name: string; pid(): number | undefined }[]) => list.map((p) => `${p.name} (pid ${p.pid()})`).join(', ');
  console.log(`
Dunwell is running as a cluster. Ctrl-C stops everything; data stays in .data/cluster/.

  API            ${api}/v1   (load balancer over ${pids(cluster.apis)})
  Health         ${api}/healthz
  Workers        ${pids(cluster.workers)}
  Temporal       ${cluster.temporalAddress}   (${pids(Object.values(cluster.temporal))}; ${HISTORY_SHARDS} history shards)
  Temporal UI    ${cluster.uiUrl}
  Email outbox   ${process.env.RESEND_API_KEY ? '(sending through Resend)' : production ? '(off in production)' : `${api}/outbox`}
  PostgreSQL     ${cluster.databaseUrl.replace(/:[^:@/]+@/, ':***@')}   (Dunwell; Temporal in temporal and temporal_visibility)
  Logs           ${logs}/

  API key        ${secrets.shown('DUNWELL_API_KEY')}

${secrets.made.has('DUNWELL_API_KEY') ? 'Try:  export DUNWELL_API_KEY=$(cat .data/dev-api-key)   and' : 'Try:  with your DUNWELL_API_KEY,'} follow "Try it" in README.md.
`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

// The production topology on one machine: PostgreSQL; Temporal's frontend, history, matching and
// worker services as separate processes sharing it (persistence and visibility); the Web UI;
// Dunwell's workers and API processes, the APIs behind a load balancer. Each process is
// supervised (restarted when it dies); tests crash and restart them one by one.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createOrm, migrate } from '../db/orm';
import { startEmbeddedPostgres, withDatabase, type EmbeddedPostgresServer } from '../scripts/services';
import { workerNodeOptions } from '../worker/node-options';
import { startBalancer, type Balancer } from './balancer';
import { ensureClusterBinaries } from './binaries';
import { supervise, type Supervised } from './process';
import { registerNamespace, setupTemporalSchemas } from './schema';
import { parsePostgresUrl, writeDynamicConfig, writeTemporalConfig, type ServicePorts } from './temporal-config';
import { TEMPORAL_SERVICES, type TemporalService } from './versions';

const ROOT = path.resolve(__dirname, '..');

export interface ClusterOptions {
  /** Logs, configuration and (embedded) PostgreSQL data. */
  dir: string;
  /** The load balancer in front of the APIs (what PUBLIC_URL points at). */
  apiPort: number;
  uiPort: number;
  frontendPort: number;
  workers: number;
  apis: number;
  /** External PostgreSQL for Dunwell (its server also gets Temporal's two databases); unset: embedded. */
  databaseUrl?: string;
  pgPort?: number;
  /** Dunwell's configuration for every worker and API (secrets, PUBLIC_URL, Resend, …). */
  env: Record<string, string>;
  log?: (line: string) => void;
}

export interface Cluster {
  temporalAddress: string;
  uiUrl: string;
  apiUrl: string;
  databaseUrl: string;
  temporal: Record<TemporalService, Supervised>;
  ui: Supervised;
  workers: Supervised[];
  apis: Supervised[];
  /** Embedded PostgreSQL stopped and started again on the same data (null with an external one). */
  restartPostgres: (() => Promise<void>) | null;
  stop(): Promise<void>;
}

const portOpen = (port: number) => new Promise<boolean>((resolve) => {
  const socket = net.connect({ port, host: '127.0.0.1' });
  socket.once('connect', () => { socket.destroy(); resolve(true); });
  socket.once('error', () => resolve(false));
});

/**
 * Ports for the cluster's own listeners, from 20000–32767: below the kernel's ephemeral range
 * (32768 and up), where a free port can be taken by any outgoing connection before its server
 * binds it; and below 32768 because Temporal keeps membership ports in a smallint column.
 */
const taken = new Set<number>();
export async function clusterPort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (taken.has(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) {
      taken.add(port);
      return port;
    }
  }
}

const logSays = (file: string, from: number, text: string) => fs.readFileSync(file, 'utf8').slice(from).includes(text);

export async function startCluster(opts: ClusterOptions): Promise<Cluster> {
  const log = opts.log ?? (() => {});
  const logs = path.join(opts.dir, 'logs');
  fs.mkdirSync(logs, { recursive: true });
  const started: Supervised[] = [];
  let pg: EmbeddedPostgresServer | null = null;
  let balancer: Balancer | null = null;
  const stop = async () => {
    await balancer?.stop();
    // Dunwell first, then Temporal, then the database everything writes to.
    for (const group of [started.filter((s) => /^(api|worker)-/.test(s.name)), started.filter((s) => !/^(api|worker)-/.test(s.name))]) {
      await Promise.all(group.map((s) => s.stop()));
    }
    await pg?.stop();
  };
  try {
    const bin = await ensureClusterBinaries();

    let databaseUrl = opts.databaseUrl;
    const pgOptions = { dataDir: path.join(opts.dir, 'postgres'), port: opts.pgPort ?? (await clusterPort()), database: 'dunwell' };
    if (!databaseUrl) {
      log('starting PostgreSQL…');
      pg = await startEmbeddedPostgres(pgOptions);
      databaseUrl = pg.url;
    }
    const serverUrl = withDatabase(databaseUrl, 'postgres');
    log('setting up Temporal\'s schemas…');
    await setupTemporalSchemas(bin, serverUrl);

    const ports = {} as ServicePorts;
    for (const name of TEMPORAL_SERVICES) {
      ports[name] = { grpc: name === 'frontend' ? opts.frontendPort : await clusterPort(), membership: await clusterPort(), ...(name === 'frontend' ? { http: await clusterPort() } : {}) };
    }
    const dynamicConfig = path.join(opts.dir, 'temporal-dynamic-config.yaml');
    writeDynamicConfig(dynamicConfig);
    log('starting Temporal: frontend, history, matching, worker…');
    const temporal = {} as Record<TemporalService, Supervised>;
    await Promise.all(TEMPORAL_SERVICES.map(async (name) => {
      const configFile = path.join(opts.dir, `temporal-${name}.yaml`);
      writeTemporalConfig(configFile, { pg: parsePostgresUrl(serverUrl), ports, metricsPort: await clusterPort(), dynamicConfigFile: dynamicConfig });
      temporal[name] = await supervise({
        name: `temporal-${name}`, command: bin.server, args: ['--config-file', configFile, '--allow-no-auth', 'start', '--service', name],
        logFile: path.join(logs, `temporal-${name}.log`), ready: () => portOpen(ports[name].grpc), readyTimeoutMs: 180_000,
      });
      started.push(temporal[name]);
    }));
    const temporalAddress = `127.0.0.1:${opts.frontendPort}`;
    await registerNamespace(temporalAddress);

    const uiConfigDir = path.join(opts.dir, 'ui-config');
    fs.mkdirSync(uiConfigDir, { recursive: true });
    const uiConfig = { temporalGrpcAddress: temporalAddress, host: '127.0.0.1', port: opts.uiPort, enableUi: true, defaultNamespace: 'default', disableNewsFetch: true, cors: { allowOrigins: [`http://127.0.0.1:${opts.uiPort}`, `http://localhost:${opts.uiPort}`] } };
    fs.writeFileSync(path.join(uiConfigDir, 'cluster.yaml'), JSON.stringify(uiConfig, null, 2));
    const ui = await supervise({
      name: 'temporal-ui', command: bin.uiServer, args: ['--root', opts.dir, '--config', 'ui-config', '--env', 'cluster', 'start'],
      logFile: path.join(logs, 'temporal-ui.log'), ready: () => fetch(`http://127.0.0.1:${opts.uiPort}/`).then((r) => r.ok),
    });
    started.push(ui);

    const orm = await createOrm(databaseUrl);
    await migrate(orm);
    await orm.close();

    const common: NodeJS.ProcessEnv = {
      PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: process.env.NODE_ENV ?? 'development',
      PUBLIC_URL: `http://localhost:${opts.apiPort}`,
      ...opts.env,
      TEMPORAL_ADDRESS: temporalAddress, DATABASE_URL: databaseUrl, HOST: '127.0.0.1', MALLOC_ARENA_MAX: '2',
    };
    const node = (script: string) => ({ command: process.execPath, args: ['--import', 'tsx', script], cwd: ROOT });
    log(`starting ${opts.workers} Dunwell workers and ${opts.apis} API processes…`);
    const workers = await Promise.all(Array.from({ length: opts.workers }, async (_, i) => {
      // The worker's /metrics and, on the next port, its SDK exporter.
      let metrics = await clusterPort();
      while (taken.has(metrics + 1)) metrics = await clusterPort();
      taken.add(metrics + 1);
      const w = await supervise({
        name: `worker-${i + 1}`, ...node('worker/main.ts'), logFile: path.join(logs, `worker-${i + 1}.log`), readyTimeoutMs: 180_000, graceMs: 40_000,
        env: { ...common, WORKER_METRICS_PORT: String(metrics), NODE_OPTIONS: workerNodeOptions() },
        ready: async (from) => logSays(path.join(logs, `worker-${i + 1}.log`), from, '"msg":"worker running"'),
      });
      started.push(w);
      return w;
    }));
    const apiPorts: number[] = [];
    const apis = await Promise.all(Array.from({ length: opts.apis }, async (_, i) => {
      const port = await clusterPort();
      apiPorts.push(port);
      const a = await supervise({
        name: `api-${i + 1}`, ...node('api/main.ts'), logFile: path.join(logs, `api-${i + 1}.log`), readyTimeoutMs: 180_000,
        env: { ...common, PORT: String(port) },
        ready: () => fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok),
      });
      started.push(a);
      return a;
    }));
    balancer = await startBalancer({ port: opts.apiPort, backends: () => apiPorts });

    return {
      temporalAddress,
      uiUrl: `http://127.0.0.1:${opts.uiPort}`,
      apiUrl: `http://127.0.0.1:${balancer.port}`,
      databaseUrl,
      temporal, ui, workers, apis,
      restartPostgres: pg ? async () => { await pg!.stop(); pg = await startEmbeddedPostgres(pgOptions); } : null,
      stop,
    };
  } catch (err) {
    await stop().catch(() => {});
    throw err;
  }
}

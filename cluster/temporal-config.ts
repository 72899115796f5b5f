// The Temporal server's configuration for one process of the cluster: persistence and visibility
// on PostgreSQL, every service's ports (so each process finds the others through the membership
// ring), and this process's own metrics port. YAML is a superset of JSON, so JSON is written.
import fs from 'node:fs';
import path from 'node:path';
import { HISTORY_SHARDS, TEMPORAL_SERVICES, type TemporalService } from './versions';

export interface PostgresTarget { host: string; port: number; user: string; password: string }

export type ServicePorts = Record<TemporalService, { grpc: number; membership: number; http?: number }>;

export const TEMPORAL_DATABASES = { default: 'temporal', visibility: 'temporal_visibility' } as const;

export function parsePostgresUrl(url: string): PostgresTarget {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port || 5432), user: decodeURIComponent(u.username), password: decodeURIComponent(u.password) };
}

function datastore(pg: PostgresTarget, databaseName: string, maxConns: number) {
  return {
    sql: {
      pluginName: 'postgres12', databaseName, connectAddr: `${pg.host}:${pg.port}`, connectProtocol: 'tcp',
      user: pg.user, password: pg.password, maxConns, maxIdleConns: maxConns, maxConnLifetime: '1h',
    },
  };
}

export function writeTemporalConfig(file: string, opts: { pg: PostgresTarget; ports: ServicePorts; metricsPort: number; dynamicConfigFile: string }): void {
  const { pg, ports } = opts;
  const services = Object.fromEntries(TEMPORAL_SERVICES.map((name) => [name, {
    rpc: { grpcPort: ports[name].grpc, membershipPort: ports[name].membership, bindOnIP: '127.0.0.1', ...(ports[name].http ? { httpPort: ports[name].http } : {}) },
  }]));
  const config = {
    log: { stdout: true, level: 'warn', format: 'json' },
    persistence: {
      defaultStore: 'postgres-default',
      visibilityStore: 'postgres-visibility',
      numHistoryShards: HISTORY_SHARDS,
      datastores: {
        'postgres-default': datastore(pg, TEMPORAL_DATABASES.default, 20),
        'postgres-visibility': datastore(pg, TEMPORAL_DATABASES.visibility, 5),
      },
    },
    global: {
      membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' },
      metrics: { prometheus: { framework: 'tally', timerType: 'histogram', listenAddress: `127.0.0.1:${opts.metricsPort}` } },
    },
    services,
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: { active: { enabled: true, initialFailoverVersion: 1, rpcName: 'frontend', rpcAddress: `127.0.0.1:${ports.frontend.grpc}` } },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    dynamicConfigClient: { filepath: opts.dynamicConfigFile, pollInterval: '10s' },
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
}

/** Dynamic config: search attributes usable as soon as they are registered (no cache delay). */
export function writeDynamicConfig(file: string): void {
  fs.writeFileSync(file, [
    'system.forceSearchAttributesCacheRefreshOnRead:',
    '  - value: true',
    '    constraints: {}',
    '',
  ].join('\n'));
}

// One place that knows how to reach Temporal: a local dev server, a self-hosted cluster, or Temporal Cloud.
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { Config } from './env';

type TemporalConfig = Pick<Config, 'TEMPORAL_ADDRESS' | 'TEMPORAL_NAMESPACE' | 'TEMPORAL_API_KEY' | 'TEMPORAL_TLS'>;

function connectionOptions(config: TemporalConfig) {
  const tls = config.TEMPORAL_TLS === 'true' || (config.TEMPORAL_TLS === undefined && !!config.TEMPORAL_API_KEY);
  return { address: config.TEMPORAL_ADDRESS, apiKey: config.TEMPORAL_API_KEY, tls: tls ? {} : undefined };
}

export async function connectClient(config: TemporalConfig): Promise<Client> {
  const connection = await Connection.connect(connectionOptions(config));
  return new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
}

export async function connectWorkerConnection(config: TemporalConfig): Promise<NativeConnection> {
  return NativeConnection.connect(connectionOptions(config));
}

// One place that knows how to reach Temporal: a local dev server, a self-hosted cluster, or Temporal Cloud.
import fs from 'node:fs';
import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { Config } from './env';

type TemporalConfig = Pick<Config, 'TEMPORAL_ADDRESS' | 'TEMPORAL_NAMESPACE' | 'TEMPORAL_API_KEY' | 'TEMPORAL_TLS' | 'TEMPORAL_TLS_CERT_PATH' | 'TEMPORAL_TLS_KEY_PATH'>;

/** API key (Temporal Cloud), mTLS (Cloud or a self-hosted cluster), plain TLS, or none (local). */
function connectionOptions(config: TemporalConfig) {
  const mtls = config.TEMPORAL_TLS_CERT_PATH && config.TEMPORAL_TLS_KEY_PATH
    ? { clientCertPair: { crt: fs.readFileSync(config.TEMPORAL_TLS_CERT_PATH), key: fs.readFileSync(config.TEMPORAL_TLS_KEY_PATH) } }
    : null;
  const tls = mtls ?? (config.TEMPORAL_TLS === 'true' || (config.TEMPORAL_TLS === undefined && !!config.TEMPORAL_API_KEY) ? {} : undefined);
  return { address: config.TEMPORAL_ADDRESS, apiKey: config.TEMPORAL_API_KEY, tls };
}

/**
 * The API answers people and webhook senders, who retry on a 503 themselves: with Temporal
 * unreachable it gives up after about 2 s of retries rather than the SDK's default of about 15 s.
 * The worker and the reconciler keep the default patience.
 */
export function apiGrpcInterceptors() {
  return [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 6 }))];
}

export async function connectClient(config: TemporalConfig, { forApi = false } = {}): Promise<Client> {
  const connection = await Connection.connect({ ...connectionOptions(config), ...(forApi ? { interceptors: apiGrpcInterceptors() } : {}) });
  return new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
}

export async function connectWorkerConnection(config: TemporalConfig): Promise<NativeConnection> {
  return NativeConnection.connect(connectionOptions(config));
}

// Configuration from the environment, checked once at start-up so a typo fails loudly.
import { z } from 'zod';
import { DEFAULT_TASK_QUEUE } from '../workflows/task-queues';
import { parseTrustProxy, type TrustProxy } from './trust-proxy';
import { DEFAULT_WEBHOOK_SETTINGS, type WebhookSettings } from '../services/webhook-settings';
import { DEFAULT_OWNER_LINK_DAYS, deriveOwnerLinkSecret, type OwnerLinks } from '../services/owner-links';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  PUBLIC_URL: z.string().url().optional(),
  DUNWELL_API_KEY: z.string().min(16, 'DUNWELL_API_KEY must be at least 16 characters').optional(),
  DATABASE_URL: z.string().min(1, 'DATABASE_URL is required'),
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_API_KEY: z.string().optional(),
  TEMPORAL_TLS: z.enum(['true', 'false']).optional(),
  /** mTLS client certificate and key (PEM files), for Temporal Cloud or a self-hosted cluster. */
  TEMPORAL_TLS_CERT_PATH: z.string().optional(),
  TEMPORAL_TLS_KEY_PATH: z.string().optional(),
  TEMPORAL_TASK_QUEUE: z.string().default(DEFAULT_TASK_QUEUE),
  /** Only when several deployments share one namespace: keeps their workflow ids apart. */
  WORKFLOW_ID_PREFIX: z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/).default('invoice-'),
  RESEND_API_KEY: z.string().optional(),
  RESEND_BASE_URL: z.string().url().optional(),
  EMAIL_FROM: z.string().default('Dunwell <invoices@dunwell.local>'),
  /**
   * Resend's limit for the team, shared by all its API keys: 5 requests per second by default
   * (its docs said 2 before). Enforced by Temporal across all workers (the email queue's rate).
   */
  EMAIL_RATE_PER_SECOND: z.coerce.number().positive().default(5),
  /**
   * Workflows a worker keeps in memory between their tasks. The SDK's default grows with the heap
   * limit (about 2,300 on this 24 GiB machine, some 0.4 MB each); a fixed bound keeps a worker's
   * memory flat however many invoices are open. An invoice's tasks are minutes to days apart, so
   * the cache buys little: an evicted one is replayed from its short history when its timer fires.
   */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).default(100),
  /** A workflow bundle built ahead (`npm run bundle:workflows`); unset: the worker bundles at start. */
  WORKFLOW_BUNDLE_PATH: z.string().optional(),
  /** The worker's /metrics (its SDK exporter takes the next port). */
  WORKER_METRICS_PORT: z.coerce.number().int().min(1).max(65534).default(9464),
  /** How often the worker's auditor compares each invoice's record with its workflow (0: never; POST /v1/audit runs it on demand). */
  AUDIT_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(600),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  PAYMENTS_WEBHOOK_SECRET: z.string().regex(/^whsec_[A-Za-z0-9+/=]+$/, 'must be whsec_ followed by base64').optional(),
  RESEND_WEBHOOK_SECRET: z.string().regex(/^whsec_[A-Za-z0-9+/=]+$/, 'must be whsec_ followed by base64').optional(),
  /** Bearer token for the API's and the worker's /metrics; required in production. */
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
  /** /docs and /openapi.json; default on in development, off in production. */
  API_DOCS: z.enum(['true', 'false']).optional(),
  /** Express's `trust proxy`: a hop count or comma-separated addresses, CIDRs, loopback/linklocal/uniquelocal. */
  TRUST_PROXY: z.string().optional(),
  /** Outgoing webhooks to loopback, private and link-local addresses (refused unless true: tests, a private network). */
  WEBHOOK_ALLOW_PRIVATE_URLS: z.enum(['true', 'false']).default('false'),
  /** A failed delivery is retried after this, doubling up to WEBHOOK_RETRY_MAX_SECONDS, for WEBHOOK_RETRY_FOR_SECONDS in all. */
  WEBHOOK_RETRY_INITIAL_SECONDS: z.coerce.number().int().min(1).default(DEFAULT_WEBHOOK_SETTINGS.retry.initialSeconds),
  WEBHOOK_RETRY_MAX_SECONDS: z.coerce.number().int().min(1).default(DEFAULT_WEBHOOK_SETTINGS.retry.maximumSeconds),
  WEBHOOK_RETRY_FOR_SECONDS: z.coerce.number().int().min(1).default(DEFAULT_WEBHOOK_SETTINGS.retry.totalSeconds),
  /** An endpoint whose every delivery failed this long is disabled and the owner emailed. */
  WEBHOOK_DISABLE_AFTER_SECONDS: z.coerce.number().int().min(1).default(DEFAULT_WEBHOOK_SETTINGS.disableAfterSeconds),
  /** Days the event log keeps an event (GET /v1/events) and its deliveries. */
  EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(DEFAULT_WEBHOOK_SETTINGS.retentionDays),
  /**
   * Signs the owner's one-click task links (/o/<token>); the API and every worker need the same.
   * Unset: derived from DUNWELL_API_KEY (so rotating the key ends the links issued under it).
   */
  OWNER_LINK_SECRET: z.string().min(32, 'OWNER_LINK_SECRET must be at least 32 characters').optional(),
  /** How many days an owner's task link works; GET /v1/tasks hands out a fresh one. */
  OWNER_LINK_DAYS: z.coerce.number().int().min(1).max(90).default(DEFAULT_OWNER_LINK_DAYS),
  RATE_LIMIT_PUBLIC_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  RATE_LIMIT_OWNER_PER_MINUTE: z.coerce.number().int().min(1).default(6000),
  RATE_LIMIT_WEBHOOKS_PER_MINUTE: z.coerce.number().int().min(1).default(6000),
});

export type Config = z.infer<typeof schema> & { publicUrl: string; apiDocs: boolean; trustProxy: TrustProxy; webhooks: WebhookSettings; ownerLinks: OwnerLinks | null };

/** What production refuses to start without, and why: named all at once. */
const REQUIRED_IN_PRODUCTION = {
  DUNWELL_API_KEY: 'the owner API key',
  METRICS_TOKEN: 'the bearer token for /metrics',
} as const;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty value (`VAR=` in .env, `${VAR:-}` in compose) means unset, not an invalid secret.
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  const config = parsed.data;
  const production = config.NODE_ENV === 'production';
  const missing = production ? Object.entries(REQUIRED_IN_PRODUCTION).filter(([name]) => !config[name as keyof typeof REQUIRED_IN_PRODUCTION]) : [];
  if (missing.length > 0) {
    throw new Error(`Missing in production (NODE_ENV=production), Dunwell refuses to start without:\n${missing.map(([name, what]) => `  ${name}: ${what}`).join('\n')}`);
  }
  let trustProxy: TrustProxy;
  try {
    trustProxy = parseTrustProxy(config.TRUST_PROXY);
  } catch (err) {
    throw new Error(`Invalid configuration:\n  TRUST_PROXY: ${(err as Error).message}`);
  }
  return {
    ...config,
    publicUrl: config.PUBLIC_URL ?? `http://localhost:${config.PORT}`,
    apiDocs: config.API_DOCS ? config.API_DOCS === 'true' : !production,
    trustProxy,
    webhooks: {
      ...DEFAULT_WEBHOOK_SETTINGS,
      allowPrivateUrls: config.WEBHOOK_ALLOW_PRIVATE_URLS === 'true',
      retry: { initialSeconds: config.WEBHOOK_RETRY_INITIAL_SECONDS, maximumSeconds: config.WEBHOOK_RETRY_MAX_SECONDS, totalSeconds: config.WEBHOOK_RETRY_FOR_SECONDS },
      disableAfterSeconds: config.WEBHOOK_DISABLE_AFTER_SECONDS,
      retentionDays: config.EVENT_RETENTION_DAYS,
    },
    // Null only where neither secret is set (a worker run by hand): its owner emails go without a link.
    ownerLinks: ownerLinksOf(config),
  };
}

function ownerLinksOf(config: z.infer<typeof schema>): OwnerLinks | null {
  const secret = config.OWNER_LINK_SECRET ?? (config.DUNWELL_API_KEY ? deriveOwnerLinkSecret(config.DUNWELL_API_KEY) : null);
  return secret ? { secret, days: config.OWNER_LINK_DAYS } : null;
}

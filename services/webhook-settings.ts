// How outgoing webhooks behave: where they may go, how long a delivery is retried, when a
// failing endpoint is turned off. From the environment (config/env.ts); tests shorten them.
export interface WebhookSettings {
  /** Loopback, private and link-local destinations: refused unless this is set (tests, a private network). */
  allowPrivateUrls: boolean;
  /** Backoff: the first retry after `initialSeconds`, doubling up to `maximumSeconds`, for `totalSeconds` in all. */
  retry: { initialSeconds: number; maximumSeconds: number; totalSeconds: number };
  /** An endpoint whose every attempt failed for this long is disabled and the owner told. */
  disableAfterSeconds: number;
  /** One attempt's limit, connection to answer. */
  timeoutSeconds: number;
  /** Events are kept this many days (GET /v1/events), with their deliveries. */
  retentionDays: number;
}

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = {
  allowPrivateUrls: false,
  // 30 s, 1, 2, 4 … minutes, then every 6 hours: some 20 attempts over three days, as Stripe retries.
  retry: { initialSeconds: 30, maximumSeconds: 6 * 3600, totalSeconds: 3 * 86_400 },
  disableAfterSeconds: 3 * 86_400,
  timeoutSeconds: 10,
  retentionDays: 30,
};

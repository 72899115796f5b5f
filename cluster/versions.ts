// The production topology's parts, pinned in one place. The Temporal server and its Web UI are
// built from their Go modules once per version and cached outside the checkout (binaries.ts).
export const CLUSTER_VERSIONS = {
  /** go.temporal.io/server: the server (frontend, history, matching, worker) and temporal-sql-tool. */
  temporalServer: '1.32.2',
  /** github.com/temporalio/ui-server/v2: the Temporal Web UI for an external server (also the require line of tools/temporal-ui-build/go.mod, checked at build). */
  uiServer: '2.58.1',
  /** The server module needs a newer Go than the machine's; `go` fetches this toolchain itself. */
  goToolchain: 'go1.27.3',
} as const;

/** History shards: fixed when the cluster's database is first set up, never changed afterwards. */
export const HISTORY_SHARDS = 4;

/** Temporal's four services, each its own process in the cluster. */
export const TEMPORAL_SERVICES = ['frontend', 'history', 'matching', 'worker'] as const;
export type TemporalService = (typeof TEMPORAL_SERVICES)[number];

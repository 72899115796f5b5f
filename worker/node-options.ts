/**
 * Node options for a worker process: its heap capped at 256 MB, so V8 collects before growing and,
 * with the bounded workflow cache, the worker stays under 400 MB resident however many invoices
 * are open (README, benchmarks). Whoever starts a worker (npm start, the bench) passes these.
 */
export function workerNodeOptions(existing = ''): string {
  return existing.includes('--max-old-space-size') ? existing : `${existing} --max-old-space-size=256`.trim();
}

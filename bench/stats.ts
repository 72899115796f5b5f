// Load generation and percentiles.

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

/**
 * Runs `op` from `concurrency` loops for `seconds` (or until `total` operations have started);
 * returns operations per second and each operation's latency in ms.
 */
export async function load(concurrency: number, seconds: number, op: (i: number) => Promise<void>, total = Infinity) {
  const started = performance.now();
  const deadline = Date.now() + seconds * 1000;
  const latencies: number[] = [];
  let n = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (Date.now() < deadline && n < total) {
      const begun = performance.now();
      await op(n++);
      latencies.push(performance.now() - begun);
    }
  }));
  return { perSecond: latencies.length / ((performance.now() - started) / 1000), latencies };
}

/**
 * Starts `op` at a fixed rate (open loop: a slow answer does not slow the next start) until
 * `seconds` have passed or `total` have started; returns each operation's latency in ms.
 */
export async function paced(perSecond: number, seconds: number, op: (i: number) => Promise<void>, total = Infinity) {
  const started = Date.now();
  const latencies: number[] = [];
  const running: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const at = started + (i * 1000) / perSecond;
    if (at - started >= seconds * 1000) break;
    await new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));
    running.push((async () => {
      const begun = performance.now();
      await op(i);
      latencies.push(performance.now() - begun);
    })());
  }
  await Promise.all(running);
  return { latencies };
}

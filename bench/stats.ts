// Load generation and the figures the benchmark prints.

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

export interface Row {
  measure: string;
  dunwell: string;
  bare: string;
  ratio: string;
  goal: string;
  /** null: a figure with no goal of its own. */
  met: boolean | null;
}

export function printTable(rows: Row[]): void {
  const header = ['measure', 'Dunwell', 'bare Temporal', 'ratio', 'goal', 'met'];
  const cells = rows.map((r) => [r.measure, r.dunwell, r.bare, r.ratio, r.goal, r.met === null ? '' : r.met ? 'yes' : 'no']);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  console.log([line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n'));
}

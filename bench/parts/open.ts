// Open invoices: issued until BENCH_OPEN_INVOICES are open and every invoice email has gone out,
// so each workflow waits on its next timer; then the worker's resident memory (from /proc), its
// V8 heap, and what the Temporal server and Dunwell keep on disk.
import type { Knobs } from '../config';
import { sampleRss } from '../proc';
import { load } from '../stats';
import type { Figure } from '../table';
import type { Target } from '../target';

export async function openPart(t: Target, k: Knobs, out: Figure[]): Promise<void> {
  const peak = sampleRss(() => t.worker().pid, 1000);
  const have = await t.count(`select count(*) n from invoice where status = 'open'`);
  const started = performance.now();
  const filled = await load(32, Infinity, async (i) => void (await t.createInvoice(i)), Math.max(0, k.openInvoices - have));
  await t.settle();
  const fillSeconds = (performance.now() - started) / 1000;
  await new Promise((r) => setTimeout(r, 5_000));
  const peakRss = peak.stop();
  const open = await t.count(`select count(*) n from invoice where status = 'open'`);
  const restRss = t.worker().rssMb();
  const heapMb = (await t.workerMetric('dunwell_process_nodejs_heap_size_used_bytes')) / 2 ** 20;
  const cached = await t.workerMetric('temporal_sticky_cache_size');
  const storeMb = await t.server.temporalStoreMb();
  const pgMb = (await t.count('select pg_database_size(current_database()) n')) / 2 ** 20;
  out.push({ measure: `open invoices on their timers (BENCH_OPEN_INVOICES ${k.openInvoices}), reached`, dunwell: String(open) });
  out.push({ measure: '… worker RSS at rest, MB', dunwell: restRss.toFixed(0), goal: '≤ 400 MB', met: restRss <= 400 });
  out.push({ measure: '… of which V8 heap in use, MB', dunwell: heapMb.toFixed(0) });
  out.push({ measure: '… workflows in the worker\'s cache', dunwell: String(cached) });
  out.push({ measure: 'worker RSS peak while filling, MB', dunwell: peakRss.toFixed(0), goal: '≤ 400 MB', met: peakRss <= 400 });
  out.push({ measure: 'Temporal server\'s store, MB (dev: SQLite file and WAL; cluster: its two PostgreSQL databases)', dunwell: storeMb.toFixed(0) });
  out.push({ measure: 'Dunwell\'s PostgreSQL database, MB', dunwell: pgMb.toFixed(0) });
  out.push({ measure: 'filling: invoices issued and emailed, per second', dunwell: (filled.latencies.length / fillSeconds).toFixed(1) });
}

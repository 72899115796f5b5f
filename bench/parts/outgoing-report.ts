// The outgoing-webhooks part's rows of the table (bench/parts/outgoing.ts measures them).
import { OUTGOING_CONCURRENCY as CONCURRENCY, type Knobs } from '../config';
import { describeLaneTimes } from '../lane-history';
import { percentile } from '../stats';
import { ratio, type Figure } from '../table';
import type { BenchReceiver } from '../webhook-receiver';
import type { Delivered, Issued, Spent } from './outgoing';

interface Results {
  none: Issued;
  burst: Issued & { delivered: Delivered };
  steady: Issued & { delivered: Delivered };
  bareBurst: { delivered: Delivered; spent: Spent };
  bareSteady: { delivered: Delivered; spent: Spent };
  attempts: { first: number; n: number; lanes: number };
  receiver: BenchReceiver;
}

const ms = (v: number) => v.toFixed(0);
const pair = (values: number[]) => `${ms(percentile(values, 50))} / ${ms(percentile(values, 95))}`;
const perInvoice = (s: Spent, n: number, key: 'workerCpu' | 'serverCpu') => ((s[key] * 1000) / n).toFixed(1);

/** p50 and p95 rows of one latency, Dunwell beside bare. */
function latencyRows(out: Figure[], measure: string, dunwell: number[], bare: number[], bareSays = ''): void {
  for (const p of [50, 95]) {
    const [d, b] = [percentile(dunwell, p), percentile(bare, p)];
    out.push({ measure: `${measure}, p${p} ms${p === 50 ? bareSays : ''}`, dunwell: ms(d), bare: ms(b), ratio: ratio(d, Math.max(1, b)) });
  }
}

export function report(k: Knobs, out: Figure[], r: Results): void {
  const { none, burst, steady, bareBurst, bareSteady, receiver } = r;
  const head = `outgoing webhooks, one endpoint subscribed to every event, ${k.seconds} s a step`;
  out.push({ measure: `${head}: invoices issued per second, ${CONCURRENCY} concurrent, no endpoint / one endpoint`, dunwell: `${none.perSecond.toFixed(1)} / ${burst.perSecond.toFixed(1)}` });
  out.push({ measure: '… issued with the endpoint ÷ without', dunwell: ratio(burst.perSecond, none.perSecond) });
  out.push({ measure: '… POST /v1/invoices p50 / p95 ms, no endpoint', dunwell: pair(none.latencies) });
  out.push({ measure: '… POST /v1/invoices p50 / p95 ms, one endpoint', dunwell: pair(burst.latencies) });

  const s = steady.delivered;
  const b = bareSteady.delivered;
  const pace = `… at a steady ${k.outgoingRate} invoices/s for ${2 * k.seconds} s`;
  latencyRows(out, `${pace}: POST start → invoice.issued received`, s.issued, b.issued, '; bare: lanes fed at the same pace, first signal-with-start → first event received');
  latencyRows(out, `${pace}: POST start → invoice.sent received (both in)`, s.sent, b.sent, '; bare: → second event received');
  latencyRows(out, `${pace}: each event, its timestamp → received`, s.perEvent, b.perEvent, '; bare: its signal-with-start → received');
  out.push({ measure: `${pace}: of which per event (30 lanes' histories), queue wait / run, ms`, dunwell: describeLaneTimes(s.lanes), bare: describeLaneTimes(b.lanes) });

  const u = burst.delivered;
  const ub = bareBurst.delivered;
  const inBurst = `… in the ${CONCURRENCY}-concurrent burst (the worker falls behind)`;
  latencyRows(out, `${inBurst}: POST start → invoice.sent received`, u.sent, ub.sent, '; bare: lanes fed as many at the burst\'s rate');
  latencyRows(out, `${inBurst}: each event, its timestamp → received`, u.perEvent, ub.perEvent);
  out.push({ measure: `${inBurst}: of which per event (30 lanes' histories), queue wait / run, ms`, dunwell: describeLaneTimes(u.lanes), bare: describeLaneTimes(ub.lanes) });

  const events = u.perEvent.length + s.perEvent.length;
  const invoices = u.invoices + s.invoices;
  out.push({
    measure: '… events received / in order per invoice / repeated / refused signatures',
    dunwell: `${events}/${2 * invoices}, ${u.inOrder + s.inOrder}/${invoices}, ${receiver.repeats}, ${receiver.refused}`,
    bare: `${ub.perEvent.length + b.perEvent.length}, ${ub.inOrder + b.inOrder}`,
  });
  out.push({ measure: '… deliveries on their first attempt / deliveries / lanes', dunwell: `${r.attempts.first}/${r.attempts.n}/${r.attempts.lanes}` });
  out.push({ measure: '… worker RSS peak in the burst, no endpoint / one endpoint, MB', dunwell: `${none.spent.rssPeak.toFixed(0)} / ${burst.spent.rssPeak.toFixed(0)}` });
  out.push({ measure: '… worker CPU per invoice in the burst, no endpoint / one endpoint, ms', dunwell: `${perInvoice(none.spent, none.began.size, 'workerCpu')} / ${perInvoice(burst.spent, burst.began.size, 'workerCpu')}` });
  out.push({
    measure: '… Temporal server CPU per invoice in the burst, no endpoint / one endpoint, ms; bare: its lanes\' two events',
    dunwell: `${perInvoice(none.spent, none.began.size, 'serverCpu')} / ${perInvoice(burst.spent, burst.began.size, 'serverCpu')}`,
    bare: perInvoice(bareBurst.spent, ub.invoices, 'serverCpu'),
  });
}

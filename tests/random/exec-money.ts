// Money operations: payments (manual, Stripe, Standard Webhooks), redeliveries, refunds (also
// before their payment), disputes, pending then failed or succeeded payments. Each states what
// the model expects the answer to be, then moves the model.
import { Payment } from '../../db/entities';
import { type Ctx, Divergence, expectOutcome, expectStatus, expectStored, isHostile, pick, untilAnswered } from './context';
import { applyPayment, applyRefund, balance, pause, takesMoney, unpause, type ModelInvoice } from './model';
import type { Op } from './ops';
import { deliver, dispute, intent, paymentsEvent, refundCharge, rid, stripeEvent, type SentEvent } from './webhooks';

type MoneyOp = Extract<Op, { k: 'pay' | 'redeliver' | 'refund' | 'dispute' | 'pending' | 'settlePending' }>;

/** Sends an event (retrying a declared 503), and keeps it for a later redelivery once accepted. */
async function send(ctx: Ctx, ev: SentEvent) {
  const r = await untilAnswered(ctx, () => deliver(ctx.sys, ev));
  if (r.status === 200) ctx.events.push(ev);
  return r;
}

const issued = (ctx: Ctx, n: number) => {
  const m = pick(ctx.invoices.filter((i) => i.status !== 'draft'), n);
  if (m) ctx.touched.add(m);
  return m;
};

export async function execMoney(ctx: Ctx, op: MoneyOp): Promise<void> {
  switch (op.k) {
    case 'pay': return pay(ctx, op);
    case 'redeliver': {
      const ev = pick(ctx.events, op.ev);
      if (!ev) return;
      const r = await untilAnswered(ctx, () => deliver(ctx.sys, ev));
      expectOutcome(ctx, op, r, ['duplicate'], 'the same event id again');
      return;
    }
    case 'refund': return refund(ctx, op);
    case 'dispute': {
      const m = issued(ctx, op.inv);
      if (!m) return;
      const pi = pick(m.payments.filter((p) => p.source === 'stripe'), op.inv)?.providerId ?? rid('pi');
      const r = await send(ctx, stripeEvent('charge.dispute.created', dispute(pi, m.id, 1_000)));
      // A dispute pauses an open invoice that is not paused already.
      const allowed = m.status !== 'open' || m.paused === true ? ['rejected'] : m.paused === 'unknown' ? ['rejected', 'disputed'] : ['disputed'];
      if (expectOutcome(ctx, op, r, allowed, `status ${m.status}, paused ${m.paused}`) === 'disputed') pause(m, null);
      else if (m.status === 'open') m.paused = true;
      return;
    }
    case 'pending': {
      const m = issued(ctx, op.inv);
      if (!m) return;
      const id = rid(op.via === 'stripe' ? 'pi' : 'tx');
      const amount = Math.max(1, balance(m));
      const ev = op.via === 'stripe' ? stripeEvent('payment_intent.processing', intent(id, m.id, amount)) : paymentsEvent('payment.pending', { id, amount, invoice_id: m.id });
      const r = await send(ctx, ev);
      if (expectOutcome(ctx, op, r, m.status === 'open' ? ['pending'] : ['rejected'], `status ${m.status}`) === 'pending') {
        pause(m, ctx.sys.now() + 14 * 86_400_000, `${op.via}:${id}`);
        m.pending = { source: op.via, providerId: id, amount };
      }
      return;
    }
    case 'settlePending': {
      const m = issued(ctx, op.inv);
      if (!m?.pending) return;
      const { source, providerId, amount } = m.pending;
      m.pending = null;
      if (op.succeeded) return pay(ctx, { k: 'pay', inv: ctx.invoices.indexOf(m), via: source, size: 'full', orphan: false }, { m, providerId, amount });
      const ev = source === 'stripe'
        ? stripeEvent('payment_intent.payment_failed', intent(providerId, m.id, amount, { last_payment_error: { message: 'insufficient funds' } }))
        : paymentsEvent('payment.failed', { id: providerId, amount, invoice_id: m.id, reason: 'insufficient funds' });
      const r = await send(ctx, ev);
      // A workflow still running (open, or paid and watching) hears it; a finished one refuses.
      expectOutcome(ctx, op, r, takesMoney(m) ? ['failed'] : ['rejected'], `status ${m.status}`);
      if (m.pendingPaymentId === `${source}:${providerId}` && m.paused !== false) unpause(m);
      m.pendingPaymentId = null;
      return;
    }
  }
}

async function pay(ctx: Ctx, op: Extract<Op, { k: 'pay' }>, given?: { m: ModelInvoice; providerId: string; amount: number }): Promise<void> {
  const m = given?.m ?? pick(ctx.invoices, op.inv);
  if (!m) return;
  ctx.touched.add(m);
  const due = balance(m);
  const amount = given?.amount ?? (op.size === 'part' ? Math.max(1, Math.floor(due / 3)) : op.size === 'full' ? due || 500 : due + 1_234);
  const at = ctx.sys.now();
  if (op.via === 'manual') {
    const r = await ctx.sys.call('POST', `/v1/invoices/${m.id}/payments`, { amount, method: 'bank_transfer', ...(op.ref !== undefined ? { reference: op.ref } : {}) });
    const refOk = op.ref === undefined || (op.ref.trim().length >= 1 && op.ref.trim().length <= 200);
    // Only an open invoice takes a manual payment, and never more than is due.
    const expected = m.status !== 'open' ? [409] : !refOk || amount > due ? [400] : [201];
    // The body is read before the invoice's state: a bad reference may be the first reason to refuse.
    const answers = isHostile(op.ref) || !refOk ? [...new Set([...expected, 400])] : expected;
    expectStatus(ctx, op, r, answers, `status ${m.status}, due ${due}, amount ${amount}`);
    if (r.status !== 201) return;
    applyPayment(m, amount, at);
    if (op.ref !== undefined) {
      const row = await ctx.sys.orm.em.fork().findOne(Payment, { invoiceId: m.id, kind: 'payment' }, { orderBy: { recordedAt: 'desc' } });
      expectStored(op, 'payment reference', row?.reference, op.ref.trim());
    }
    return;
  }
  if (m.status === 'draft') return; // a provider has no draft to pay (no number, no link)
  const orphan = op.orphan ? m.orphans.find((o) => o.source === op.via) : undefined;
  if (orphan) m.orphans.splice(m.orphans.indexOf(orphan), 1);
  const providerId = given?.providerId ?? orphan?.providerId ?? rid(op.via === 'stripe' ? 'pi' : 'tx');
  const ev = op.via === 'stripe'
    ? stripeEvent('payment_intent.succeeded', intent(providerId, m.id, amount))
    : paymentsEvent('payment.succeeded', { id: providerId, amount, invoice_id: m.id, ...(op.ref !== undefined ? { reference: op.ref } : {}) });
  const r = await send(ctx, ev);
  const refTooLong = op.via === 'payments' && op.ref !== undefined && op.ref.length > 500;
  if (refTooLong) return void expectStatus(ctx, op, r, [400], 'reference over 500 characters');
  // Hostile text may be refused as a whole (400, nothing stored) instead of stored as sent.
  if (op.via === 'payments' && isHostile(op.ref) && r.status === 400) return;
  // A paid invoice still takes money (it becomes the client's credit); a void or written-off one holds it.
  const outcome = expectOutcome(ctx, op, r, takesMoney(m) ? ['applied'] : ['unapplied'], `status ${m.status}`);
  if (outcome !== 'applied') return;
  applyPayment(m, amount, at);
  m.payments.push({ source: op.via, providerId, amount });
  if (m.pendingPaymentId === `${op.via}:${providerId}` && m.paused !== false) unpause(m);
  if (op.via === 'payments' && op.ref !== undefined) {
    const row = await ctx.sys.orm.em.fork().findOne(Payment, { paymentKey: `payments:${providerId}` });
    // A signed event cannot be refused into a retry loop: what PostgreSQL cannot keep (NUL, lone
    // surrogates, bidi and other controls) is dropped, the rest stored as sent.
    expectStored(op, 'payment reference', row?.reference, withoutUnstorable(op.ref));
  }
}

/** The tester's own reading of "storable": controls (tab, CR, LF kept), bidi controls, lone surrogates. */
const withoutUnstorable = (s: string) =>
  s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');

async function refund(ctx: Ctx, op: Extract<Op, { k: 'refund' }>): Promise<void> {
  const m = issued(ctx, op.inv);
  if (!m) return;
  const known = op.known ? pick(m.payments.filter((p) => p.source === op.via), op.pay) : undefined;
  const providerId = known?.providerId ?? rid(op.via === 'stripe' ? 'pi' : 'tx');
  const amount = Math.max(1, Math.ceil(((known?.amount ?? m.total) * op.percent) / 100));
  const refundId = rid('re');
  const ev = op.via === 'stripe'
    ? stripeEvent('charge.refunded', refundCharge(providerId, m.id, refundId, amount))
    : paymentsEvent('payment.refunded', { id: providerId, refund_id: refundId, amount, invoice_id: m.id });
  const r = await send(ctx, ev);
  const outcome = expectOutcome(ctx, op, r, takesMoney(m) ? ['refunded'] : ['rejected'], `status ${m.status}`);
  if (outcome !== 'refunded') return;
  applyRefund(m, amount);
  if (!known) m.orphans.push({ source: op.via, providerId });
  if (known && m.paid < 0 && m.payments.length === 0) throw new Divergence('model: refund of a known payment with no payments');
}

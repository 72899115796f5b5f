// Extra scope (habit 8): proposed by the owner, approved or declined in writing by the client,
// billed only once approved and then beside the original lines, never mixed in with them.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ChangeOrder, Invoice, InvoiceLink } from '../db/entities';
import type { Orm } from '../db/orm';
import { MAX_LEDGER_SUM } from '../domain/account';
import { computeTotals, type LineInput } from '../domain/money';
import type { changeOrderEmailWorkflow } from '../workflows/change-order-email';
import { decideChangeOrderUpdate } from '../workflows/messages';
import { DomainError } from './errors';
import { updateInvoice } from './invoice-commands';
import { changeOrderUrl, newToken, TOKEN_PATTERN } from './invoice-links';

export interface ChangeOrderDeps {
  orm: Orm;
  temporal: Client;
  taskQueue: string;
  publicUrl: string;
}

export async function proposeChangeOrder(deps: ChangeOrderDeps, invoice: Invoice, input: { description: string; reason: string; lines: LineInput[] }) {
  if (invoice.status !== 'open') throw new DomainError('invoice_closed', `Invoice ${invoice.number ?? invoice.id} is ${invoice.status}; change orders go on open invoices.`);
  const totals = computeTotals(input.lines);
  if (invoice.total + invoice.changesTotal + totals.total > MAX_LEDGER_SUM) {
    throw new DomainError('payment_rejected', 'The change orders on one invoice cannot add up to that much.', [{ field: 'lines', message: 'takes the invoice past the largest amount Dunwell keeps' }]);
  }
  const order = Object.assign(new ChangeOrder(), {
    id: randomUUID(), invoiceId: invoice.id, token: newToken(), description: input.description, reason: input.reason,
    lines: totals.lines, subtotal: totals.subtotal, taxTotal: totals.taxTotal, total: totals.total, status: 'pending' as const, createdAt: new Date(),
  });
  await deps.orm.em.fork().persistAndFlush(order);
  // The email goes through an activity (retries, idempotency key), like every other email.
  await deps.temporal.workflow.start<typeof changeOrderEmailWorkflow>('changeOrderEmailWorkflow', {
    taskQueue: deps.taskQueue, workflowId: `change-order-${order.id}`, args: [order.id],
  });
  return { order, approvalUrl: changeOrderUrl(deps.publicUrl, order.token) };
}

/** A proposal the client has not answered in this long lapses; the owner proposes it again. */
export const CHANGE_ORDER_TTL_DAYS = 30;

export const changeOrderExpiresAt = (order: ChangeOrder) => new Date(order.createdAt.getTime() + CHANGE_ORDER_TTL_DAYS * 86_400_000);

/**
 * Why a pending change order can no longer be decided, or null while it can: it lapsed, its
 * invoice closed, or the client's link was rotated after it was sent (a rotation withdraws every
 * link the client was given). Read from the records, so nothing has to be written when it dies.
 */
async function whyClosed(em: EntityManager, order: ChangeOrder, invoice: Invoice, now: Date): Promise<string | null> {
  if (order.status !== 'pending') return null;
  if (invoice.status !== 'open') return `The invoice is ${invoice.status}, so this change order can no longer be decided.`;
  if (changeOrderExpiresAt(order) <= now) return `This change order expired on ${changeOrderExpiresAt(order).toISOString().slice(0, 10)} and can no longer be decided; please ask for a new one.`;
  const link = await em.findOne(InvoiceLink, { invoiceId: invoice.id, revokedAt: null });
  if (!link || link.createdAt > order.createdAt) return 'This link was withdrawn, so this change order can no longer be decided; please ask for a new one.';
  return null;
}

/** The change orders the client's page and PDF show: decided ones, and pending ones still open. */
export async function shownChangeOrders(orm: Orm, invoiceId: string, now = new Date()): Promise<ChangeOrder[]> {
  const em = orm.em.fork();
  const [orders, invoice] = await Promise.all([
    em.find(ChangeOrder, { invoiceId, status: { $ne: 'declined' } }, { orderBy: { createdAt: 'asc' } }),
    em.findOneOrFail(Invoice, { id: invoiceId }),
  ]);
  const open = await Promise.all(orders.map(async (o) => o.status !== 'pending' || !(await whyClosed(em, o, invoice, now))));
  return orders.filter((_, i) => open[i]);
}

export async function changeOrderForToken(orm: Orm, token: string, now = new Date()) {
  if (!TOKEN_PATTERN.test(token)) return null;
  const em = orm.em.fork();
  const order = await em.findOne(ChangeOrder, { token });
  if (!order) return null;
  const invoice = await em.findOneOrFail(Invoice, { id: order.invoiceId });
  return { order, invoice, closed: await whyClosed(em, order, invoice, now) };
}

/**
 * The client's written decision: the name they typed, when, from where, with what. It goes to the
 * invoice's workflow, which decides and then records it; nothing here writes the decision itself,
 * so a decision the workflow refuses leaves no trace, and one it takes is never lost.
 */
export async function decideChangeOrder(
  deps: ChangeOrderDeps,
  token: string,
  decision: { approve: boolean; name: string; ip: string; userAgent: string },
): Promise<ChangeOrder> {
  const em = deps.orm.em.fork();
  const order = TOKEN_PATTERN.test(token) ? await em.findOne(ChangeOrder, { token }) : null;
  if (!order) throw new DomainError('not_allowed_now', 'No such change order.');
  if (order.status !== 'pending') throw new DomainError('not_allowed_now', `This change order was already ${order.status}.`);
  const invoice = await em.findOneOrFail(Invoice, { id: order.invoiceId });
  if (!invoice.workflowId) throw new DomainError('not_allowed_now', 'The invoice has not been issued.');
  const closed = await whyClosed(em, order, invoice, new Date());
  if (closed) throw new DomainError('change_order_closed', closed);
  await updateInvoice(deps.temporal, invoice, decideChangeOrderUpdate, {
    changeOrderId: order.id, approved: decision.approve, amount: order.total, description: order.description, name: decision.name,
    at: new Date().toISOString(), ip: decision.ip.slice(0, 100), userAgent: decision.userAgent.slice(0, 500),
  }, 'decide this change order', `change_order:${order.id}`);
  const decided = await deps.orm.em.fork().findOneOrFail(ChangeOrder, { id: order.id });
  // Two decisions at once: the workflow took the first; the second learns what it was.
  if (decided.status !== (decision.approve ? 'approved' : 'declined')) throw new DomainError('not_allowed_now', `This change order was already ${decided.status}.`);
  return decided;
}

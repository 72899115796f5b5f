// Extra scope (habit 8): proposed by the owner, approved or declined in writing by the client,
// billed only once approved and then beside the original lines, never mixed in with them.
import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { Client } from '@temporalio/client';
import { ChangeOrder, Invoice, TimelineEvent } from '../db/entities';
import type { Orm } from '../db/orm';
import { computeTotals, formatMoney, type LineInput } from '../domain/money';
import type { changeOrderEmailWorkflow } from '../workflows/change-order-email';
import { addChangeOrderUpdate } from '../workflows/messages';
import { DomainError } from './errors';
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

export async function changeOrderForToken(orm: Orm, token: string) {
  if (!TOKEN_PATTERN.test(token)) return null;
  const em = orm.em.fork();
  const order = await em.findOne(ChangeOrder, { token });
  if (!order) return null;
  return { order, invoice: await em.findOneOrFail(Invoice, { id: order.invoiceId }) };
}

/** The client's written decision: the name they typed, when, from where, with what. */
export async function decideChangeOrder(
  deps: ChangeOrderDeps,
  token: string,
  decision: { approve: boolean; name: string; ip: string; userAgent: string },
): Promise<ChangeOrder> {
  return deps.orm.em.fork().transactional(async (em) => {
    const order = await em.findOne(ChangeOrder, { token }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!order) throw new DomainError('not_allowed_now', 'No such change order.');
    if (order.status !== 'pending') throw new DomainError('not_allowed_now', `This change order was already ${order.status}.`);
    const invoice = await em.findOneOrFail(Invoice, { id: order.invoiceId });
    em.assign(order, {
      status: decision.approve ? 'approved' : 'declined', decidedName: decision.name, decidedAt: new Date(),
      decidedIp: decision.ip.slice(0, 100), decidedUserAgent: decision.userAgent.slice(0, 500),
    });
    if (decision.approve) {
      // The workflow first (idempotent by id); the row lock holds off a second decision meanwhile.
      await deps.temporal.workflow.getHandle(invoice.workflowId!).executeUpdate(addChangeOrderUpdate, {
        args: [{ changeOrderId: order.id, amount: order.total, description: order.description }],
        updateId: `change_order:${order.id}`,
      });
      await em.execute('update invoice set changes_total = changes_total + ? where id = ?', [order.total, invoice.id]);
    }
    const verb = decision.approve ? 'approved' : 'declined';
    em.persist(Object.assign(new TimelineEvent(), {
      invoiceId: invoice.id, key: `change_order_decision:${order.id}`, kind: `change_order_${verb}`, at: new Date(),
      message: `Change order "${order.description}" (${formatMoney(order.total, invoice.currency)}) ${verb} by ${decision.name}.`,
    }));
    return order;
  });
}
